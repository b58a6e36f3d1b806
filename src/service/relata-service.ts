// The service object: one method per API call, plain TypeScript in and out. Transports (gRPC,
// HTTP) and the CLI call this and nothing below it.
import type { AuthorizationModel } from '../model/index.js';
import type { Datastore } from '../storage/datastore.js';
import type { Logger } from '../observability/logger.js';
import { resolveLimits } from './limits.js';
import type { ServiceContext, ServiceLimits } from './context.js';
import type { DecisionCache } from '../cache/decision-cache.js';
import { ModelResolver } from './model-resolver.js';
import { engineFactory } from './engine-access.js';
import { createTargetChecker } from './cached-check.js';
import { createPassThroughChecker } from './target-checker.js';
import { StoreGuard } from './store-guard.js';
import { createStore, deleteStore, getStore, listStores, updateStore } from './stores.js';
import { readAuthorizationModel, readAuthorizationModels, writeAuthorizationModel } from './models.js';
import { write } from './write.js';
import { writeTuples } from './write-tuples.js';
import type { WriteTuplesInput } from './write-tuples.js';
import { read } from './read.js';
import { readChanges } from './read-changes.js';
import { readAssertions, writeAssertions } from './assertions.js';
import { check } from './check.js';
import { batchCheck } from './batch-check.js';
import { expand } from './expand.js';
import type { ExpandOutput } from './expand.js';
import type { Caller } from './caller.js';
import { AuditTrail } from '../audit/audit-trail.js';
import type { AuditReport, AuditView, ChainReport } from '../audit/index.js';
import { readAuditRecords, readAuditReport, verifyStoreAudit, type AuditReportInput, type ReadAuditInput } from './audit.js';
import { listObjects, streamListObjects } from './list-objects.js';
import { listObjectsPage } from './list-objects-page.js';
import { createSnapshotAnswers } from './snapshot-answers.js';
import { listUsers } from './list-users.js';
import { readAuthzenActions, writeAuthzenActions } from './authzen-actions.js';
import { explain } from './explain.js';
import type { ExplainInput, ExplainOutput } from './explain.js';
import { listPermissions, listRelations } from './list-permissions.js';
import type { ListPermissionsInput, ListPermissionsOutput, ListRelationsInput, ListRelationsOutput } from './list-permissions.js';
import { Tokens } from './tokens.js';
import { createApiClientAdmin, type ApiClientAdmin, type ApiClientAdminOptions } from './api-clients.js';
import { deleteTuplesByFilter } from './bulk/delete-by-filter.js';
import type { DeleteTuplesInput, DeleteTuplesOutput } from './bulk/delete-by-filter.js';
import { openTupleImport } from './bulk/tuple-import.js';
import type { TupleImport, TupleImportInput } from './bulk/tuple-import.js';
import { exportTuples } from './bulk/tuple-export.js';
import type { TupleKey } from '../model/index.js';
import { inProcessModelChecker, type ModelChecker } from './model-checker.js';
import type {
  AuthzenActions,
  BatchCheckInput,
  BatchCheckOutput,
  CheckInput,
  CheckOutput,
  CreateStoreInput,
  ExpandInput,
  ListObjectsInput,
  ListObjectsOutput,
  ListObjectsPageInput,
  ListObjectsPageOutput,
  ListStoresInput,
  ListUsersInput,
  ListUsersOutput,
  Paged,
  ReadAssertionsInput,
  ReadAssertionsOutput,
  ReadChangesInput,
  ReadInput,
  ReadModelsInput,
  StoreInfo,
  StoredTuple,
  TupleChange,
  UpdateStoreInput,
  WriteAssertionsInput,
  WriteAuthzenActionsInput,
  WriteInput,
  WriteModelInput,
  WriteOutput,
} from './types.js';

/**
 * Every method takes the request's `caller` last: who asked, from where and why (the audit
 * actor). Absent only for in-process callers such as the CLI and tests.
 */
