// The engine's public face: the Engine facade (Check, BatchCheck, Expand, ListObjects,
// StreamedListObjects, ListUsers over a TupleReader), the request and result types, the
// TupleReader port with its readers, and the request checks other layers share. Code outside
// src/engine imports only this file (ESLint enforces it), so the engine's modules can move.
export * from './read/tuple-reader.js';
export * from './api.js';
export * from './engine.js';
export * from './check/check-session.js';
export type { SubResult, SubResults } from './check/sub-results.js';
export * from './conditions/condition-port.js';
export * from './read/contextual-reader.js';
export * from './check/expand.js';
export * from './model-index.js';
export * from './read/request-reader.js';
export * from './request-validation.js';
export * from './check/set-operators.js';
export * from './conditions/cel-conditions.js';
export * from './read/snapshot-reader.js';
export * from './read/expiry-observer.js';
export * from './conditions/index.js';
export type { ConditionFailure, ListObjectsResult } from './list/list-objects.js';
export { maxListObjectsPageSize, pageOf, validatePageSize } from './list/list-objects-page.js';
export type { ListObjectsPage, ListObjectsPageRequest, SortedAnswer } from './list/list-objects-page.js';
export { defaultListDeadlineMs } from './list/list-limits.js';
export type { ListOptions } from './list/list-limits.js';
export { formatListedUser, toListedUser } from './list/list-users.js';
export type { ListUsersOptions, ListUsersResult } from './list/list-users.js';
export * from './explain/explanation.js';
export { explainNodes } from './explain/render.js';
export { maxPermissionFilters, maxPermissionTargets, permissionKey, permissionTargets, splitPermissionKey } from './permissions/list-permissions.js';
export type { ListPermissionsRequest } from './permissions/list-permissions.js';
export { maxListedRelations } from './permissions/list-relations.js';
export type { ListRelationsRequest, ListRelationsResult } from './permissions/list-relations.js';
