// How one round of a graph walk (ListObjects' reverse walk, ListUsers' forward walk) becomes
// queries: large rounds are split so that results stream and a query stays small.

/** Keys (object or user ids) per query: larger sets are cut so that one query stays within what a backend handles well. */
export const maxKeysPerRead = 1000;

/** `ids` cut into parts of at most `maxKeysPerRead`, in order (one part for a small set, none for an empty one). */
export function chunkIds<T>(ids: readonly T[]): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < ids.length; i += maxKeysPerRead) chunks.push(ids.slice(i, i + maxKeysPerRead));
  return chunks;
}

/**
 * The queries of a round: with a multi-read reader, as few as fit `maxKeysPerRead` ids each (one
 * for a small round); otherwise one per read, so that a slow read does not hold back the others'
 * results. A read with more ids than fit is cut into several (`withIds` makes each part).
 */
export function packReads<R>(reads: Iterable<R>, idsOf: (read: R) => readonly string[], withIds: (read: R, ids: readonly string[]) => R, multi: boolean): R[][] {
  const batches: R[][] = [];
  let batch: R[] = [];
  let size = 0;
  for (const read of reads) {
    const ids = idsOf(read);
    for (let i = 0; i < ids.length; ) {
      const take = Math.min(maxKeysPerRead - size, ids.length - i);
      batch.push(i === 0 && take === ids.length ? read : withIds(read, ids.slice(i, i + take)));
      size += take;
      i += take;
      if (!multi || size >= maxKeysPerRead) {
        batches.push(batch);
        batch = [];
        size = 0;
      }
    }
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}
