import { describe, expect, it } from 'vitest';
import { createPresharedMethod } from './preshared.js';
import { anyStore, scopeNames } from './principal.js';

const call = { authorization: undefined, peerAddress: '127.0.0.1' };

describe('preshared method', () => {
  const keys = ['key-zero-0123456789', 'key-one-0123456789'];
  const method = createPresharedMethod(keys);

  it('names the key by its index, with full access, never by the key', async () => {
    const principal = await method.authenticate(keys[1], call);
    expect(principal).toMatchObject({ kind: 'preshared', id: '1' });
    expect([...(principal?.scopes.get(anyStore) ?? [])].sort()).toEqual([...scopeNames].sort());
    expect(JSON.stringify({ ...principal, scopes: [...(principal?.scopes.keys() ?? [])] })).not.toContain('key-one');
  });

  it('leaves anything else to the next method: other keys, prefixes, extensions, other lengths', async () => {
    for (const bearer of ['key-zero-012345678', 'key-zero-01234567890', 'KEY-ZERO-0123456789', '', 'x'.repeat(10_000)]) {
      await expect(method.authenticate(bearer, call)).resolves.toBeUndefined();
    }
  });

  it('needs at least one key', () => expect(() => createPresharedMethod([])).toThrow());
});
