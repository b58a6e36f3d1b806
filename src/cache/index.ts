// Decision cache: L1 LRU + Redis L2 around the engine's check, invalidated on writes per
// dependent relation, or per dependent relation and written object where the model keeps the
// effect on that object (locally at once, on other replicas over Redis pub/sub, and from the
// changelog as the fallback), never serving an entry older than the request's token.
//
// Composition (service layer / composition root):
//   const cache = createDecisionCache(options, { feed, onEvent });        // once per process
//   const cached = createCachedChecker(check, cache, (ctx) => ({ storeId, model }), { checkMany });
//   await cached.check(ctx, request, { consistency, minRevision });       // Check
//   await cached.checkMany(ctx, requests, { consistency, minRevision });  // BatchCheck
//   cache.recordWrite(storeId, { revision, tuples });                     // after every Write
//   cache.recordModelChange(storeId);                                     // after WriteAuthorizationModel
//   await cache.close();
// Also: RedisBroadcast, a plain pub/sub channel for other cross-replica notices (API client changes).
export * from './options.js';
export * from './dependency-graph.js';
export * from './cache-key.js';
export * from './cache-entry.js';
export * from './cache-events.js';
export * from './change-feed.js';
export * from './decision-cache.js';
export * from './cached-checker.js';
export * from './redis-broadcast.js';
export type { SubResultStats } from './sub-result-cache.js';
