// Check through the decision cache: the cache's decorator around the engine, scoped by the
// request's store and model. BatchCheck misses are evaluated together by the engine's
// batchCheck so that they share reads.
import { createCachedChecker } from '../cache/cached-checker.js';
import type { Checker } from '../cache/cached-checker.js';
import type { DecisionCache } from '../cache/decision-cache.js';
import type { QueryTarget } from './engine-access.js';
import { evaluateMany, evaluateOne } from './target-checker.js';

export function createTargetChecker(cache: DecisionCache): Checker<QueryTarget> {
  return createCachedChecker<QueryTarget>(evaluateOne, cache, (target) => ({ storeId: target.storeId, model: target.model.model }), { checkMany: evaluateMany });
}