export interface RelataService {
  createStore(input: CreateStoreInput, caller?: Caller): Promise<StoreInfo>;
  getStore(storeId: string, caller?: Caller): Promise<StoreInfo>;
  listStores(input: ListStoresInput, caller?: Caller): Promise<Paged<StoreInfo>>;
  updateStore(input: UpdateStoreInput, caller?: Caller): Promise<StoreInfo>;
  deleteStore(storeId: string, caller?: Caller): Promise<void>;
  writeAuthorizationModel(input: WriteModelInput, caller?: Caller): Promise<{ authorizationModelId: string }>;
  readAuthorizationModel(storeId: string, modelId: string, caller?: Caller): Promise<AuthorizationModel>;
  readAuthorizationModels(input: ReadModelsInput, caller?: Caller): Promise<Paged<AuthorizationModel>>;
  write(input: WriteInput, caller?: Caller): Promise<WriteOutput>;
  /** relata.v1: Write whose tuples may carry an expiry (`expires_at`); Read returns it. */
  writeTuples(input: WriteTuplesInput, caller?: Caller): Promise<WriteOutput>;
  read(input: ReadInput, caller?: Caller): Promise<Paged<StoredTuple>>;
  readChanges(input: ReadChangesInput, caller?: Caller): Promise<Paged<TupleChange>>;
  check(input: CheckInput, caller?: Caller): Promise<CheckOutput>;
  batchCheck(input: BatchCheckInput, caller?: Caller): Promise<BatchCheckOutput>;
  expand(input: ExpandInput, caller?: Caller): Promise<ExpandOutput>;
  listObjects(input: ListObjectsInput, caller?: Caller): Promise<ListObjectsOutput>;
  /** Objects as they are found; the iterator ends at the result cap or the list deadline. */
  streamListObjects(input: ListObjectsInput, signal?: AbortSignal, caller?: Caller): AsyncIterable<string>;
  /** relata.v1: ListObjects in pages, every page read from the snapshot the first one pinned. */
  listObjectsPage(input: ListObjectsPageInput, caller?: Caller): Promise<ListObjectsPageOutput>;
  listUsers(input: ListUsersInput, caller?: Caller): Promise<ListUsersOutput>;
  /** relata.v1: Check's verdict with the path that granted it or the branches that failed. */
  explain(input: ExplainInput, caller?: Caller): Promise<ExplainOutput>;
  /** relata.v1: every object#relation the user has on some types, paged from one revision. */
  listPermissions(input: ListPermissionsInput, caller?: Caller): Promise<ListPermissionsOutput>;
  /** relata.v1: every relation the user has on one object, in one evaluation. */
  listRelations(input: ListRelationsInput, caller?: Caller): Promise<ListRelationsOutput>;
  writeAssertions(input: WriteAssertionsInput, caller?: Caller): Promise<void>;
  readAssertions(input: ReadAssertionsInput, caller?: Caller): Promise<ReadAssertionsOutput>;
  /** relata.v1 API client management (admin scope). */
  readonly apiClients: ApiClientAdmin;
  /** relata.v1: which relations of each type AuthZEN's action search offers (replaced whole). */
  writeAuthzenActions(input: WriteAuthzenActionsInput, caller?: Caller): Promise<AuthzenActions>;
  readAuthzenActions(storeId: string, caller?: Caller): Promise<AuthzenActions>;
  /** relata.v1: the store's audit records, newest first (src/service/audit.ts). */
  readAuditRecords(input: ReadAuditInput, caller?: Caller): Promise<Paged<AuditView>>;
  auditReport(input: AuditReportInput, caller?: Caller): Promise<AuditReport>;
  verifyAudit(storeId: string, caller?: Caller): Promise<ChainReport[]>;
  /** relata.v1: every tuple matching a filter, deleted in atomic batches (service/bulk/). */
  deleteTuples(input: DeleteTuplesInput, caller?: Caller): Promise<DeleteTuplesOutput>;
  /** Bulk loading in idempotent batches, validated against one model version (service/bulk/). */
  openTupleImport(input: TupleImportInput, caller?: Caller): Promise<TupleImport>;
  /** Every tuple of a store, in Read's order. */
  /** Every tuple of a store, in Read's order; expiring ones (not yet expired) with their `expiresAt`. */
  exportTuples(input: { storeId: string; signal?: AbortSignal }, caller?: Caller): AsyncIterable<TupleKey & { expiresAt?: Date }>;
  /** Liveness of the datastore, for health checks. */
  ready(): Promise<boolean>;
  /** Loads the token signing key (creating and storing it on first start). */
  tokensReady(): Promise<void>;
}

