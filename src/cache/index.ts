// Decision cache: L1 LRU + Redis L2, invalidated per dependent relation on writes (locally,
// over pub/sub, and from the changelog), wrapped around the engine's check as a decorator.
//
// Invalidation design: entries carry the store revision they were computed at; each store keeps
// per `type#relation` the revision of the latest write that may change it. Stale entries are
// never deleted, they fail validation. See invalidation-state.ts for the freshness rules.
export * from './options.js';
export * from './dependency-graph.js';
export * from './cache-key.js';
export * from './cache-entry.js';
export * from './cache-events.js';
export * from './change-feed.js';
export * from './decision-cache.js';
export * from './cached-checker.js';
