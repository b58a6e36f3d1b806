// Sorted ListObjects answers of a snapshot (store, revision, model, query), kept so that later
// pages of a listing are slices instead of re-evaluations. A snapshot's answer never changes, so
// entries need no invalidation; the LRU is bounded by the number of object ids held.
import { LRUCache } from 'lru-cache';
import type { SortedAnswer } from '../engine/index.js';

export interface SnapshotAnswers {
  get(key: string): SortedAnswer | undefined;
  set(key: string, answer: SortedAnswer): void;
}

/** `maxObjects`: ids held across all answers; 0 keeps nothing. */
export function createSnapshotAnswers(maxObjects: number): SnapshotAnswers {
  if (maxObjects <= 0) return { get: () => undefined, set: () => undefined };
  const cache = new LRUCache<string, SortedAnswer>({ maxSize: maxObjects, sizeCalculation: (answer) => Math.max(1, answer.objects.length) });
  return {
    get: (key) => cache.get(key),
    set: (key, answer) => {
      // An answer larger than the whole cache is not kept (lru-cache would refuse it anyway).
      if (answer.objects.length <= maxObjects) cache.set(key, answer);
    },
  };
}
