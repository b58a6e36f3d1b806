// The port through which a Check session reuses sub-results (`type:id#relation@user`) settled by
// earlier requests. The engine only asks and tells; what may be served (revisions, invalidation,
// staleness, memory bounds) is the implementer's business (src/cache/sub-result-cache.ts).
// The session consults it only for relations whose answer no request context can change (no
// condition anywhere below them) and only when the request has no contextual tuples, and tells
// it only answers no cycle cut short and no error left undecided.

export interface SubResults {
  /** A reusable answer of `type:id#relation` for the user (`formatUser` form), if any. */
  get(type: string, id: string, relation: string, userKey: string): boolean | undefined;
  /** An answer this session settled, for later requests. */
  set(type: string, id: string, relation: string, userKey: string, allowed: boolean): void;
}
