// Stores contract: create, get, rename, soft-delete and list stores (OpenFGA pkg/storage/test/stores.go).
import { beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import { ErrorCode } from '../../../src/model/index.js';
import type { Datastore } from '../../../src/storage/datastore.js';
import { expectCode } from './storage-fixtures.js';
import type { StorageSuite } from './storage-fixtures.js';

export function storesSuite(suite: StorageSuite): void {
  const { newStore } = suite;
  let ds: Datastore;
  beforeAll(async () => {
    ds = await suite.datastore();
  });

  describe('stores', () => {
    it('creates, gets, updates and soft-deletes', async () => {
      const id = ulid();
      const created = await ds.createStore({ id, name: 'first' });
      expect(created).toMatchObject({ id, name: 'first' });
      expect(created.createdAt).toBeInstanceOf(Date);
      expect(await ds.getStore(id)).toMatchObject({ id, name: 'first' });
      const updated = await ds.updateStore(id, 'renamed');
      expect(updated?.name).toBe('renamed');
      expect(updated!.updatedAt.getTime()).toBeGreaterThanOrEqual(created.updatedAt.getTime());
      expect(await ds.deleteStore(id)).toBe(true);
      expect(await ds.getStore(id)).toBeUndefined();
      expect(await ds.updateStore(id, 'x')).toBeUndefined();
      expect(await ds.deleteStore(id)).toBe(false);
      expect(await ds.deleteStore(ulid())).toBe(false);
      expect(await ds.getStore(ulid())).toBeUndefined();
    });

    it('rejects a taken id, even of a deleted store', async () => {
      const id = await newStore();
      await expectCode(ds.createStore({ id, name: 'again' }), ErrorCode.AlreadyExists);
      await ds.deleteStore(id);
      await expectCode(ds.createStore({ id, name: 'again' }), ErrorCode.AlreadyExists);
    });

    it('lists by name and ids in id order with pagination, skipping deleted stores', async () => {
      const tag = `list-${ulid()}`;
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) ids.push((await ds.createStore({ id: ulid(), name: tag })).id);
      await ds.deleteStore(ids[2]);
      const expected = ids.filter((_, i) => i !== 2).sort();
      const seen: string[] = [];
      let token: string | undefined;
      let pages = 0;
      do {
        const page = await ds.listStores({ pageSize: 2, continuationToken: token }, { name: tag });
        seen.push(...page.items.map((s) => s.id));
        token = page.continuationToken || undefined;
        pages++;
      } while (token && pages < 10);
      expect(seen).toEqual(expected);
      expect(pages).toBe(2);
      const byIds = await ds.listStores({ pageSize: 10 }, { ids: [ids[0], ids[2], ids[4]] });
      expect(byIds.items.map((s) => s.id)).toEqual([ids[0], ids[4]].sort());
      expect(byIds.continuationToken).toBe('');
    });

    it('rejects a malformed continuation token', async () => {
      await expectCode(ds.listStores({ pageSize: 2, continuationToken: 'not-a-token' }), ErrorCode.InvalidContinuationToken);
    });
  });
}
