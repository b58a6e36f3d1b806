// The Check decorator: same call as the engine's check plus consistency options, answered from
// the decision cache when that is allowed and by the wrapped check otherwise. The engine knows
// nothing of it. Every read (L1, L2, joining an in-flight evaluation) is validated against the
// invalidation state with the request's relation and object (the decision key carries both).
import type { CheckRequest, CheckResult } from '../engine/index.js';
import { InternalError, type AuthorizationModel } from '../model/index.js';
import type { CacheEntry } from './cache-entry.js';
import { decisionKey, decisionKeyString, type DecisionKey } from './cache-key.js';
import type { DecisionCache } from './decision-cache.js';

/** The engine's check, whatever its context argument is (model index, reader, limits...). */
export type CheckFunction<Ctx> = (ctx: Ctx, request: CheckRequest) => Promise<CheckResult>;

/** What the cache needs to know about a check's context. */
export interface CheckScope {
  storeId: string;
  /** The resolved model version (its id keys the entries, its graph drives invalidation). */
  model: AuthorizationModel & { id: string };
}

/** Same strings as the service's ConsistencyPreference; UNSPECIFIED means MINIMIZE_LATENCY. */
export type CacheConsistency = 'UNSPECIFIED' | 'MINIMIZE_LATENCY' | 'HIGHER_CONSISTENCY';

export interface CachedCheckOptions {
  consistency?: CacheConsistency;
  /** The request's consistency token: no answer computed before this revision is served. */
  minRevision?: bigint;
  /** The request's instant (epoch ms; default now): no entry is served at or after its `expiresAt`. */
  now?: number;
}

/**
 * Where the answer came from; 'in-flight' = shared with an identical evaluation already running;
 * 'off' = evaluated by a checker without a cache.
 */
export type CacheOutcome = 'l1' | 'l2' | 'in-flight' | 'miss' | 'bypass' | 'off';

export type CachedCheckResult = CheckResult & { cache: CacheOutcome };

export type CachedCheckSettled = { ok: true; result: CachedCheckResult } | { ok: false; error: unknown };

/**
 * The one way the service asks Check: the decision cache's decorator and the pass-through used
 * when the cache is off both implement it (OpenFGA's resolver chain, where the cache is one more
 * resolver in front of the engine).
 */
export interface Checker<Ctx> {
  check(ctx: Ctx, request: CheckRequest, options?: CachedCheckOptions): Promise<CachedCheckResult>;
  /** BatchCheck: results in order, each answered or failed on its own. */
  checkMany(ctx: Ctx, requests: readonly CheckRequest[], options?: CachedCheckOptions): Promise<CachedCheckSettled[]>;
}

/** checkMany: one L1 pass, one MGET, then the misses evaluated together. */
export type CachedChecker<Ctx> = Checker<Ctx>;

export type CheckSettled = { ok: true; result: CheckResult } | { ok: false; error: unknown };

/** Evaluates several checks at once (e.g. the engine's batchCheck, sharing reads); results in order. */
export type BatchCheckFunction<Ctx> = (ctx: Ctx, requests: readonly CheckRequest[]) => Promise<CheckSettled[]>;

export interface CachedCheckerOptions<Ctx> {
  /** Used for the misses of checkMany; without it each miss is one `check` call, concurrently. */
  checkMany?: BatchCheckFunction<Ctx>;
}

