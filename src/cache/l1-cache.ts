// L1: this process's size-bounded LRU of decisions. Entries are never deleted on invalidation;
// they fail validation (invalidation-state.ts) and age out of the LRU.
import { LRUCache } from 'lru-cache';
import type { CacheEntry } from './cache-entry.js';
import { decisionKeyString, type DecisionKey } from './cache-key.js';

export class L1Cache {
  private readonly lru: LRUCache<string, CacheEntry> | undefined;

  constructor(maxEntries: number, ttlMs: number) {
    this.lru = maxEntries > 0 ? new LRUCache({ max: maxEntries, ttl: ttlMs, ttlAutopurge: false }) : undefined;
  }

  private static key(key: DecisionKey): string {
    return decisionKeyString(key);
  }

  get(key: DecisionKey): CacheEntry | undefined {
    return this.lru?.get(L1Cache.key(key));
  }

  /** Last writer wins: two racing evaluations can only cost a miss, since reads validate. */
  set(key: DecisionKey, entry: CacheEntry): void {
    this.lru?.set(L1Cache.key(key), entry);
  }

  get size(): number {
    return this.lru?.size ?? 0;
  }

  clear(): void {
    this.lru?.clear();
  }
}
