// The port through which a Check session reuses sub-results (`type:id#relation@user`) settled by
// earlier requests. The engine only asks and tells; what may be served (revisions, invalidation,
// staleness, memory bounds) is the implementer's business (src/cache/sub-result-cache.ts).
// The session consults it only for relations whose answer no request context can change (no
// condition anywhere below them) and only when the request has no contextual tuples, and tells
// it only answers no cycle cut short and no error left undecided.

/**
 * A settled answer and the earliest expiry (epoch ms) of the tuples it may rest on: from that
 * instant on it must not be served, and a request that reuses it inherits the bound (its own
 * decision may not outlive the tuples under the reused answer either).
 */
export interface SubResult {
  allowed: boolean;
  expiresAt?: number;
}

export interface SubResults {
  /** A reusable answer of `type:id#relation` for the user (`formatUser` form), if any. */
  get(type: string, id: string, relation: string, userKey: string): SubResult | undefined;
  /** An answer this session settled, for later requests. */
  set(type: string, id: string, relation: string, userKey: string, result: SubResult): void;
}