export function createCachedChecker<Ctx>(
  check: CheckFunction<Ctx>,
  cache: DecisionCache,
  scopeOf: (ctx: Ctx) => CheckScope,
  checkerOptions: CachedCheckerOptions<Ctx> = {},
): CachedChecker<Ctx> {
  const evaluate: BatchCheckFunction<Ctx> =
    checkerOptions.checkMany ??
    ((ctx, requests) =>
      Promise.all(
        requests.map((request) =>
          check(ctx, request).then(
            (result): CheckSettled => ({ ok: true, result }),
            (error: unknown): CheckSettled => ({ ok: false, error }),
          ),
        ),
      ));

  /** Evaluations running now, so that identical concurrent misses (a hot key after a write) share one. */
  const inFlight = new Map<string, { stamp: Omit<CacheEntry, 'allowed'>; result: Promise<CheckSettled> }>();

  /** A running evaluation of `key` that this request may share (same validity rules as any cache read). */
  const joinable = (key: DecisionKey, minRevision: bigint | undefined, nowMs: number) => {
    const running = inFlight.get(decisionKeyString(key));
    return running && cache.isServable(key, { allowed: false, ...running.stamp }, minRevision, nowMs) ? running : undefined;
  };

  /** A shared evaluation's answer is only ours if no grant it read has expired by our instant. */
  const stillValid = (settled: CheckSettled, nowMs: number): boolean => !settled.ok || settled.result.expiresAt === undefined || settled.result.expiresAt > nowMs;

  /** The cache entry of an evaluation's answer: its stamp, capped by the earliest expiry it read. */
  const entryOf = (result: CheckResult, stamp: Omit<CacheEntry, 'allowed'>): CacheEntry =>
    result.expiresAt === undefined ? { allowed: result.allowed, ...stamp } : { allowed: result.allowed, ...stamp, expiresAt: result.expiresAt };

  /** Our evaluation of `id` ended; a newer evaluation of the same key may have replaced it. */
  const release = (id: string, stamp: Omit<CacheEntry, 'allowed'>): void => {
    if (inFlight.get(id)?.stamp === stamp) inFlight.delete(id);
  };

  const tooFew = (): CheckSettled => ({ ok: false, error: new InternalError('batch evaluation returned too few results') });

  /** Evaluates `indices` of `requests` together, publishes them as in flight, stores the answers. */
  const evaluateAndStore = async (
    ctx: Ctx,
    storeId: string,
    requests: readonly CheckRequest[],
    keys: readonly (DecisionKey | undefined)[],
    indices: readonly number[],
    options: CachedCheckOptions,
  ): Promise<CachedCheckSettled[]> => {
    // Stamped before the evaluation starts, so the stamp is a lower bound of what it reads.
    const stamp = cache.beginEvaluation(storeId, options.minRevision);
    const evaluation = evaluate(ctx, indices.map((i) => requests[i])).catch((error: unknown) => indices.map((): CheckSettled => ({ ok: false, error })));
    const registered: string[] = [];
    indices.forEach((index, j) => {
      const key = keys[index];
      if (!key) return;
      const id = decisionKeyString(key);
      inFlight.set(id, { stamp, result: evaluation.then((all) => all[j] ?? tooFew()) });
      registered.push(id);
    });
    const evaluated = await evaluation;
    for (const id of registered) release(id, stamp);
    const fresh: { key: DecisionKey; entry: CacheEntry }[] = [];
    const settled = indices.map((index, j): CachedCheckSettled => {
      const outcome = evaluated[j] ?? tooFew();
      if (!outcome.ok) return outcome;
      const key = keys[index];
      // Even a HIGHER_CONSISTENCY answer is fresh, so later requests may use it.
      if (key) fresh.push({ key, entry: entryOf(outcome.result, stamp) });
      return { ok: true, result: { ...outcome.result, cache: options.consistency === 'HIGHER_CONSISTENCY' ? 'bypass' : 'miss' } };
    });
    cache.write(fresh, options.now);
    return settled;
  };

  const checkMany = async (ctx: Ctx, requests: readonly CheckRequest[], options: CachedCheckOptions = {}): Promise<CachedCheckSettled[]> => {
    const scope = scopeOf(ctx);
    cache.useModel(scope.storeId, scope.model);
    const keys = requests.map((request) => decisionKey(scope.storeId, scope.model.id, request));
    const bypass = options.consistency === 'HIGHER_CONSISTENCY';
    const cacheable = keys.flatMap((key) => (key ? [key] : []));
    const nowMs = options.now ?? Date.now();
    const hits = bypass ? [] : await cache.read(cacheable, options.minRevision, nowMs);
    const hitByKey = new Map(cacheable.map((key, i) => [key, hits[i]]));

    const results: (CachedCheckSettled | Promise<CachedCheckSettled> | undefined)[] = requests.map((_, i) => {
      const key = keys[i];
      const hit = key && hitByKey.get(key);
      if (hit) {
        cache.emit({ type: 'hit', tier: hit.tier });
        return { ok: true, result: { allowed: hit.entry.allowed, cache: hit.tier } };
      }
      // Joining a running evaluation is a cache read like any other: same validity rules.
      const running = key && !bypass ? joinable(key, options.minRevision, nowMs) : undefined;
      if (running) {
        cache.emit({ type: 'hit', tier: 'in-flight' });
        return running.result.then(async (settled): Promise<CachedCheckSettled> => {
          if (settled.ok && stillValid(settled, nowMs)) return { ok: true, result: { ...settled.result, cache: 'in-flight' } };
          // Its failure may be its own (its caller cancelled, its deadline passed): evaluate ours.
          const [own] = await evaluateAndStore(ctx, scope.storeId, requests, keys, [i], options);
          return own;
        });
      }
      cache.emit(bypass ? { type: 'bypass', reason: 'higher-consistency' } : key ? { type: 'miss' } : { type: 'bypass', reason: 'uncacheable' });
      return undefined;
    });
    const missing = results.flatMap((result, i) => (result ? [] : [i]));
    if (missing.length > 0) {
      const settled = await evaluateAndStore(ctx, scope.storeId, requests, keys, missing, options);
      missing.forEach((index, j) => (results[index] = settled[j]));
    }
    return Promise.all(results as (CachedCheckSettled | Promise<CachedCheckSettled>)[]);
  };

  /** A single Check's miss: L2, then an in-flight evaluation, then the plain `check` (no batch machinery). */
  const checkOne = async (ctx: Ctx, storeId: string, request: CheckRequest, key: DecisionKey, options: CachedCheckOptions): Promise<CachedCheckResult> => {
    const nowMs = options.now ?? Date.now();
    const [hit] = await cache.readL2([key], options.minRevision, nowMs);
    if (hit) {
      cache.emit({ type: 'hit', tier: 'l2' });
      return { allowed: hit.allowed, cache: 'l2' };
    }
    const id = decisionKeyString(key);
    const running = joinable(key, options.minRevision, nowMs);
    if (running) {
      cache.emit({ type: 'hit', tier: 'in-flight' });
      const settled = await running.result;
      if (settled.ok && stillValid(settled, nowMs)) return { ...settled.result, cache: 'in-flight' };
      // Its failure may be its own (its caller cancelled, its deadline passed): evaluate ours.
    } else {
      cache.emit({ type: 'miss' });
    }
    const stamp = cache.beginEvaluation(storeId, options.minRevision);
    const evaluation = check(ctx, request).then(
      (result): CheckSettled => ({ ok: true, result }),
      (error: unknown): CheckSettled => ({ ok: false, error }),
    );
    inFlight.set(id, { stamp, result: evaluation });
    const outcome = await evaluation;
    release(id, stamp);
    if (!outcome.ok) throw outcome.error;
    cache.write([{ key, entry: entryOf(outcome.result, stamp) }], nowMs);
    return { ...outcome.result, cache: 'miss' };
  };

  return {
    checkMany,
    async check(ctx, request, options = {}) {
      if (options.consistency !== 'HIGHER_CONSISTENCY') {
        const scope = scopeOf(ctx);
        cache.useModel(scope.storeId, scope.model);
        const key = decisionKey(scope.storeId, scope.model.id, request);
        if (key) {
          // An L1 hit answers synchronously; anything else takes the single-request path.
          const entry = cache.readL1(key, options.minRevision, options.now);
          if (entry) {
            cache.emit({ type: 'hit', tier: 'l1' });
            return { allowed: entry.allowed, cache: 'l1' };
          }
          return checkOne(ctx, scope.storeId, request, key, options);
        }
      }
      const [settled] = await checkMany(ctx, [request], options);
      if (!settled.ok) throw settled.error;
      return settled.result;
    },
  };
}
