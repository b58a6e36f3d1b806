// Typed configuration from environment variables, validated at start.
export * from './config.js';
export * from './auth.js';
export * from './tls.js';
export * from './http.js';
export * from './audit.js';
export * from './workers.js';
