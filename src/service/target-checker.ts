// Check as the service asks it: one Checker for every call, with or without the decision cache.
// Without a cache it is a pass-through to the model's engine; the cache's decorator wraps the
// same two evaluations (cached-check.ts), so both paths answer and fail alike.
import type { CheckSettled, Checker } from '../cache/cached-checker.js';
import type { CheckRequest, CheckResult } from '../engine/index.js';
import type { QueryTarget } from './engine-access.js';

/** One Check by the target's engine over its reader. */
export function evaluateOne(target: QueryTarget, request: CheckRequest): Promise<CheckResult> {
  return target.engine.check(target.reader, request, { signal: target.signal, subResults: target.subResults?.() });
}

/** Checks evaluated together (shared reads), in order; each failure is the engine's typed error. */
export async function evaluateMany(target: QueryTarget, requests: readonly CheckRequest[]): Promise<CheckSettled[]> {
  const outcomes = await target.engine.batchCheck(
    target.reader,
    requests.map((request, i) => ({ ...request, correlationId: String(i) })),
    { signal: target.signal, subResults: target.subResults?.() },
  );
  return outcomes.map(
    (outcome): CheckSettled =>
      'error' in outcome
        ? { ok: false, error: outcome.error }
        : { ok: true, result: outcome.expiresAt === undefined ? { allowed: outcome.allowed } : { allowed: outcome.allowed, expiresAt: outcome.expiresAt } },
  );
}

/** The Checker when the decision cache is off: every call is evaluated. */
export function createPassThroughChecker(): Checker<QueryTarget> {
  return {
    async check(target, request) {
      const result = await evaluateOne(target, request);
      return { allowed: result.allowed, readCount: result.readCount, cache: 'off' };
    },
    async checkMany(target, requests) {
      const settled = await evaluateMany(target, requests);
      return settled.map((outcome) => (outcome.ok ? { ok: true, result: { ...outcome.result, cache: 'off' } } : outcome));
    },
  };
}
