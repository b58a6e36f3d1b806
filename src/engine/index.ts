// The engine's public face: the Engine facade (Check, BatchCheck, Expand, ListObjects,
// StreamedListObjects, ListUsers over a TupleReader), the request and result types, the
// TupleReader port with its readers, and the request checks other layers share. Code outside
// src/engine imports only this file (ESLint enforces it), so the engine's modules can move.
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
export * from './snapshot-reader.js';
export * from './conditions/index.js';
export type { ConditionFailure, ListObjectsResult } from './list-objects.js';
export { maxListObjectsPageSize, pageOf, validatePageSize } from './list-objects-page.js';
export type { ListObjectsPage, ListObjectsPageRequest, SortedAnswer } from './list-objects-page.js';
export { defaultListDeadlineMs, defaultListMaxResults } from './list-objects-limits.js';
export type { ListOptions } from './list-objects-limits.js';
export { formatListedUser, toListedUser } from './list-users.js';
export type { ListUsersOptions, ListUsersResult } from './list-users.js';
