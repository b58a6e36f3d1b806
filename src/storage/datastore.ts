// The storage port: small role interfaces whose doc comments are the contract that every backend
// (postgres, pglite, memory) meets, as checked by test/conformance/storage.
//
// Errors, for every method: bad input -> ValidationError naming the field; the database cannot
// be reached -> UnavailableError (callers fail closed); any other driver failure -> InternalError
// with the driver error as `cause` only. Strings compare in code point order everywhere (the SQL
// backends use the "C" collation), so all backends list and page in the same order.

import type { AuthorizationModel, TupleKey } from '../model/index.js';
import type { TupleReader } from '../engine/index.js';
import type { ApiClientRepository } from './api-clients.js';
import type { AuditDraft, AuditRepository } from './audit-repository.js';
import type { TupleImporter } from './tuple-import.js';

export interface Page<T> {
  items: T[];
  /**
   * '' when there is nothing more (except ReadChanges, see there). Opaque to callers: base64url of
   * the last key returned, valid only for the listing that produced it; a malformed or foreign
   * token -> ValidationError InvalidContinuationToken. Never sent to callers as is: the service
   * signs it for its store and listing (src/service/tokens.ts).
   */
  continuationToken: string;
}

export interface PageRequest {
  /** 1..100 for the API; storage accepts any positive number. */
  pageSize: number;
  continuationToken?: string;
}

