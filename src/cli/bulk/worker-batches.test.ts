// The reader thread's packing of a batch: every key, condition and expiry back as read, whatever
// they hold; a packing that does not add up is refused, never read as other tuples.
import { describe, expect, it } from 'vitest';
import { packBatch, unpackBatch } from './worker-batches.js';
import type { ReadBatch } from './read-batches.js';

describe('packBatch / unpackBatch', () => {
  it('round trips keys, conditions (contexts with newlines, quotes, unicode) and raw expiries', () => {
    const batch: ReadBatch = {
      keys: [
        { object: 'doc:1', relation: 'viewer', user: 'user:anne' },
        { object: 'doc:"2",\\x', relation: 'viewer', user: 'group:eng#member', condition: { name: 'small', context: { note: 'a\nb\r\n"c"', emoji: '😀', n: [1, { x: null }] } } },
        { object: 'doc:3', relation: 'viewer', user: 'user:*', condition: { name: 'small' } },
        { object: 'doc:4', relation: 'viewer', user: 'user:bob', expiresAt: '2030-01-01T00:00:00Z\n{"object":"doc:9"}' },
        { object: 'doc:ü', relation: 'viewer', user: 'user:ü', condition: { name: 'c', context: {} }, expiresAt: '' },
      ],
      lines: [1, 2, 9_007_199_254_740_991, 4, 5],
      read: 6,
      duplicates: 1,
      bytes: 1234,
      modelChecked: true,
    };
    expect(unpackBatch(packBatch(batch))).toEqual(batch);
  });

  it('an empty batch, and a packing whose fields do not match its lines', () => {
    const empty: ReadBatch = { keys: [], lines: [], read: 0, duplicates: 0, bytes: 7, modelChecked: true };
    expect(unpackBatch(packBatch(empty))).toEqual(empty);
    const packed = packBatch({ ...empty, keys: [{ object: 'doc:1', relation: 'viewer', user: 'user:a' }], lines: [1] });
    expect(() => unpackBatch({ ...packed, keys: `${packed.keys}\nextra` })).toThrow(/5 fields for 1 tuples/);
    expect(() => unpackBatch({ ...packed, lines: new Float64Array([1, 2]) })).toThrow(/4 fields for 2 tuples/);
  });
});
