// The service's request and response shapes: plain TypeScript values (no protobuf), shared by
// every transport. Field names follow OpenFGA's API in camelCase.
import type { AuthorizationModel, RelataError, TupleKey } from '../model/index.js';
import type { Assertion, StoredTuple, TupleChange } from '../storage/datastore.js';
import type { ListedUser } from '../engine/index.js';

export type { Assertion, StoredTuple, TupleChange, ListedUser };

/**
 * MINIMIZE_LATENCY (and UNSPECIFIED) may be answered from a cache entry within the staleness
 * bound; HIGHER_CONSISTENCY never is.
 */
export type ConsistencyPreference = 'UNSPECIFIED' | 'MINIMIZE_LATENCY' | 'HIGHER_CONSISTENCY';

/** Options every query call accepts. */
export interface QueryOptions {
  consistency?: ConsistencyPreference;
  /**
   * A token returned by a Write (`x-relata-consistency-token`): the answer reflects at least
   * that write. Empty/absent = no constraint.
   */
  consistencyToken?: string;
  /** Cancels the evaluation (the caller went away or its deadline passed). */
  signal?: AbortSignal;
}

export interface StoreInfo {
  id: string;
  name: string;
  createdAt: Date;
  updatedAt: Date;
  deletedAt?: Date;
}

export interface PageInput {
  /** 1..100; 0 or absent = the default page size. */
  pageSize?: number;
  continuationToken?: string;
}

export interface Paged<T> {
  items: T[];
  /** '' when there is nothing more. */
  continuationToken: string;
}

export interface CreateStoreInput {
  name: string;
}

export interface UpdateStoreInput {
  storeId: string;
  name: string;
}

export interface ListStoresInput extends PageInput {
  /** Exact-match name filter. */
  name?: string;
}

/**
 * A model to write: as an object, or as the request's bytes in a format a transport registered
 * (registerModelDecoder), decoded where the model checker runs. With bytes that name the store
 * themselves (gRPC), the decoded store id is the one used.
 */
export type WriteModelInput =
  | { storeId: string; model: Omit<AuthorizationModel, 'id'> }
  | { storeId: string; encoded: { format: string; bytes: Uint8Array } };

export interface ReadModelsInput extends PageInput {
  storeId: string;
}

export type OnDuplicate = 'error' | 'ignore';

export interface WriteInput {
  storeId: string;
  authorizationModelId?: string;
  writes?: { tupleKeys: TupleKey[]; onDuplicate?: string };
  /** Conditions on deletes are ignored (OpenFGA's rule). */
  deletes?: { tupleKeys: TupleKey[]; onMissing?: string };
}

export interface WriteOutput {
  /** The changelog revision of this write, as a decimal string. */
  consistencyToken: string;
}

export interface ReadInput extends PageInput, QueryOptions {
  storeId: string;
  /** All empty = every tuple of the store. `object` may be `type:` (all objects of a type). */
  tupleKey?: { object?: string; relation?: string; user?: string };
}

export interface ReadChangesInput extends PageInput {
  storeId: string;
  /** Only changes to objects of this type. */
  type?: string;
  /** Changes at or after this time; a continuation token takes precedence. */
  startTime?: Date;
}

export interface CheckTupleKey {
  object: string;
  relation: string;
  user: string;
}

export interface CheckInput extends QueryOptions {
  storeId: string;
  authorizationModelId?: string;
  tupleKey: CheckTupleKey;
  contextualTuples?: TupleKey[];
  context?: Record<string, unknown>;
}

export interface CheckOutput {
  allowed: boolean;
}

export interface BatchCheckInput extends QueryOptions {
  storeId: string;
  authorizationModelId?: string;
  checks: { correlationId: string; tupleKey: CheckTupleKey; contextualTuples?: TupleKey[]; context?: Record<string, unknown> }[];
}

/** `error`: the item's typed error; the transport maps it (OpenFGA's CheckError) and logs internal causes. */
export type BatchCheckResult = { allowed: boolean } | { error: RelataError };

export interface BatchCheckOutput {
  /** Keyed by correlation id. */
  results: Map<string, BatchCheckResult>;
}

export interface ExpandInput extends QueryOptions {
  storeId: string;
  authorizationModelId?: string;
  tupleKey: { object: string; relation: string };
  contextualTuples?: TupleKey[];
}

export interface ListObjectsInput extends QueryOptions {
  storeId: string;
  authorizationModelId?: string;
  type: string;
  relation: string;
  user: string;
  contextualTuples?: TupleKey[];
  context?: Record<string, unknown>;
}

export interface ListObjectsOutput {
  objects: string[];
}

/** relata.v1 ListObjectsPage: ListObjects in pages read from one snapshot of the store. */
export interface ListObjectsPageInput extends ListObjectsInput {
  /** 1..1000; 0 or absent = 100. */
  pageSize?: number;
  /** From the previous page; it pins the snapshot revision and the model. */
  continuationToken?: string;
}

export interface ListObjectsPageOutput {
  /** In code point order of the object id. */
  objects: string[];
  /** '' on the last page. */
  continuationToken: string;
  /** The revision every page of this listing reflects. */
  revision: bigint;
  /** `revision` as a signed consistency token of the store. */
  consistencyToken: string;
  /**
   * Objects of this page's id range left out because their condition could not be evaluated
   * (e.g. a context parameter is missing), with the reason.
   */
  conditionFailures: { object: string; message: string }[];
  /** True when the list deadline cut the evaluation short: objects may be missing. */
  truncated: boolean;
}

export interface ListUsersInput extends QueryOptions {
  storeId: string;
  authorizationModelId?: string;
  object: { type: string; id: string };
  relation: string;
  userFilters: { type: string; relation?: string }[];
  contextualTuples?: TupleKey[];
  context?: Record<string, unknown>;
}

export interface ListUsersOutput {
  users: ListedUser[];
}

export interface WriteAssertionsInput {
  storeId: string;
  authorizationModelId: string;
  assertions: Assertion[];
}

export interface ReadAssertionsInput {
  storeId: string;
  authorizationModelId: string;
}

export interface ReadAssertionsOutput {
  authorizationModelId: string;
  assertions: Assertion[];
}

/** The relations of each type that AuthZEN's action search offers as actions (a per-store setting). */
export interface AuthzenActions {
  types: { type: string; actions: string[] }[];
}

export interface WriteAuthzenActionsInput extends AuthzenActions {
  storeId: string;
}
