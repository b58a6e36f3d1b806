// The decision engine: Check, BatchCheck, Expand, ListObjects, ListUsers over a TupleReader.
export * from './tuple-reader.js';
export * from './api.js';
export * from './engine.js';
export * from './check-session.js';
export * from './condition-port.js';
export * from './contextual-reader.js';
export * from './expand.js';
export * from './model-index.js';
export * from './request-reader.js';
export * from './request-validation.js';
export * from './set-operators.js';
export * from './cel-conditions.js';
export * from './list-objects.js';
export * from './list-objects-page.js';
export * from './list-objects-limits.js';
export * from './list-users.js';