export interface RelataServiceOptions {
  datastore: Datastore;
  logger: Logger;
  limits?: Partial<ServiceLimits>;
  /** The decision cache (built by the composition root with createChangeFeed(datastore)). */
  cache?: DecisionCache;
  /**
   * The key that signs tokens (RELATA_TOKEN_SECRET); absent = a random key generated on first use
   * and kept in the datastore, shared by every replica of that datastore.
   */
  tokenSecret?: string;
  /** Where model writes are checked; default in process (servers pass a worker thread's). */
  modelChecker?: ModelChecker;
  /** API client management: the slow hash's cost, and the local clients method's `sync` to run after a change. */
  apiClients?: ApiClientAdminOptions;
  /** The audit trail (decision log, masking, metrics); default: change audit only, nothing masked. */
  audit?: AuditTrail;
  /** The instant of each request, for expiring grants (default: the system clock). */
  clock?: () => Date;
}

export function createRelataService(options: RelataServiceOptions): RelataService {
  const limits: ServiceLimits = resolveLimits(options.limits);
  const ctx: ServiceContext = {
    datastore: options.datastore,
    logger: options.logger,
    limits,
    models: new ModelResolver(options.datastore, { maxModels: limits.modelCacheSize, engine: engineFactory(limits) }),
    stores: new StoreGuard(options.datastore),
    snapshotAnswers: createSnapshotAnswers(limits.listPageCacheMaxObjects),
    tokens: new Tokens(options.datastore, options.tokenSecret),
    modelChecker: options.modelChecker ?? inProcessModelChecker,
    cache: options.cache,
    checker: options.cache ? createTargetChecker(options.cache) : createPassThroughChecker(),
    audit: options.audit ?? new AuditTrail(),
    clock: options.clock ?? (() => new Date()),
  };
  return {
    createStore: (input, caller) => createStore(ctx, input, caller),
    getStore: (storeId) => getStore(ctx, storeId),
    listStores: (input) => listStores(ctx, input),
    updateStore: (input, caller) => updateStore(ctx, input, caller),
    deleteStore: (storeId, caller) => deleteStore(ctx, storeId, caller),
    writeAuthorizationModel: (input, caller) => writeAuthorizationModel(ctx, input, caller),
    readAuthorizationModel: (storeId, modelId) => readAuthorizationModel(ctx, storeId, modelId),
    readAuthorizationModels: (input) => readAuthorizationModels(ctx, input),
    write: (input, caller) => write(ctx, input, caller),
    writeTuples: (input, caller) => writeTuples(ctx, input, caller),
    read: (input) => read(ctx, input),
    readChanges: (input) => readChanges(ctx, input),
    check: (input, caller) => check(ctx, input, caller),
    batchCheck: (input, caller) => batchCheck(ctx, input, caller),
    expand: (input) => expand(ctx, input),
    listObjects: (input) => listObjects(ctx, input),
    streamListObjects: (input, signal) => streamListObjects(ctx, input, signal),
    listObjectsPage: (input) => listObjectsPage(ctx, input),
    listUsers: (input) => listUsers(ctx, input),
    writeAssertions: (input, caller) => writeAssertions(ctx, input, caller),
    explain: (input) => explain(ctx, input),
    listPermissions: (input) => listPermissions(ctx, input),
    listRelations: (input) => listRelations(ctx, input),
    readAssertions: (input) => readAssertions(ctx, input),
    apiClients: createApiClientAdmin(options.datastore.apiClients, { tokens: ctx.tokens, ...options.apiClients, audit: ctx.audit }),
    writeAuthzenActions: (input, caller) => writeAuthzenActions(ctx, input, caller),
    readAuthzenActions: (storeId) => readAuthzenActions(ctx, storeId),
    readAuditRecords: (input) => readAuditRecords(ctx, input),
    auditReport: (input) => readAuditReport(ctx, input),
    verifyAudit: (storeId) => verifyStoreAudit(ctx, storeId),
    deleteTuples: (input, caller) => deleteTuplesByFilter(ctx, input, caller),
    openTupleImport: (input, caller) => openTupleImport(ctx, input, caller),
    exportTuples: (input) => exportTuples(ctx, input),
    tokensReady: async () => {
      await ctx.tokens.ready();
    },
    ready: async () => {
      try {
        await options.datastore.ping();
        return true;
      } catch {
        return false;
      }
    },
  };
}
