// TupleReader contract: the engine's read port over stored tuples, forward and reverse, batched, with conditions (src/engine/tuple-reader.ts).
import { beforeAll, describe, expect, it } from 'vitest';
import type { RelationTuple } from '../../../src/model/index.js';
import type { Datastore } from '../../../src/storage/datastore.js';
import { tk } from './storage-fixtures.js';
import type { StorageSuite } from './storage-fixtures.js';

const summary = (tuples: RelationTuple[]): string[] =>
  tuples
    .map((t) => `${t.objectType}:${t.objectId}#${t.relation}@${t.userType}:${t.userId}${t.userRelation ? `#${t.userRelation}` : ''}${t.conditionName ? ` [${t.conditionName} ${JSON.stringify(t.conditionContext ?? {})}]` : ''}`)
    .sort();

export function tupleReaderSuite(suite: StorageSuite): void {
  const { newStore } = suite;
  let ds: Datastore;
  beforeAll(async () => {
    ds = await suite.datastore();
  });

  describe('tupleReader', () => {
    let store: string;
    beforeAll(async () => {
      store = await newStore();
      await ds.writeTuples(store, {
        writes: [
          tk('doc:1', 'viewer', 'user:anne'),
          tk('doc:1', 'viewer', 'user:*'),
          tk('doc:1', 'viewer', 'group:eng#member'),
          tk('doc:1', 'viewer', 'group:eng'),
          tk('doc:1', 'editor', 'user:bob'),
          tk('doc:2', 'viewer', 'user:bob', { name: 'ip', context: { cidr: '10.0.0.0/8' } }),
          tk('doc:2', 'viewer', 'group:ops#member', { name: 'hours' }),
          tk('doc:3', 'viewer', 'user:anne'),
          tk('folder:1', 'viewer', 'user:anne'),
        ],
        deletes: [],
      });
    });

    it('reads forward (object -> users) for a set of objects, with conditions', async () => {
      const reader = ds.tupleReader(store);
      expect(summary(await reader.readByObjects({ objectType: 'doc', objectIds: ['1', '2', '404'], relation: 'viewer' }))).toEqual([
        'doc:1#viewer@group:eng',
        'doc:1#viewer@group:eng#member',
        'doc:1#viewer@user:*',
        'doc:1#viewer@user:anne',
        'doc:2#viewer@group:ops#member [hours {}]',
        'doc:2#viewer@user:bob [ip {"cidr":"10.0.0.0/8"}]',
      ]);
      expect(await reader.readByObjects({ objectType: 'doc', objectIds: [], relation: 'viewer' })).toEqual([]);
    });

    it('filters forward reads by user type and userset relation', async () => {
      const reader = ds.tupleReader(store);
      const ids = ['1', '2'];
      expect(summary(await reader.readByObjects({ objectType: 'doc', objectIds: ids, relation: 'viewer', userFilters: [{ userType: 'group', userRelation: 'member' }] }))).toEqual([
        'doc:1#viewer@group:eng#member',
        'doc:2#viewer@group:ops#member [hours {}]',
      ]);
      expect(summary(await reader.readByObjects({ objectType: 'doc', objectIds: ids, relation: 'viewer', userFilters: [{ userType: 'user', userRelation: '' }, { userType: 'group', userRelation: '' }] }))).toEqual([
        'doc:1#viewer@group:eng',
        'doc:1#viewer@user:*',
        'doc:1#viewer@user:anne',
        'doc:2#viewer@user:bob [ip {"cidr":"10.0.0.0/8"}]',
      ]);
    });

    it('reads several relations of the same objects in one call, each with its own filter', async () => {
      const reader = ds.tupleReader(store);
      // Optional in the port; every backend of ours has it.
      const read = reader.readRelationsByObjects?.bind(reader);
      expect(read).toBeDefined();
      if (!read) return;
      expect(summary(await read({ objectType: 'doc', objectIds: ['1', '2', '404'], relations: [{ relation: 'viewer' }, { relation: 'editor' }] }))).toEqual([
        'doc:1#editor@user:bob',
        'doc:1#viewer@group:eng',
        'doc:1#viewer@group:eng#member',
        'doc:1#viewer@user:*',
        'doc:1#viewer@user:anne',
        'doc:2#viewer@group:ops#member [hours {}]',
        'doc:2#viewer@user:bob [ip {"cidr":"10.0.0.0/8"}]',
      ]);
      expect(
        summary(
          await read({
            objectType: 'doc',
            objectIds: ['1', '2'],
            relations: [
              { relation: 'viewer', userFilters: [{ userType: 'group', userRelation: 'member' }] },
              { relation: 'editor', userFilters: [{ userType: 'user', userRelation: '' }] },
              { relation: 'owner' },
            ],
          }),
        ),
      ).toEqual(['doc:1#editor@user:bob', 'doc:1#viewer@group:eng#member', 'doc:2#viewer@group:ops#member [hours {}]']);
      // An empty filter admits nothing for its relation; the others are still read.
      expect(summary(await read({ objectType: 'doc', objectIds: ['1'], relations: [{ relation: 'viewer', userFilters: [] }, { relation: 'editor' }] }))).toEqual([
        'doc:1#editor@user:bob',
      ]);
      expect(await read({ objectType: 'doc', objectIds: [], relations: [{ relation: 'viewer' }] })).toEqual([]);
      expect(await read({ objectType: 'folder', objectIds: ['1'], relations: [] })).toEqual([]);
    });

    it('reads many forward reads of any types and relations in one call, each tuple once', async () => {
      const reader = ds.tupleReader(store);
      // Optional in the port; every backend of ours has it.
      const read = reader.readManyByObjects?.bind(reader);
      expect(read).toBeDefined();
      if (!read) return;
      expect(summary(await read([
        { objectType: 'doc', relation: 'viewer', objectIds: ['2', '404'] },
        { objectType: 'doc', relation: 'editor', objectIds: ['1'] },
        { objectType: 'folder', relation: 'viewer', objectIds: ['1', '1'] },
        // The same read again, overlapping: no tuple twice.
        { objectType: 'doc', relation: 'viewer', objectIds: ['2'] },
      ]))).toEqual([
        'doc:1#editor@user:bob',
        'doc:2#viewer@group:ops#member [hours {}]',
        'doc:2#viewer@user:bob [ip {"cidr":"10.0.0.0/8"}]',
        'folder:1#viewer@user:anne',
      ]);
      expect(await read([])).toEqual([]);
      expect(await read([{ objectType: 'doc', relation: 'viewer', objectIds: [] }])).toEqual([]);
    });

    it('reads many reverse reads of any types, relations and user kinds in one call, each tuple once', async () => {
      const reader = ds.tupleReader(store);
      const read = reader.readManyByUsers?.bind(reader);
      expect(read).toBeDefined();
      if (!read) return;
      expect(summary(await read([
        { objectType: 'doc', relation: 'viewer', userType: 'user', userRelation: '', userIds: ['anne', '*'] },
        { objectType: 'doc', relation: 'viewer', userType: 'group', userRelation: 'member', userIds: ['ops'] },
        { objectType: 'doc', relation: 'editor', userType: 'user', userRelation: '', userIds: ['bob', 'nobody'] },
        { objectType: 'folder', relation: 'viewer', userType: 'user', userRelation: '', userIds: ['anne'] },
        { objectType: 'doc', relation: 'viewer', userType: 'user', userRelation: '', userIds: ['anne'] },
      ]))).toEqual([
        'doc:1#editor@user:bob',
        'doc:1#viewer@user:*',
        'doc:1#viewer@user:anne',
        'doc:2#viewer@group:ops#member [hours {}]',
        'doc:3#viewer@user:anne',
        'folder:1#viewer@user:anne',
      ]);
      expect(await read([])).toEqual([]);
      expect(await read([{ objectType: 'doc', relation: 'viewer', userType: 'user', userRelation: '', userIds: [] }])).toEqual([]);
    });

    it('reads one level of a check, forward reads with their filters and reverse reads, in one call, each side apart and each tuple once', async () => {
      const reader = ds.tupleReader(store);
      // Optional in the port; every backend of ours has it.
      const read = reader.readLevel?.bind(reader);
      expect(read).toBeDefined();
      if (!read) return;
      const level = await read({
        objects: [
          { objectType: 'doc', relation: 'viewer', objectIds: ['1', '2', '404', '1'], userFilters: [{ userType: 'group', userRelation: 'member' }, { userType: 'user', userRelation: '' }] },
          { objectType: 'doc', relation: 'editor', objectIds: ['1'] },
          // An empty filter admits nothing.
          { objectType: 'folder', relation: 'viewer', objectIds: ['1'], userFilters: [] },
        ],
        users: [
          { objectType: 'doc', relation: 'viewer', userType: 'user', userRelation: '', userIds: ['anne', '*', 'anne'] },
          { objectType: 'doc', relation: 'viewer', userType: 'group', userRelation: 'member', userIds: ['ops'] },
          { objectType: 'folder', relation: 'viewer', userType: 'user', userRelation: '', userIds: ['anne'] },
        ],
      });
      expect(summary(level.objects)).toEqual([
        'doc:1#editor@user:bob',
        'doc:1#viewer@group:eng#member',
        'doc:1#viewer@user:*',
        'doc:1#viewer@user:anne',
        'doc:2#viewer@group:ops#member [hours {}]',
        'doc:2#viewer@user:bob [ip {"cidr":"10.0.0.0/8"}]',
      ]);
      // The same tuple may answer both sides (doc:1#viewer@user:anne); each side has it once.
      expect(summary(level.users)).toEqual([
        'doc:1#viewer@user:*',
        'doc:1#viewer@user:anne',
        'doc:2#viewer@group:ops#member [hours {}]',
        'doc:3#viewer@user:anne',
        'folder:1#viewer@user:anne',
      ]);
      expect(await read({ objects: [], users: [] })).toEqual({ objects: [], users: [] });
      expect(await read({ objects: [{ objectType: 'doc', relation: 'viewer', objectIds: [] }], users: [] })).toEqual({ objects: [], users: [] });
      expect(summary((await read({ objects: [], users: [{ objectType: 'doc', relation: 'editor', userType: 'user', userRelation: '', userIds: ['bob'] }] })).users)).toEqual(['doc:1#editor@user:bob']);
    });

    it('reads reverse (users -> objects), including wildcards and usersets, optionally narrowed to objects', async () => {
      const reader = ds.tupleReader(store);
      expect(summary(await reader.readByUsers({ objectType: 'doc', relation: 'viewer', userType: 'user', userIds: ['anne', '*'], userRelation: '' }))).toEqual([
        'doc:1#viewer@user:*',
        'doc:1#viewer@user:anne',
        'doc:3#viewer@user:anne',
      ]);
      expect(summary(await reader.readByUsers({ objectType: 'doc', relation: 'viewer', userType: 'group', userIds: ['eng', 'ops'], userRelation: 'member' }))).toEqual([
        'doc:1#viewer@group:eng#member',
        'doc:2#viewer@group:ops#member [hours {}]',
      ]);
      expect(summary(await reader.readByUsers({ objectType: 'doc', relation: 'viewer', userType: 'user', userIds: ['anne'], userRelation: '', objectIds: ['3', '9'] }))).toEqual([
        'doc:3#viewer@user:anne',
      ]);
      expect(await reader.readByUsers({ objectType: 'doc', relation: 'viewer', userType: 'user', userIds: [], userRelation: '' })).toEqual([]);
    });

    it('answers one call for thousands of ids, without duplicates', async () => {
      const big = await newStore();
      const writes = Array.from({ length: 300 }, (_, i) => tk(`doc:${i}`, 'viewer', `user:u${i % 7}`));
      for (let i = 0; i < writes.length; i += 100) await ds.writeTuples(big, { writes: writes.slice(i, i + 100), deletes: [] });
      const reader = ds.tupleReader(big);
      const ids = Array.from({ length: 5000 }, (_, i) => String(i));
      const forward = await reader.readByObjects({ objectType: 'doc', objectIds: [...ids, '1', '2'], relation: 'viewer' });
      expect(forward).toHaveLength(300);
      expect(new Set(summary(forward)).size).toBe(300);
      const reverse = await reader.readByUsers({ objectType: 'doc', relation: 'viewer', userType: 'user', userIds: ['u0', 'u1', 'u0'], userRelation: '', objectIds: ids });
      expect(reverse).toHaveLength(writes.filter((w) => w.user === 'user:u0' || w.user === 'user:u1').length);
    });

    it('sees writes committed after it was created, and never another store', async () => {
      const reader = ds.tupleReader(store);
      await ds.writeTuples(store, { writes: [tk('doc:4', 'viewer', 'user:carl')], deletes: [] });
      expect(summary(await reader.readByObjects({ objectType: 'doc', objectIds: ['4'], relation: 'viewer' }))).toEqual(['doc:4#viewer@user:carl']);
      expect(await ds.tupleReader(await newStore()).readByObjects({ objectType: 'doc', objectIds: ['1'], relation: 'viewer' })).toEqual([]);
    });
  });
}
