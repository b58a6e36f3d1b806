// The changelog port the cache polls when pub/sub cannot be trusted (Redis down, a replica that
// just (re)subscribed, a publish that was lost). The service layer implements it with storage.

/** One changelog row, reduced to what invalidation needs. */
export interface FeedChange {
  revision: bigint;
  /** `type:id` of the tuple's object. */
  object: string;
  relation: string;
}

export interface ChangeFeed {
  /** The latest committed revision of the store; 0n when it has none. */
  latestRevision(storeId: string): Promise<bigint>;
  /**
   * Changes with revision > `afterRevision`, oldest first. May return a partial page (the cache
   * asks again from the last revision returned); an empty array means there is nothing more.
   */
  changesSince(storeId: string, afterRevision: bigint): Promise<FeedChange[]>;
}
