// The typed authorization model, its errors and tuple forms: the vocabulary every layer shares.
export * from './types.js';
export * from './condition-param-types.js';
export * from './errors.js';
export * from './tuple.js';
export * from './model-error.js';
export * from './naming-rules.js';
export * from './object-id.js';
export * from './identifier.js';
export * from './type-system.js';
export * from './tuple-validation.js';
export * from './validate-model.js';
export * from './parse-json-model.js';
export * from './validate-json-model.js';
export * from './server-rules.js';
export { nodesReachingCycle, stronglyConnected } from './graph-cycles.js';
export type { Components } from './graph-cycles.js';
export { findSymbol, SourceLocator } from './source-locator.js';
export type { SourcePosition, SymbolAnchor } from './source-locator.js';
