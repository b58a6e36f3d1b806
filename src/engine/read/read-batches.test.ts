import { describe, expect, it } from 'vitest';
import { chunkIds, maxKeysPerRead, packReads } from './read-batches.js';

describe('chunkIds', () => {
  it('cuts ids into parts of at most maxKeysPerRead, in order', () => {
    const ids = Array.from({ length: 2 * maxKeysPerRead + 1 }, (_, i) => `id${i}`);
    const chunks = chunkIds(ids);
    expect(chunks.map((c) => c.length)).toEqual([maxKeysPerRead, maxKeysPerRead, 1]);
    expect(chunks.flat()).toEqual(ids);
  });

  it('gives one part for a small set and none for an empty one', () => {
    expect(chunkIds(['a', 'b'])).toEqual([['a', 'b']]);
    expect(chunkIds([])).toEqual([]);
  });
});

describe('packReads', () => {
  const idsOf = (r: { ids: readonly string[] }) => r.ids;
  const withIds = (r: { name: string }, ids: readonly string[]) => ({ name: r.name, ids });

  it('packs small reads into one query with a multi-read reader, one per read without', () => {
    const reads = [{ name: 'a', ids: ['1'] }, { name: 'b', ids: ['2', '3'] }];
    expect(packReads(reads, idsOf, withIds, true)).toEqual([reads]);
    expect(packReads(reads, idsOf, withIds, false)).toEqual([[reads[0]], [reads[1]]]);
  });

  it('cuts a read larger than maxKeysPerRead into parts that keep every id once', () => {
    const ids = Array.from({ length: maxKeysPerRead + 5 }, (_, i) => `${i}`);
    const batches = packReads([{ name: 'a', ids }], idsOf, withIds, true);
    expect(batches.map((b) => b.reduce((n, r) => n + r.ids.length, 0))).toEqual([maxKeysPerRead, 5]);
    expect(batches.flat().flatMap((r) => r.ids)).toEqual(ids);
  });
});
