// L1: this process's size-bounded LRU of decisions. Entries are never deleted on invalidation;
// they fail validation (invalidation-state.ts) and age out of the LRU.
import { LRUCache } from 'lru-cache';
import { cappedTtl, isUnexpired, type CacheEntry } from './cache-entry.js';
import { decisionKeyString, type DecisionKey } from './cache-key.js';

export class L1Cache {
  private readonly lru: LRUCache<string, CacheEntry> | undefined;

  private readonly ttlMs: number;

  constructor(maxEntries: number, ttlMs: number) {
    this.ttlMs = ttlMs;
    this.lru = maxEntries > 0 ? new LRUCache({ max: maxEntries, ttl: ttlMs, ttlAutopurge: false }) : undefined;
  }

  private static key(key: DecisionKey): string {
    return decisionKeyString(key);
  }

  /** The entry, unless an expiring grant it depended on has ended by `nowMs` (then it is dropped). */
  get(key: DecisionKey, nowMs = Date.now()): CacheEntry | undefined {
    const id = L1Cache.key(key);
    const entry = this.lru?.get(id);
    if (!entry || isUnexpired(entry, nowMs)) return entry;
    this.lru?.delete(id);
    return undefined;
  }

  /**
   * Last writer wins: two racing evaluations can only cost a miss, since reads validate. The
   * entry's TTL ends at its expiry when that comes first; an entry already expired is not kept.
   */
  set(key: DecisionKey, entry: CacheEntry, nowMs = Date.now()): void {
    if (!this.lru) return;
    const ttl = cappedTtl(entry, this.ttlMs, nowMs);
    if (ttl <= 0) return;
    this.lru.set(L1Cache.key(key), entry, ttl < this.ttlMs ? { ttl } : undefined);
  }

  get size(): number {
    return this.lru?.size ?? 0;
  }

  clear(): void {
    this.lru?.clear();
  }
}
