// The decision cache's configuration as a plain value: the config module (src/config) fills it
// from env vars; tests and the bench build it directly. `resolveCacheOptions` applies defaults
// and rejects nonsense up front, naming the field.
import { ErrorCode, ValidationError } from '../model/index.js';

export interface CacheOptions {
  /** Max decisions held per process (L1 LRU). 0 disables L1. */
  l1MaxEntries?: number;
  /**
   * Max sub-problem results (`type:id#relation@user`) held per process for reuse by later Checks
   * (L1 only, same TTL as L1). 0 turns sub-result reuse off.
   */
  subResultMaxEntries?: number;
  /** How long an L1 entry may live, in ms, whatever the invalidation state. */
  l1TtlMs?: number;
  /** Redis URL for L2 and cross-replica invalidation; absent = L1 only, single replica. */
  redisUrl?: string;
  /** Prefix of every Redis key and the pub/sub channel: one per deployment (or test run). */
  redisKeyPrefix?: string;
  /** L2 entry TTL, in ms. */
  l2TtlMs?: number;
  /** Per-command Redis timeout, in ms: a slow Redis is treated as a miss, not waited for. */
  redisCommandTimeoutMs?: number;
  /** After this many consecutive Redis failures L2 is skipped for `redisCooldownMs`. */
  redisFailureThreshold?: number;
  redisCooldownMs?: number;
  /**
   * MINIMIZE_LATENCY staleness bound across replicas, in ms: an entry is served only while this
   * replica's invalidation state for the store is confirmed (pub/sub heartbeat or changelog poll)
   * within the bound, or while the entry itself is younger than the bound.
   */
  stalenessBoundMs?: number;
  /** Changelog poll period for stores whose pub/sub state is not confirmed; default bound / 2. */
  pollIntervalMs?: number;
  /**
   * Even with pub/sub confirmed, poll the changelog of each store in use this often: it heals an
   * invalidation whose publish was lost while the subscription stayed up.
   */
  safetyPollIntervalMs?: number;
  /** Pub/sub heartbeat period; default bound / 3. */
  heartbeatIntervalMs?: number;
  /** Stores not used for this long stop being polled. */
  storeIdleMs?: number;
  /**
   * Max per-(relation, object) invalidation floors held per process. Past it the oldest are
   * folded into a per-relation floor: more misses, never a stale answer.
   */
  objectFloorMaxEntries?: number;
}

export type ResolvedCacheOptions = Required<Omit<CacheOptions, 'redisUrl'>> & { redisUrl?: string };

export const defaultCacheOptions = {
  l1MaxEntries: 100_000,
  subResultMaxEntries: 100_000,
  l1TtlMs: 60_000,
  redisKeyPrefix: 'relata:',
  l2TtlMs: 300_000,
  redisCommandTimeoutMs: 50,
  redisFailureThreshold: 3,
  redisCooldownMs: 1_000,
  stalenessBoundMs: 1_000,
  storeIdleMs: 300_000,
  safetyPollIntervalMs: 30_000,
  objectFloorMaxEntries: 100_000,
} as const;

function nonNegativeInteger(field: string, value: number): number {
  if (!Number.isInteger(value) || value < 0) {
    throw new ValidationError(ErrorCode.ValidationError, `cache option ${field} must be a non-negative integer, got ${String(value)}`);
  }
  return value;
}

function positiveInteger(field: string, value: number): number {
  if (nonNegativeInteger(field, value) === 0) {
    throw new ValidationError(ErrorCode.ValidationError, `cache option ${field} must be greater than 0`);
  }
  return value;
}

export function resolveCacheOptions(options: CacheOptions = {}): ResolvedCacheOptions {
  const bound = positiveInteger('stalenessBoundMs', options.stalenessBoundMs ?? defaultCacheOptions.stalenessBoundMs);
  const prefix = options.redisKeyPrefix ?? defaultCacheOptions.redisKeyPrefix;
  if (!prefix.startsWith('relata:')) {
    throw new ValidationError(ErrorCode.ValidationError, `cache option redisKeyPrefix must start with "relata:", got "${prefix}"`);
  }
  if (options.redisUrl !== undefined && !/^rediss?:\/\//.test(options.redisUrl)) {
    throw new ValidationError(ErrorCode.ValidationError, `cache option redisUrl must be a redis:// or rediss:// URL`);
  }
  return {
    l1MaxEntries: nonNegativeInteger('l1MaxEntries', options.l1MaxEntries ?? defaultCacheOptions.l1MaxEntries),
    subResultMaxEntries: nonNegativeInteger('subResultMaxEntries', options.subResultMaxEntries ?? defaultCacheOptions.subResultMaxEntries),
    l1TtlMs: positiveInteger('l1TtlMs', options.l1TtlMs ?? defaultCacheOptions.l1TtlMs),
    redisUrl: options.redisUrl,
    redisKeyPrefix: prefix,
    l2TtlMs: positiveInteger('l2TtlMs', options.l2TtlMs ?? defaultCacheOptions.l2TtlMs),
    redisCommandTimeoutMs: positiveInteger('redisCommandTimeoutMs', options.redisCommandTimeoutMs ?? defaultCacheOptions.redisCommandTimeoutMs),
    redisFailureThreshold: positiveInteger('redisFailureThreshold', options.redisFailureThreshold ?? defaultCacheOptions.redisFailureThreshold),
    redisCooldownMs: nonNegativeInteger('redisCooldownMs', options.redisCooldownMs ?? defaultCacheOptions.redisCooldownMs),
    stalenessBoundMs: bound,
    pollIntervalMs: positiveInteger('pollIntervalMs', options.pollIntervalMs ?? Math.max(1, Math.floor(bound / 2))),
    safetyPollIntervalMs: positiveInteger('safetyPollIntervalMs', options.safetyPollIntervalMs ?? defaultCacheOptions.safetyPollIntervalMs),
    heartbeatIntervalMs: positiveInteger('heartbeatIntervalMs', options.heartbeatIntervalMs ?? Math.max(1, Math.floor(bound / 3))),
    storeIdleMs: positiveInteger('storeIdleMs', options.storeIdleMs ?? defaultCacheOptions.storeIdleMs),
    objectFloorMaxEntries: positiveInteger('objectFloorMaxEntries', options.objectFloorMaxEntries ?? defaultCacheOptions.objectFloorMaxEntries),
  };
}
