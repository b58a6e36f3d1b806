// The storage port: small role interfaces whose doc comments are the contract that every backend
// (postgres, pglite, memory) meets, as checked by test/conformance/storage.

import type { AuthorizationModel, TupleKey } from '../model/index.js';
import type { TupleReader } from '../engine/tuple-reader.js';

export interface Page<T> {
  items: T[];
  /** '' when there is nothing more. Opaque to callers. */
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

/** Stores. `getStore` of a missing or deleted store returns undefined. */
export interface StoreRepository {
  createStore(store: { id: string; name: string }): Promise<StoreRecord>;
  getStore(id: string): Promise<StoreRecord | undefined>;
  /** Ordered by id (ULIDs sort by creation time). Deleted stores are not listed. */
  listStores(page: PageRequest, filter?: { name?: string; ids?: string[] }): Promise<Page<StoreRecord>>;
  updateStore(id: string, name: string): Promise<StoreRecord | undefined>;
  /** Soft delete; returns false when the store did not exist. */
  deleteStore(id: string): Promise<boolean>;
}

/** Immutable model versions; ids are ULIDs, so the latest is the highest id. */
export interface ModelRepository {
  writeModel(storeId: string, model: AuthorizationModel & { id: string }): Promise<void>;
  readModel(storeId: string, modelId: string): Promise<AuthorizationModel | undefined>;
  readLatestModel(storeId: string): Promise<AuthorizationModel | undefined>;
  /** Newest first. */
  listModels(storeId: string, page: PageRequest): Promise<Page<AuthorizationModel>>;
}

export type DuplicateWritePolicy = 'error' | 'ignore';
export type MissingDeletePolicy = 'error' | 'ignore';

export interface WriteTuplesRequest {
  writes: TupleKey[];
  deletes: TupleKey[];
  onDuplicate?: DuplicateWritePolicy;
  onMissing?: MissingDeletePolicy;
}

export interface WriteResult {
  /** The changelog revision this write committed: the consistency token. */
  revision: bigint;
}

export interface ReadTuplesFilter {
  /** `type:id` or just `type:` (all objects of a type). */
  object?: string;
  relation?: string;
  user?: string;
}

export interface StoredTuple {
  key: TupleKey;
  timestamp: Date;
}

export type ChangeOperation = 'write' | 'delete';

export interface TupleChange {
  key: TupleKey;
  operation: ChangeOperation;
  timestamp: Date;
  revision: bigint;
}

export interface ReadChangesRequest extends PageRequest {
  objectType?: string;
  startTime?: Date;
}

/**
 * Tuples and their changelog. `writeTuples` is all-or-nothing: in one transaction it deletes,
 * then writes, appends one changelog row per change, and returns the revision; a duplicate
 * write (policy 'error') throws `TupleAlreadyExistsError`, a missing delete (policy 'error')
 * throws `TupleNotFoundError`, and then nothing is written.
 */
export interface TupleRepository {
  writeTuples(storeId: string, request: WriteTuplesRequest): Promise<WriteResult>;
  /** Ordered by (object, relation, user); the token resumes after the last item. */
  readTuples(storeId: string, filter: ReadTuplesFilter, page: PageRequest): Promise<Page<StoredTuple>>;
  /** Oldest first; the token resumes after the last revision returned. */
  readChanges(storeId: string, request: ReadChangesRequest): Promise<Page<TupleChange>>;
  /** The latest committed revision of the store (0n when it has none). */
  currentRevision(storeId: string): Promise<bigint>;
  /** A reader bound to one store for the engine. */
  tupleReader(storeId: string): TupleReader;
}

export interface Assertion {
  tupleKey: TupleKey;
  expectation: boolean;
  contextualTuples?: TupleKey[];
  context?: Record<string, unknown>;
}

export interface AssertionRepository {
  /** Replaces all assertions of the model. */
  writeAssertions(storeId: string, modelId: string, assertions: Assertion[]): Promise<void>;
  readAssertions(storeId: string, modelId: string): Promise<Assertion[]>;
}

export interface Datastore extends StoreRepository, ModelRepository, TupleRepository, AssertionRepository {
  /** Which backend this is, for logs and metrics. */
  readonly kind: 'postgres' | 'pglite' | 'memory';
  /** Applies pending migrations; idempotent. */
  migrate(): Promise<void>;
  /** Cheap liveness probe; throws when the backend does not answer. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
