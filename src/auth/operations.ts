// Every API operation and the scope it needs. One table for every transport (gRPC method names,
// the HTTP routes map to the same names), so an operation cannot be served without a rule.
import type { Scope } from './principal.js';

export interface OperationRule {
  readonly scope: Scope;
  /** Whether the request names a store (checked against the principal's per-store grants). */
  readonly storeScoped: boolean;
}

const store = (scope: Scope): OperationRule => ({ scope, storeScoped: true });
const global = (scope: Scope): OperationRule => ({ scope, storeScoped: false });

export const operationRules = {
  // openfga.v1
  Check: store('check'),
  BatchCheck: store('check'),
  Expand: store('check'),
  ListObjects: store('check'),
  StreamedListObjects: store('check'),
  ListUsers: store('check'),
  Read: store('read'),
  ReadChanges: store('read'),
  GetStore: store('read'),
  ListStores: global('read'),
  ReadAuthorizationModel: store('read'),
  ReadAuthorizationModels: store('read'),
  ReadAssertions: store('read'),
  Write: store('write'),
  WriteAuthorizationModel: store('model'),
  WriteAssertions: store('model'),
  CreateStore: global('admin'),
  UpdateStore: store('admin'),
  DeleteStore: store('admin'),
  // relata.v1
  ListObjectsPage: store('check'),
  CreateApiClient: global('admin'),
  ListApiClients: global('admin'),
  GetApiClient: global('admin'),
  DisableApiClient: global('admin'),
  EnableApiClient: global('admin'),
  RotateApiClientKey: global('admin'),
  DeleteApiClient: global('admin'),
  // Which relations are AuthZEN actions: store configuration, like the model.
  ReadAuthzenActions: store('read'),
  WriteAuthzenActions: store('model'),
  // The audit trail names other callers, their addresses and request contexts: admins only.
  ReadAuditRecords: store('admin'),
  // HTTP `GET /audit`: the global chain's store-less records (over gRPC: ReadAuditRecords without a store_id).
  ReadGlobalAuditRecords: global('admin'),
  AuditReport: store('admin'),
  VerifyAudit: store('admin'),
  DeleteTuples: store('write'),
  WriteTuples: store('write'),
  ReadTuples: store('read'),
  Explain: store('check'),
  ListPermissions: store('check'),
  ListRelations: store('check'),
} as const satisfies Record<string, OperationRule>;

export type ApiOperation = keyof typeof operationRules;
