// Authorization models contract: immutable versions, latest by id, newest-first listing (OpenFGA pkg/storage/test/authz_models.go).
import { beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import { ErrorCode } from '../../../src/model/index.js';
import type { AuthorizationModel } from '../../../src/model/index.js';
import type { Datastore } from '../../../src/storage/datastore.js';
import { expectCode } from './storage-fixtures.js';
import type { StorageSuite } from './storage-fixtures.js';

const model = (id: string): AuthorizationModel & { id: string } => ({
  id,
  schema_version: '1.1',
  type_definitions: [{ type: 'user' }, { type: 'doc', relations: { viewer: { this: {} } }, metadata: { relations: { viewer: { directly_related_user_types: [{ type: 'user' }] } } } }],
});

export function modelsSuite(suite: StorageSuite): void {
  const { newStore } = suite;
  let ds: Datastore;
  beforeAll(async () => {
    ds = await suite.datastore();
  });

  describe('models', () => {
    it('stores immutable versions; latest is the highest id; lists newest first', async () => {
      const store = await newStore();
      expect(await ds.readLatestModel(store)).toBeUndefined();
      const ids = [ulid(), ulid(), ulid()].sort();
      for (const id of [ids[1], ids[0], ids[2]]) await ds.writeModel(store, model(id));
      expect((await ds.readLatestModel(store))?.id).toBe(ids[2]);
      const read = await ds.readModel(store, ids[0]);
      expect(read).toEqual(model(ids[0]));
      expect(await ds.readModel(store, ulid())).toBeUndefined();
      expect(await ds.readModel(await newStore(), ids[0])).toBeUndefined();
      await expectCode(ds.writeModel(store, model(ids[0])), ErrorCode.AlreadyExists);

      const first = await ds.listModels(store, { pageSize: 2 });
      expect(first.items.map((m) => m.id)).toEqual([ids[2], ids[1]]);
      expect(first.continuationToken).not.toBe('');
      const second = await ds.listModels(store, { pageSize: 2, continuationToken: first.continuationToken });
      expect(second.items.map((m) => m.id)).toEqual([ids[0]]);
      expect(second.continuationToken).toBe('');
    });

    it('stores a model given as its JSON text exactly as the same model given as an object', async () => {
      const store = await newStore();
      const [asText, asObject] = [ulid(), ulid()].sort();
      const { id: _id, ...withoutId } = model(asText);
      await ds.writeModel(store, { id: asText, schemaVersion: '1.1', json: JSON.stringify({ ...withoutId, id: 'ignored' }) });
      await ds.writeModel(store, model(asObject));
      expect(await ds.readModel(store, asText)).toEqual(model(asText));
      expect((await ds.listModels(store, { pageSize: 5 })).items).toEqual([model(asObject), model(asText)]);
      await expectCode(ds.writeModel(store, { id: asText, schemaVersion: '1.1', json: '{}' }), ErrorCode.AlreadyExists);
    });
  });
}
