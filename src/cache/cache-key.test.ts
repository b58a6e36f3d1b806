import { describe, expect, it } from 'vitest';
import { decisionKey, requestContextHash } from './cache-key.js';
import { decodeEntry, encodeEntry } from './cache-entry.js';

describe('decision keys', () => {
  const base = { object: 'document:1', relation: 'viewer', user: 'user:anne' };

  it('keys by store, model, object, relation and user, with the relation for invalidation', () => {
    const key = decisionKey('s1', 'm1', base);
    expect(key).toEqual({ storeId: 's1', modelId: 'm1', relation: 'document#viewer', objectId: '1', id: 'document:1#viewer@user:anne|-' });
    expect(decisionKey('s1', 'm1', { ...base, object: 'nocolon' })).toBeUndefined();
  });

  it('hashes contextual tuples and context independently of order', () => {
    const t1 = { object: 'group:a', relation: 'member', user: 'user:anne' };
    const t2 = { object: 'group:b', relation: 'member', user: 'user:bob', condition: { name: 'c', context: { y: 1, x: 2 } } };
    const a = requestContextHash({ contextualTuples: [t1, t2], context: { a: 1, b: { d: 2, c: 3 } } });
    const b = requestContextHash({ contextualTuples: [{ ...t2, condition: { name: 'c', context: { x: 2, y: 1 } } }, t1], context: { b: { c: 3, d: 2 }, a: 1 } });
    expect(a).toBe(b);
    expect(a).not.toBe(requestContextHash({ contextualTuples: [t1], context: { a: 1, b: { d: 2, c: 3 } } }));
    expect(requestContextHash({ context: { a: 1 } })).not.toBe(requestContextHash({ context: { a: 2 } }));
    expect(requestContextHash({ contextualTuples: [], context: {} })).toBe('-');
  });

  it('round-trips entries and rejects malformed values', () => {
    const entry = { allowed: true, revision: 123456789012345678901234567890n, computedAt: 1_700_000_000_000 };
    expect(decodeEntry(encodeEntry(entry))).toEqual(entry);
    expect(decodeEntry(encodeEntry({ ...entry, allowed: false }))?.allowed).toBe(false);
    const expiring = { ...entry, expiresAt: 1_700_000_000_000 };
    expect(decodeEntry(encodeEntry(expiring))).toEqual(expiring);
    for (const bad of ['', '1:2', 'x:1:2', '1:-1:2', '1:1:2:3:4', '1:1:2:x', '2:1:1']) expect(decodeEntry(bad)).toBeUndefined();
  });
});
