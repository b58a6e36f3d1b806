// Sub-problem results (`type:id#relation@user`) kept across requests in this process: a Check
// that misses the decision cache reuses what earlier Checks settled on the way (a folder's
// viewers, a team's members), at the revision they were computed. Each entry is validated like a
// decision (invalidation-state.ts) with the sub-problem's own relation and object, so a write
// that may change it (per object or per relation, as the dependency graph says) makes it
// unservable at once; the LRU bounds memory. L1 only: a sub-result is cheap to recompute, and
// the Redis round trip would cost more than most of them.
import { LRUCache } from 'lru-cache';
import type { SubResults } from '../engine/index.js';
import { isUnexpired, type CacheEntry } from './cache-entry.js';
import { relationKey } from './dependency-graph.js';

/** Lookups since start, for the hit rate (metrics and the bench). */
export interface SubResultStats {
  hits: number;
  misses: number;
  stored: number;
  entries: number;
}

/** How a request may use the sub-results: the validity check of its store, model and token. */
export interface SubResultScope {
  storeId: string;
  modelId: string;
  /** The revision and time stamped on the request's evaluation before it reads anything. */
  stamp: { revision: bigint; computedAt: number };
  /** False for HIGHER_CONSISTENCY: nothing is read, fresh answers are still stored. */
  read: boolean;
  /** The request's instant (epoch ms): an answer resting on a tuple expired by then is not served. */
  nowMs: number;
  isServable(relation: string, objectId: string, entry: CacheEntry): boolean;
}

export class SubResultCache {
  private readonly lru: LRUCache<string, CacheEntry>;
  private hits = 0;
  private misses = 0;
  private stored = 0;

  constructor(maxEntries: number, ttlMs: number) {
    this.lru = new LRUCache({ max: maxEntries, ttl: ttlMs, ttlAutopurge: false });
  }

  /** The port one request's Check session uses. */
  bind(scope: SubResultScope): SubResults {
    const prefix = `${scope.storeId}\u0001${scope.modelId}\u0001`;
    return {
      get: (type, id, relation, userKey) => {
        if (!scope.read) return undefined;
        const entry = this.lru.get(`${prefix}${type}:${id}#${relation}@${userKey}`);
        if (!entry || !isUnexpired(entry, scope.nowMs) || !scope.isServable(relationKey(type, relation), id, entry)) {
          this.misses++;
          return undefined;
        }
        this.hits++;
        return entry.expiresAt === undefined ? { allowed: entry.allowed } : { allowed: entry.allowed, expiresAt: entry.expiresAt };
      },
      set: (type, id, relation, userKey, result) => {
        if (!isUnexpired(result, scope.nowMs)) return;
        this.stored++;
        const entry: CacheEntry = { allowed: result.allowed, revision: scope.stamp.revision, computedAt: scope.stamp.computedAt };
        if (result.expiresAt !== undefined) entry.expiresAt = result.expiresAt;
        this.lru.set(`${prefix}${type}:${id}#${relation}@${userKey}`, entry);
      },
    };
  }

  stats(): SubResultStats {
    return { hits: this.hits, misses: this.misses, stored: this.stored, entries: this.lru.size };
  }

  clear(): void {
    this.lru.clear();
  }
}
