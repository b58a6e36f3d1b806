// Typed configuration from environment variables, validated at start.
export * from './config.js';
export * from './audit.js';
