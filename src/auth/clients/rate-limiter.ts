// Token buckets per API client: `perSecond` tokens flow in, up to `burst`; a call takes one.
// The buckets live in a bounded LRU: a client evicted (among more than `maxBuckets` active ones)
// starts again from a full bucket, which only ever errs toward serving a call.
import { LRUCache } from 'lru-cache';
import type { ApiClientRateLimit } from '../../storage/index.js';

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  private readonly buckets: LRUCache<string, Bucket>;

  constructor(maxBuckets: number) {
    this.buckets = new LRUCache({ max: maxBuckets });
  }

  /** 0 when the call may proceed (a token was taken), else how many ms until a token is due. */
  take(clientId: string, limit: ApiClientRateLimit, now: number): number {
    let bucket = this.buckets.get(clientId);
    if (!bucket) {
      bucket = { tokens: limit.burst, at: now };
      this.buckets.set(clientId, bucket);
    } else {
      const elapsed = Math.max(0, now - bucket.at) / 1000;
      bucket.tokens = Math.min(limit.burst, bucket.tokens + elapsed * limit.perSecond);
      bucket.at = now;
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return ((1 - bucket.tokens) / limit.perSecond) * 1000;
  }

  /** A client's limit changed or it was removed: its next call starts from a full bucket of the new limit. */
  forget(clientId: string): void {
    this.buckets.delete(clientId);
  }

  get size(): number {
    return this.buckets.size;
  }
}
