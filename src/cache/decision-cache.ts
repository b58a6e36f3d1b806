// The decision cache: L1 + optional Redis L2 + the invalidation protocol (local, pub/sub,
// changelog polling). Built once per process by the composition root; the Check decorator
// (cached-checker.ts) is its only reader, the service's Write and model use cases its writers.
import { randomUUID } from 'node:crypto';
import type { AuthorizationModel, TupleKey } from '../model/index.js';
import { safeEmit, type CacheEventListener } from './cache-events.js';
import { isUnexpired, type CacheEntry } from './cache-entry.js';
import type { DecisionKey } from './cache-key.js';
import type { ChangeFeed } from './change-feed.js';
import { ChangePoller } from './change-poller.js';
import { InvalidationBus } from './invalidation-bus.js';
import { InvalidationState, writtenRelations } from './invalidation-state.js';
import { L1Cache } from './l1-cache.js';
import { resolveCacheOptions, type CacheOptions, type ResolvedCacheOptions } from './options.js';
import { createRedisClient, type Redis } from './redis-connection.js';
import { RedisL2 } from './redis-l2.js';
import { SubResultCache, type SubResultStats } from './sub-result-cache.js';
import type { SubResults } from '../engine/index.js';

export interface DecisionCacheDeps {
  /** The changelog, for invalidations missed by pub/sub; required to run several replicas without Redis. */
  feed?: ChangeFeed;
  /** Metrics/log hook. */
  onEvent?: CacheEventListener;
  /** Distinguishes this replica's own messages on the channel; random by default. */
  replicaId?: string;
}

/** A committed tuple write, as the service's Write use case reports it. */
export interface WrittenChange {
  /** The consistency token the write returned. */
  revision: bigint;
  /** The written and deleted tuples (only object and relation matter). */
  tuples: readonly Pick<TupleKey, 'object' | 'relation'>[];
}

export interface CacheHit {
  entry: CacheEntry;
  tier: 'l1' | 'l2';
}

export class DecisionCache {
  readonly options: ResolvedCacheOptions;
  private readonly state: InvalidationState;
  private readonly l1: L1Cache;
  private readonly subResultCache: SubResultCache | undefined;
  private readonly redis: Redis | undefined;
  private readonly l2: RedisL2 | undefined;
  private readonly bus: InvalidationBus | undefined;
  private readonly poller: ChangePoller | undefined;
  private readonly onEvent: CacheEventListener | undefined;
  private readonly sweeper: NodeJS.Timeout;

  constructor(options: CacheOptions = {}, deps: DecisionCacheDeps = {}) {
    this.options = resolveCacheOptions(options);
    const o = this.options;
    this.onEvent = deps.onEvent;
    this.state = new InvalidationState({
      stalenessBoundMs: o.stalenessBoundMs,
      storeIdleMs: o.storeIdleMs,
      localOnly: o.redisUrl === undefined && deps.feed === undefined,
      objectFloorMaxEntries: o.objectFloorMaxEntries,
    });
    this.l1 = new L1Cache(o.l1MaxEntries, o.l1TtlMs);
    this.subResultCache = o.subResultMaxEntries > 0 ? new SubResultCache(o.subResultMaxEntries, o.l1TtlMs) : undefined;
    if (o.redisUrl !== undefined) {
      const url = o.redisUrl;
      this.redis = createRedisClient({ url, commandTimeoutMs: o.redisCommandTimeoutMs, autoPipelining: true }, (error) =>
        safeEmit(this.onEvent, { type: 'redis-error', operation: 'connection', error }),
      );
      this.l2 = new RedisL2(this.redis, { keyPrefix: o.redisKeyPrefix, ttlMs: o.l2TtlMs, failureThreshold: o.redisFailureThreshold, cooldownMs: o.redisCooldownMs }, this.onEvent);
      this.bus = new InvalidationBus(
        this.redis,
        this.state,
        { url, channel: `${o.redisKeyPrefix}invalidations`, replicaId: deps.replicaId ?? randomUUID(), commandTimeoutMs: o.redisCommandTimeoutMs, heartbeatIntervalMs: o.heartbeatIntervalMs },
        this.onEvent,
      );
    }
    if (deps.feed) {
      this.poller = new ChangePoller(deps.feed, this.state, { intervalMs: o.pollIntervalMs, safetyIntervalMs: o.safetyPollIntervalMs }, this.onEvent);
    }
    this.sweeper = setInterval(() => this.state.sweepIdle(), Math.max(1_000, Math.floor(o.storeIdleMs / 2)));
    this.sweeper.unref();
  }

  /** Registers the model of a request and marks the store as in use (cheap after the first call). */
  useModel(storeId: string, model: AuthorizationModel & { id: string }): void {
    // A store seen for the first time gets its baseline now rather than at the next tick.
    if (this.state.useModel(storeId, model)) void this.poller?.pollDue();
  }

  /** Revision and time to stamp on an evaluation that starts now. */
  beginEvaluation(storeId: string, minRevision?: bigint): { revision: bigint; computedAt: number } {
    return { revision: this.state.stampRevision(storeId, minRevision), computedAt: Date.now() };
  }

  /**
   * Whether an evaluation stamped like `entry` would still be served (in-flight sharing). `nowMs`
   * is the request's instant (default: now): an entry never serves past its expiry.
   */
  isServable(key: DecisionKey, entry: CacheEntry, minRevision?: bigint, nowMs = Date.now()): boolean {
    return isUnexpired(entry, nowMs) && this.state.isServable(key.storeId, key.modelId, key.relation, key.objectId, entry, minRevision);
  }

