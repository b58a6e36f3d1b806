// Sorted ListObjects answers of a snapshot (store, revision, model, query), kept so that later
// pages of a listing are slices instead of re-evaluations. A snapshot's answer never changes, so
// entries need no invalidation; the LRU is bounded by the number of object ids held.
import { LRUCache } from 'lru-cache';
import type { SortedAnswer } from '../engine/index.js';

/** An answer that read expiring grants carries the earliest expiry (epoch ms) among them. */
export type KeptAnswer = SortedAnswer & { expiresAt?: number };

export interface SnapshotAnswers {
  /** The kept answer, unless a grant it read has expired by `nowMs` (then the caller recomputes). */
  get(key: string, nowMs: number): SortedAnswer | undefined;
  set(key: string, answer: KeptAnswer): void;
}

/** `maxObjects`: ids held across all answers; 0 keeps nothing. */
export function createSnapshotAnswers(maxObjects: number): SnapshotAnswers {
  if (maxObjects <= 0) return { get: () => undefined, set: () => undefined };
  const cache = new LRUCache<string, KeptAnswer>({ maxSize: maxObjects, sizeCalculation: (answer) => Math.max(1, answer.objects.length) });
  return {
    get: (key, nowMs) => {
      const answer = cache.get(key);
      if (answer?.expiresAt === undefined || answer.expiresAt > nowMs) return answer;
      cache.delete(key);
      return undefined;
    },
    set: (key, answer) => {
      // An answer larger than the whole cache is not kept (lru-cache would refuse it anyway).
      if (answer.objects.length <= maxObjects) cache.set(key, answer);
    },
  };
}
