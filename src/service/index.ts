// The use cases behind every API call, transport-agnostic: createRelataService is the entry.
export * from './types.js';
export * from './relata-service.js';
export type { ServiceLimits } from './context.js';
export type { ExpandNode, ExpandOutput } from './expand.js';
export { createChangeFeed } from './change-feed.js';
export { createWorkerModelChecker } from './model-checker.js';
export type { ModelChecker, WorkerModelChecker } from './model-checker.js';
export type { Caller } from './caller.js';
export { createApiClientAdmin, parseExpiry, parseScopeGrant } from './api-clients.js';
export type { ApiClientAdmin, ApiClientAdminOptions, ApiClientInfo, CreateApiClientInput, IssuedApiClient, ScopeGrant } from './api-clients.js';
export type { AuditReportInput, ReadAuditInput } from './audit.js';
export * from './bulk/index.js';
export type { ExplainInput, ExplainOutput } from './explain.js';
export type { ExplainNode } from '../engine/index.js';
export type { ListPermissionsInput, ListPermissionsOutput, ListRelationsInput, ListRelationsOutput, PermissionFailure } from './list-permissions.js';