  /** A servable L1 entry, synchronously (the hot path of a single Check). */
  readL1(key: DecisionKey, minRevision?: bigint, nowMs = Date.now()): CacheEntry | undefined {
    const entry = this.l1.get(key, nowMs);
    return entry && this.isServable(key, entry, minRevision, nowMs) ? entry : undefined;
  }

  /** Servable L2 entries for keys already missed in L1 (one MGET); each hit is copied to L1. */
  async readL2(keys: readonly DecisionKey[], minRevision?: bigint, nowMs = Date.now()): Promise<(CacheEntry | undefined)[]> {
    if (!this.l2) return keys.map(() => undefined);
    const fromL2 = await this.l2.getMany(keys);
    return keys.map((key, i) => {
      const entry = fromL2[i];
      if (!entry || !this.isServable(key, entry, minRevision, nowMs)) return undefined;
      this.l1.set(key, entry, nowMs);
      return entry;
    });
  }

  /** Servable entries for the keys (one model), L1 first, then one MGET for the rest. */
  async read(keys: readonly DecisionKey[], minRevision?: bigint, nowMs = Date.now()): Promise<(CacheHit | undefined)[]> {
    const hits: (CacheHit | undefined)[] = keys.map((key) => {
      const entry = this.readL1(key, minRevision, nowMs);
      return entry ? { entry, tier: 'l1' } : undefined;
    });
    if (!this.l2) return hits;
    const missing = keys.flatMap((key, i) => (hits[i] ? [] : [i]));
    if (missing.length === 0) return hits;
    const fromL2 = await this.readL2(missing.map((i) => keys[i]), minRevision, nowMs);
    missing.forEach((index, j) => {
      const entry = fromL2[j];
      if (entry) hits[index] = { entry, tier: 'l2' };
    });
    return hits;
  }

  /**
   * The sub-results one Check (or BatchCheck) evaluation may reuse and extend; undefined when
   * they are off. Call it before the evaluation reads anything: it stamps the revision its
   * answers are stored at, as beginEvaluation does.
   */
  subResults(storeId: string, model: AuthorizationModel & { id: string }, options: { consistency?: string; minRevision?: bigint; nowMs?: number } = {}): SubResults | undefined {
    const cache = this.subResultCache;
    if (!cache) return undefined;
    this.useModel(storeId, model);
    const { minRevision } = options;
    return cache.bind({
      storeId,
      modelId: model.id,
      stamp: this.beginEvaluation(storeId, minRevision),
      read: options.consistency !== 'HIGHER_CONSISTENCY',
      nowMs: options.nowMs ?? Date.now(),
      isServable: (relation, objectId, entry) => this.state.isServable(storeId, model.id, relation, objectId, entry, minRevision),
    });
  }

  /** Sub-result lookups since start (all zero when they are off). */
  subResultStats(): SubResultStats {
    return this.subResultCache?.stats() ?? { hits: 0, misses: 0, stored: 0, entries: 0 };
  }

  /**
   * Stores fresh decisions in L1 and (one pipelined round trip) L2, each living no longer than
   * its `expiresAt`; one already expired at `nowMs` is not stored.
   */
  write(items: readonly { key: DecisionKey; entry: CacheEntry }[], nowMs = Date.now()): void {
    const live = items.filter(({ entry }) => isUnexpired(entry, nowMs));
    for (const { key, entry } of live) this.l1.set(key, entry, nowMs);
    this.l2?.setMany(live);
  }

  /**
   * Call after every committed tuple Write, before answering it: invalidates the dependent
   * results here at once and on every other replica through pub/sub (on the written objects
   * only where the model allows, see dependency-graph.ts).
   */
  recordWrite(storeId: string, change: WrittenChange): void {
    const { written, unparsable } = writtenRelations(change.tuples);
    this.state.applyWrite(storeId, change.revision, written);
    this.bus?.publishWrite(storeId, change.revision, written);
    if (unparsable) this.recordModelChange(storeId);
  }

  /** Call after a new model version is written (or the store is deleted): drops the store's decisions. */
  recordModelChange(storeId: string): void {
    this.state.applyStoreWide(storeId);
    this.bus?.publishStoreWide(storeId);
  }

  /** Polls the changelog now for the stores that need it (tests, and a hook for readiness probes). */
  async syncNow(): Promise<void> {
    await this.poller?.pollDue();
  }

  /** For tests and diagnostics. */
  describeStore(storeId: string): ReturnType<InvalidationState['describe']> {
    return this.state.describe(storeId);
  }

  /** Health of the Redis side, for readiness probes and tests. */
  status(): { l1Entries: number; redis: 'none' | string; subscribed: boolean; heartbeatAgeMs: number | undefined } {
    return { l1Entries: this.l1.size, redis: this.redis?.status ?? 'none', ...this.state.busStatus() };
  }

  get l1Size(): number {
    return this.l1.size;
  }

  emit(event: Parameters<CacheEventListener>[0]): void {
    safeEmit(this.onEvent, event);
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    this.poller?.close();
    await this.bus?.close();
    this.redis?.disconnect();
    this.l1.clear();
    this.subResultCache?.clear();
  }
}

export function createDecisionCache(options?: CacheOptions, deps?: DecisionCacheDeps): DecisionCache {
  return new DecisionCache(options, deps);
}
