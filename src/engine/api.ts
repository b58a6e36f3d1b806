// The engine's public request/response shapes, shared by the service layer, the cache and the
// transports. Strings use OpenFGA's forms (`document:1`, `user:anne`, `group:eng#member`, `user:*`).

import type { RelataError, TupleKey } from '../model/index.js';

export interface CheckRequest {
  object: string;
  relation: string;
  user: string;
  /** Tuples that exist for this request only; validated against the model by the caller. */
  contextualTuples?: TupleKey[];
  /** Request context for conditions; merged with (and overridden by) each tuple's own context. */
  context?: Record<string, unknown>;
}

export interface CheckResult {
  allowed: boolean;
  /** How many reads the evaluation needed (for metrics and the bench). */
  readCount?: number;
  /**
   * Epoch ms of the earliest expiry among the tuples the evaluation read (allowed or denied: an
   * expiring `but not` tuple can turn a denial into an allow); absent when none expires. An
   * answer kept anywhere (a cache) must not be served from that instant on.
   */
  expiresAt?: number;
}

export interface BatchCheckItem extends CheckRequest {
  correlationId: string;
}

export type BatchCheckOutcome =
  | { correlationId: string; allowed: boolean; /** As CheckResult.expiresAt (of the item's session, so possibly earlier). */ expiresAt?: number }
  /** A typed error per item; an internal failure is an InternalError whose `cause` is what threw (for logs, never sent). */
  | { correlationId: string; error: RelataError };

export interface ListObjectsRequest {
  type: string;
  relation: string;
  user: string;
  contextualTuples?: TupleKey[];
  context?: Record<string, unknown>;
}

export interface ListUsersRequest {
  object: string;
  relation: string;
  /** User types to return: `{type: 'user'}` or a userset type `{type: 'group', relation: 'member'}`. */
  userFilters: { type: string; relation?: string }[];
  contextualTuples?: TupleKey[];
  context?: Record<string, unknown>;
}

/** A ListUsers result: an object, a typed wildcard or a userset. */
export type ListedUser =
  | { object: { type: string; id: string } }
  | { wildcard: { type: string } }
  | { userset: { type: string; id: string; relation: string } };

/** Limits that keep one request from monopolising the server (OpenFGA's defaults). */
export interface EvaluationLimits {
  /** Resolution depth before AuthorizationModelResolutionTooComplex (OpenFGA: 25). */
  maxDepth: number;
  /** Concurrent reads one request may have in flight. */
  maxConcurrentReads: number;
  /** ListObjects/ListUsers: stop after this many results (OpenFGA: 1000). */
  maxResults: number;
}

export const defaultLimits: EvaluationLimits = { maxDepth: 25, maxConcurrentReads: 50, maxResults: 1000 };