export interface StoreRecord {
  id: string;
  name: string;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * Stores. `getStore` of a missing or deleted store returns undefined. Every mutating method of
 * every repository takes an optional `audit` draft last: appended in the change's transaction,
 * only when the change happens (see audit-repository.ts).
 */
export interface StoreRepository {
  /** Throws StoreAlreadyExistsError (AlreadyExists) when the id is taken, even by a deleted store. */
  createStore(store: { id: string; name: string }, audit?: AuditDraft): Promise<StoreRecord>;
  getStore(id: string): Promise<StoreRecord | undefined>;
  /** Ordered by id (ULIDs sort by creation time). Deleted stores are not listed. */
  listStores(page: PageRequest, filter?: { name?: string; ids?: string[] }): Promise<Page<StoreRecord>>;
  updateStore(id: string, name: string, audit?: AuditDraft): Promise<StoreRecord | undefined>;
  /** Soft delete (its tuples and models stay); returns false when the store did not exist or was deleted. */
  deleteStore(id: string, audit?: AuditDraft): Promise<boolean>;
}

/**
 * A checked model already serialized (by the model worker, off the event loop): writing it takes
 * the text as it is, without a parse or a stringify on the caller's thread.
 */
export interface SerializedModel {
  readonly id: string;
  readonly schemaVersion: string;
  /** The model's JSON text (OpenFGA's JSON shape); an `id` in it is ignored, `id` above is the model's. */
  readonly json: string;
}

/** Immutable model versions; ids are ULIDs, so the latest is the highest id. */
export interface ModelRepository {
  /**
   * Stores a model version, given as an object or as its JSON text (read back the same either way).
   * Throws ModelAlreadyExistsError (AlreadyExists) when the store already has this id.
   */
  writeModel(storeId: string, model: (AuthorizationModel & { id: string }) | SerializedModel, audit?: AuditDraft): Promise<void>;
  readModel(storeId: string, modelId: string): Promise<AuthorizationModel | undefined>;
  readLatestModel(storeId: string): Promise<AuthorizationModel | undefined>;
  /** Newest first. */
  listModels(storeId: string, page: PageRequest): Promise<Page<AuthorizationModel>>;
}

export type DuplicateWritePolicy = 'error' | 'ignore';
export type MissingDeletePolicy = 'error' | 'ignore';

/** A tuple to write, optionally expiring: from `expiresAt` on, no read sees it (see TupleRepository). */
export type WriteTupleKey = TupleKey & { expiresAt?: Date };

export interface WriteTuplesRequest {
  writes: WriteTupleKey[];
  deletes: TupleKey[];
  onDuplicate?: DuplicateWritePolicy;
  onMissing?: MissingDeletePolicy;
  /**
   * The request's instant (default: the call's time): a stored tuple expired at it counts as
   * absent, so writing it again replaces it (its delete is recorded first) and deleting it is a
   * missing delete.
   */
  now?: Date;
}

export interface WriteResult {
  /**
   * The changelog revision this write committed: the consistency token. Revisions come from one
   * sequence for all stores (comparable across stores) and, within a store, increase in commit
   * order. A request that changes nothing (everything ignored) returns the current revision.
   */
  revision: bigint;
}

export interface ReadTuplesFilter {
  /** `type:id` or just `type:` (all objects of a type). */
  object?: string;
  relation?: string;
  /** `type:id`, `type:*`, `type:id#relation`, or `type:` (every user of a type). */
  user?: string;
  /** Tuples expired at this instant are left out (default: the call's time). */
  now?: Date;
}

export interface StoredTuple {
  key: TupleKey;
  timestamp: Date;
  /** When the tuple stops existing; absent = never. */
  expiresAt?: Date;
}

export type ChangeOperation = 'write' | 'delete';

export interface TupleChange {
  key: TupleKey;
  operation: ChangeOperation;
  timestamp: Date;
  revision: bigint;
  /** The expiry the tuple had (a write of an expiring tuple, or the sweeper's delete of an expired one). */
  expiresAt?: Date;
}

/** Options of a reader for the engine. */
export interface TupleReaderOptions {
  /**
   * The request's one instant: tuples with `expiresAt <= now` are invisible to every read
   * (default: the time the reader is created). The service takes it once per request.
   */
  now?: Date;
}

/** One store's share of a sweep: what the sweeper must invalidate and audit. */
export interface SweptStore {
  storeId: string;
  /** The revision the sweep's changelog deletes committed at. */
  revision: bigint;
  tuples: TupleKey[];
}

export interface SweepResult {
  /** False when another replica holds the sweep lock (nothing was done). */
  swept: boolean;
  stores: SweptStore[];
}

/**
 * The expiry sweeper's storage side. `sweepExpired` deletes up to `batchSize` tuples whose
 * `expiresAt <= now` (earliest first, any store), in one transaction per store that also appends
 * one changelog delete per tuple (carrying its expiry) and, when given, the audit draft for that
 * store. On PostgreSQL a transaction-scoped advisory lock keeps sweeps of several replicas from
 * running at once: a replica that does not get it returns `{ swept: false }`.
 */
export interface ExpiryRepository {
  sweepExpired(now: Date, batchSize: number, audit?: (storeId: string) => AuditDraft): Promise<SweepResult>;
}

export interface ReadChangesRequest extends PageRequest {
  objectType?: string;
  /** Only changes at or after this time; ignored when a continuation token is given. */
  startTime?: Date;
}

/**
 * Tuples and their changelog. `writeTuples` is all-or-nothing: in one transaction it deletes,
 * then writes, appends one changelog row per change, and returns the revision; a duplicate
 * write (policy 'error') throws `TupleAlreadyExistsError`, a missing delete (policy 'error')
 * throws `TupleNotFoundError`, and then nothing is written.
 * - 'ignore' skips a duplicate write only when its condition (name + context) and its expiry
 *   equal the stored ones; otherwise it is still TupleAlreadyExistsError (OpenFGA's rule for
 *   conditions, applied to expiry too: changing an expiry is a delete and a write of the tuple
 *   in one request).
 * - A stored tuple already expired at `request.now` counts as absent (see WriteTuplesRequest).
 * - The same tuple twice within `writes` (or within `deletes`) -> ValidationError
 *   CannotAllowDuplicateTuplesInOneRequest; the same tuple in both is a delete-then-write (how
 *   a tuple's condition is replaced). A malformed key -> ValidationError InvalidTuple.
 * - Tuples are not checked against a model or the store's existence: the service does that.
 * - Concurrent writers of one store are serialized; a contested tuple is written once.
 */
export interface TupleRepository {
  writeTuples(storeId: string, request: WriteTuplesRequest, audit?: AuditDraft): Promise<WriteResult>;
  /**
   * Ordered by (object type, object id, relation, user type, user id, user relation); the token
   * resumes after the last item. Each tuple comes with its condition.
   */
  readTuples(storeId: string, filter: ReadTuplesFilter, page: PageRequest): Promise<Page<StoredTuple>>;
  /**
   * Oldest first (by revision). Unlike other listings the token is always resumable: the last
   * revision returned, or the request's own token when nothing new happened ('' only when there
   * was neither), so a poller keeps calling with the token it got. A delete carries the condition
   * (and expiry) the deleted tuple had.
   */
  readChanges(storeId: string, request: ReadChangesRequest): Promise<Page<TupleChange>>;
  /** The latest committed revision of the store (0n when it has none). */
  currentRevision(storeId: string): Promise<bigint>;
  /** A reader bound to one store and one instant (options.now) for the engine. */
  tupleReader(storeId: string, options?: TupleReaderOptions): TupleReader;
}

export interface Assertion {
  tupleKey: TupleKey;
  expectation: boolean;
  contextualTuples?: TupleKey[];
  context?: Record<string, unknown>;
}

export interface AssertionRepository {
  /** Replaces all assertions of the model (readAssertions of an unknown model returns []). */
  writeAssertions(storeId: string, modelId: string, assertions: Assertion[], audit?: AuditDraft): Promise<void>;
  readAssertions(storeId: string, modelId: string): Promise<Assertion[]>;
}

/** Server-wide settings shared by every replica (e.g. the key that signs tokens). */
export interface SettingRepository {
  /**
   * Stores `value` under `name` unless a value is already stored, and returns the stored value:
   * callers racing to set the same setting all get the one value that won.
   */
  ensureSetting(name: string, value: string): Promise<string>;
}

/** Per-store settings: small texts (JSON) by name, e.g. the AuthZEN actions of each type. */
export interface StoreSettingRepository {
  /** The value stored under `name` for `storeId`; undefined when none is. */
  readStoreSetting(storeId: string, name: string): Promise<string | undefined>;
  /** Replaces the value under `name` (undefined removes it); the last writer wins. */
  writeStoreSetting(storeId: string, name: string, value: string | undefined, audit?: AuditDraft): Promise<void>;
}

/** What `relata index rebuild` did to one store's closure index. */
export interface ClosureRebuild {
  storeId: string;
  /** Pairs the rebuilt index holds. */
  rows: number;
}

export interface Datastore extends StoreRepository, ModelRepository, TupleRepository, ExpiryRepository, AssertionRepository, SettingRepository, StoreSettingRepository, AuditRepository {
  /** API clients of the `clients` authentication method, and their change log. */
  readonly apiClients: ApiClientRepository;
  /** The bulk path (tuple-import.ts); a backend without one is loaded through writeTuples. */
  importTuples?: TupleImporter['importTuples'];
  /**
   * How many batches of one import a caller may have in flight (passing one ImportSequence);
   * absent = 1. More only pays where batches run on connections of their own (PostgreSQL).
   */
  readonly importConcurrency?: number;
  /**
   * Rebuilds the closure index (Leopard, issue 18) of one store, or of every store, from the
   * tuples, each store under its write lock, which clears the store's stale marks (kinds whose
   * maintenance a write left undone: over the bound, or a writer with the index off). Backends
   * that compute the closure on demand (memory) have nothing to rebuild and lack it.
   */
  rebuildClosureIndex?(storeId?: string): Promise<ClosureRebuild[]>;
  /** Which backend this is, for logs and metrics. */
  readonly kind: 'postgres' | 'pglite' | 'memory';
  /** Applies pending migrations; idempotent, and safe when several processes run it at once. */
  migrate(): Promise<void>;
  /** Cheap liveness probe; throws when the backend does not answer. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
