// Caller identity: who calls (authentication methods) and what each caller may do (scopes per store).
export * from './principal.js';
export * from './operations.js';
export * from './authenticator.js';
export * from './errors.js';
export * from './create-authenticator.js';
export * from './failure-slowdown.js';
export * from './preshared.js';
export * from './oidc.js';
export * from './oidc-scopes.js';
export * from './clients/index.js';
