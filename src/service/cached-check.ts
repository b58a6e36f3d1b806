// Check through the decision cache: the cache's decorator around the engine, scoped by the
// request's store and model. BatchCheck misses are evaluated together by the engine's
// batchCheck so that they share reads.
import { createCachedChecker } from '../cache/cached-checker.js';
import type { CachedChecker, CheckSettled } from '../cache/cached-checker.js';
import type { DecisionCache } from '../cache/decision-cache.js';
import { itemFailure } from './batch-item-error.js';
import type { QueryTarget } from './engine-access.js';

export function createTargetChecker(cache: DecisionCache): CachedChecker<QueryTarget> {
  return createCachedChecker<QueryTarget>(
    (target, request) => target.engine.check(target.reader, request, { signal: target.signal }),
    cache,
    (target) => ({ storeId: target.storeId, model: target.model.model }),
    {
      checkMany: async (target, requests): Promise<CheckSettled[]> => {
        const outcomes = await target.engine.batchCheck(
          target.reader,
          requests.map((request, i) => ({ ...request, correlationId: String(i) })),
          { signal: target.signal },
        );
        return outcomes.map((outcome): CheckSettled =>
          'error' in outcome
            ? { ok: false, error: itemFailure(outcome.error) }
            : { ok: true, result: { allowed: outcome.allowed } },
        );
      },
    },
  );
}
