// L2: decisions in Redis, shared by replicas. Every failure degrades to a miss; after
// `failureThreshold` consecutive failures Redis is skipped for `cooldownMs` so that a sick Redis
// costs no latency, and one probe after the cooldown lets it back in.
import type { Redis } from 'ioredis';
import { safeEmit, type CacheEventListener } from './cache-events.js';
import { cappedTtl, decodeEntry, encodeEntry, type CacheEntry } from './cache-entry.js';
import type { DecisionKey } from './cache-key.js';

export interface RedisL2Options {
  keyPrefix: string;
  ttlMs: number;
  failureThreshold: number;
  cooldownMs: number;
}

export class RedisL2 {
  private consecutiveFailures = 0;
  private skipUntil = 0;
  private degraded = false;

  constructor(
    private readonly client: Redis,
    private readonly options: RedisL2Options,
    private readonly onEvent?: CacheEventListener,
  ) {}

  redisKey(key: DecisionKey): string {
    return `${this.options.keyPrefix}d:${key.storeId}:${key.modelId}:${key.id}`;
  }

  /** Whether a command is worth sending now. */
  private usable(): boolean {
    if (this.client.status !== 'ready') return false;
    return Date.now() >= this.skipUntil;
  }

  private succeeded(): void {
    this.consecutiveFailures = 0;
    if (this.degraded) {
      this.degraded = false;
      safeEmit(this.onEvent, { type: 'redis-recovered' });
    }
  }

  private failed(operation: string, error: unknown): void {
    this.consecutiveFailures += 1;
    this.degraded = true;
    if (this.consecutiveFailures >= this.options.failureThreshold) this.skipUntil = Date.now() + this.options.cooldownMs;
    safeEmit(this.onEvent, { type: 'redis-error', operation, error });
  }

  /** One round trip (MGET) for all keys; undefined per key on a miss or any failure. */
  async getMany(keys: readonly DecisionKey[]): Promise<(CacheEntry | undefined)[]> {
    const misses = keys.map((): CacheEntry | undefined => undefined);
    if (keys.length === 0) return misses;
    if (!this.usable()) {
      if (this.client.status !== 'ready') this.degraded = true;
      safeEmit(this.onEvent, { type: 'redis-skipped' });
      return misses;
    }
    try {
      const values = await this.client.mget(keys.map((key) => this.redisKey(key)));
      this.succeeded();
      return values.map((value) => (value === null ? undefined : decodeEntry(value)));
    } catch (error) {
      this.failed('mget', error);
      return misses;
    }
  }

  /** Fire and forget: one pipelined round trip; a failure only costs future hits. */
  setMany(items: readonly { key: DecisionKey; entry: CacheEntry }[]): void {
    if (items.length === 0 || !this.usable()) return;
    const pipeline = this.client.pipeline();
    const nowMs = Date.now();
    let queued = 0;
    for (const { key, entry } of items) {
      // An entry that depends on an expiring grant lives in Redis no longer than the grant.
      const ttl = Math.floor(cappedTtl(entry, this.options.ttlMs, nowMs));
      if (ttl <= 0) continue;
      pipeline.set(this.redisKey(key), encodeEntry(entry), 'PX', ttl);
      queued += 1;
    }
    if (queued === 0) return;
    pipeline.exec().then(
      (results) => {
        const error = results?.find(([err]) => err)?.[0];
        if (error) this.failed('set', error);
        else this.succeeded();
      },
      (error: unknown) => this.failed('set', error),
    );
  }
}
