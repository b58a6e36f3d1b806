// Logging, request ids, Prometheus metrics and the /metrics + /healthz endpoint.
export * from './logger.js';
export * from './request-id.js';
export * from './metrics.js';
export * from './loop-delay.js';
export * from './http-server.js';
export * from './audit-metrics.js';
export * from './cluster-metrics.js';
