// Per-store settings contract: absent until written, replaced whole, removed by undefined, kept
// apart per store and per name, any text (JSON, unicode) round-tripped exactly; concurrent
// writers leave one of their values, never a mix.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Datastore } from '../../../src/storage/datastore.js';
import type { StorageSuite } from './storage-fixtures.js';

export function storeSettingsSuite(suite: StorageSuite): void {
  let ds: Datastore;
  beforeAll(async () => {
    ds = await suite.datastore();
  });

  describe('per-store settings', () => {
    it('is absent until written, then replaced whole, then removed', async () => {
      const store = await suite.newStore();
      expect(await ds.readStoreSetting(store, 'authzen.actions')).toBeUndefined();
      await ds.writeStoreSetting(store, 'authzen.actions', '[["doc",["can_read"]]]');
      expect(await ds.readStoreSetting(store, 'authzen.actions')).toBe('[["doc",["can_read"]]]');
      await ds.writeStoreSetting(store, 'authzen.actions', '[]');
      expect(await ds.readStoreSetting(store, 'authzen.actions')).toBe('[]');
      await ds.writeStoreSetting(store, 'authzen.actions', undefined);
      expect(await ds.readStoreSetting(store, 'authzen.actions')).toBeUndefined();
      await ds.writeStoreSetting(store, 'authzen.actions', undefined);
    });

    it('keeps stores and names apart and round-trips any text', async () => {
      const [a, b] = [await suite.newStore(), await suite.newStore()];
      const text = JSON.stringify({ 'é😀': ['x'], quote: "it's \"q\"", big: 'x'.repeat(100_000) });
      await ds.writeStoreSetting(a, 'one', text);
      await ds.writeStoreSetting(a, 'two', 'second');
      await ds.writeStoreSetting(b, 'one', 'other store');
      expect(await ds.readStoreSetting(a, 'one')).toBe(text);
      expect(await ds.readStoreSetting(a, 'two')).toBe('second');
      expect(await ds.readStoreSetting(b, 'one')).toBe('other store');
      expect(await ds.readStoreSetting(b, 'two')).toBeUndefined();
      expect(await ds.readStoreSetting(a, 'ONE')).toBeUndefined();
    });

    it('leaves one writer’s whole value under concurrent writes', async () => {
      const store = await suite.newStore();
      const values = Array.from({ length: 8 }, (_, i) => `value-${i}-${'x'.repeat(i * 10)}`);
      await Promise.all(values.map((value) => ds.writeStoreSetting(store, 'race', value)));
      expect(values).toContain(await ds.readStoreSetting(store, 'race'));
    });
  });
}
