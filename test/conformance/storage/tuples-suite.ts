// Tuples contract: writeTuples (atomic, typed conflicts, concurrent writers) and readTuples (order, filters, pages) (OpenFGA pkg/storage/test/tuples.go).
import { beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../src/model/index.js';
import type { TupleKey } from '../../../src/model/index.js';
import type { Datastore } from '../../../src/storage/datastore.js';
import { TupleAlreadyExistsError, TupleNotFoundError } from '../../../src/storage/errors.js';
import { expectCode, keysOf, tk } from './storage-fixtures.js';
import type { StorageSuite } from './storage-fixtures.js';

export function tuplesSuite(suite: StorageSuite): void {
  const { newStore } = suite;
  let ds: Datastore;
  beforeAll(async () => {
    ds = await suite.datastore();
  });

  describe('writeTuples', () => {
    it('writes, reads back with conditions, deletes, and returns increasing revisions', async () => {
      const store = await newStore();
      expect(await ds.currentRevision(store)).toBe(0n);
      const cond = { name: 'in_region', context: { region: 'eu', limits: { max: 3 } } };
      const r1 = await ds.writeTuples(store, { writes: [tk('doc:1', 'viewer', 'user:anne', cond), tk('doc:1', 'viewer', 'user:bob')], deletes: [] });
      expect(r1.revision).toBeGreaterThan(0n);
      expect(await ds.currentRevision(store)).toBe(r1.revision);
      const read = await ds.readTuples(store, {}, { pageSize: 10 });
      expect(keysOf(read.items)).toEqual([tk('doc:1', 'viewer', 'user:anne', cond), tk('doc:1', 'viewer', 'user:bob')]);
      expect(read.items[0].timestamp).toBeInstanceOf(Date);
      const r2 = await ds.writeTuples(store, { writes: [], deletes: [tk('doc:1', 'viewer', 'user:anne')] });
      expect(r2.revision).toBeGreaterThan(r1.revision);
      expect(keysOf((await ds.readTuples(store, {}, { pageSize: 10 })).items)).toEqual([tk('doc:1', 'viewer', 'user:bob')]);
    });

    it('deletes and writes in one request, a key deleted and written again included, all or nothing', async () => {
      const store = await newStore();
      const cond = { name: 'c', context: { a: 1 } };
      await ds.writeTuples(store, { writes: [tk('doc:1', 'viewer', 'user:anne'), tk('doc:1', 'viewer', 'user:bob'), tk('doc:2', 'viewer', 'user:carl')], deletes: [] });
      // Disjoint keys (one statement on SQL) and a rewritten key (its condition changes).
      await ds.writeTuples(store, { writes: [tk('doc:3', 'viewer', 'user:dan')], deletes: [tk('doc:1', 'viewer', 'user:bob')] });
      await ds.writeTuples(store, { writes: [tk('doc:1', 'viewer', 'user:anne', cond), tk('doc:4', 'viewer', 'user:eve')], deletes: [tk('doc:1', 'viewer', 'user:anne')] });
      const read = keysOf((await ds.readTuples(store, {}, { pageSize: 10 })).items);
      expect(read).toEqual([tk('doc:1', 'viewer', 'user:anne', cond), tk('doc:2', 'viewer', 'user:carl'), tk('doc:3', 'viewer', 'user:dan'), tk('doc:4', 'viewer', 'user:eve')]);
      const ops = (await ds.readChanges(store, { pageSize: 20 })).items.map((c) => `${c.operation} ${c.key.object} ${c.key.user}`);
      expect(ops.slice(3)).toEqual(['delete doc:1 user:bob', 'write doc:3 user:dan', 'delete doc:1 user:anne', 'write doc:1 user:anne', 'write doc:4 user:eve']);
      // A missing delete fails the whole request: its other delete and its write are not applied.
      await expectCode(ds.writeTuples(store, { writes: [tk('doc:5', 'viewer', 'user:fay')], deletes: [tk('doc:2', 'viewer', 'user:carl'), tk('doc:9', 'viewer', 'user:zed')] }), ErrorCode.WriteFailedDueToInvalidInput);
      expect(keysOf((await ds.readTuples(store, {}, { pageSize: 10 })).items)).toEqual(read);
    });

    it('rejects a duplicate write with a typed error naming the tuple', async () => {
      const store = await newStore();
      await ds.writeTuples(store, { writes: [tk('doc:1', 'viewer', 'user:anne')], deletes: [] });
      const err = await expectCode(ds.writeTuples(store, { writes: [tk('doc:1', 'viewer', 'user:anne')], deletes: [] }), ErrorCode.WriteFailedDueToInvalidInput);
      expect(err).toBeInstanceOf(TupleAlreadyExistsError);
      expect(err.message).toContain("cannot write a tuple which already exists: user: 'user:anne', relation: 'viewer', object: 'doc:1'");
    });

    it('rejects deleting a missing tuple with a typed error naming the tuple', async () => {
      const store = await newStore();
      const err = await expectCode(ds.writeTuples(store, { writes: [], deletes: [tk('doc:1', 'viewer', 'user:anne')] }), ErrorCode.WriteFailedDueToInvalidInput);
      expect(err).toBeInstanceOf(TupleNotFoundError);
      expect(err.message).toContain("cannot delete a tuple which does not exist: user: 'user:anne', relation: 'viewer', object: 'doc:1'");
    });

    it('ignores duplicates with the same condition and missing deletes when asked to', async () => {
      const store = await newStore();
      const cond = { name: 'c', context: { a: 1, b: [1, 2] } };
      const r1 = await ds.writeTuples(store, { writes: [tk('doc:1', 'viewer', 'user:anne', cond)], deletes: [] });
      const r2 = await ds.writeTuples(store, {
        writes: [tk('doc:1', 'viewer', 'user:anne', { name: 'c', context: { b: [1, 2], a: 1 } }), tk('doc:2', 'viewer', 'user:anne')],
        deletes: [tk('doc:9', 'viewer', 'user:anne')],
        onDuplicate: 'ignore',
        onMissing: 'ignore',
      });
      expect(r2.revision).toBeGreaterThan(r1.revision);
      const changes = await ds.readChanges(store, { pageSize: 10 });
      expect(changes.items.map((c) => `${c.operation} ${c.key.object}`)).toEqual(['write doc:1', 'write doc:2']);
      // nothing to do at all: no new revision
      const r3 = await ds.writeTuples(store, { writes: [tk('doc:2', 'viewer', 'user:anne')], deletes: [tk('doc:3', 'viewer', 'user:anne')], onDuplicate: 'ignore', onMissing: 'ignore' });
      expect(r3.revision).toBe(r2.revision);
    });

    it('still rejects an ignored duplicate whose condition differs', async () => {
      const store = await newStore();
      await ds.writeTuples(store, { writes: [tk('doc:1', 'viewer', 'user:anne', { name: 'c', context: { a: 1 } })], deletes: [] });
      for (const condition of [{ name: 'c', context: { a: 2 } }, { name: 'd', context: { a: 1 } }, undefined]) {
        await expectCode(
          ds.writeTuples(store, { writes: [tk('doc:1', 'viewer', 'user:anne', condition)], deletes: [], onDuplicate: 'ignore' }),
          ErrorCode.WriteFailedDueToInvalidInput,
        );
      }
    });

    it('is all-or-nothing: a failing batch writes and deletes nothing', async () => {
      const store = await newStore();
      const { revision } = await ds.writeTuples(store, { writes: [tk('doc:1', 'viewer', 'user:anne'), tk('doc:2', 'viewer', 'user:anne')], deletes: [] });
      await expectCode(
        ds.writeTuples(store, { writes: [tk('doc:3', 'viewer', 'user:anne'), tk('doc:1', 'viewer', 'user:anne')], deletes: [tk('doc:2', 'viewer', 'user:anne')] }),
        ErrorCode.WriteFailedDueToInvalidInput,
      );
      await expectCode(
        ds.writeTuples(store, { writes: [tk('doc:4', 'viewer', 'user:anne')], deletes: [tk('doc:2', 'viewer', 'user:anne'), tk('doc:5', 'viewer', 'user:anne')] }),
        ErrorCode.WriteFailedDueToInvalidInput,
      );
      await expectCode(ds.writeTuples(store, { writes: [tk('doc:7', 'viewer', 'user:anne'), tk('doc:2', 'viewer', 'user:anne')], deletes: [] }), ErrorCode.WriteFailedDueToInvalidInput);
      await expectCode(ds.writeTuples(store, { writes: [tk('doc:6', 'viewer', 'user:anne'), tk('bad', 'viewer', 'user:anne')], deletes: [] }), ErrorCode.InvalidTuple);
      expect(keysOf((await ds.readTuples(store, {}, { pageSize: 10 })).items).map((k) => k.object)).toEqual(['doc:1', 'doc:2']);
      expect(await ds.currentRevision(store)).toBe(revision);
      expect((await ds.readChanges(store, { pageSize: 10 })).items).toHaveLength(2);
    });

    it('rejects the same tuple twice in one list, but allows delete-then-write (a condition update)', async () => {
      const store = await newStore();
      await expectCode(ds.writeTuples(store, { writes: [tk('doc:1', 'viewer', 'user:anne'), tk('doc:1', 'viewer', 'user:anne')], deletes: [] }), ErrorCode.CannotAllowDuplicateTuplesInOneRequest);
      await ds.writeTuples(store, { writes: [tk('doc:1', 'viewer', 'user:anne', { name: 'old' })], deletes: [] });
      await ds.writeTuples(store, { writes: [tk('doc:1', 'viewer', 'user:anne', { name: 'new', context: { x: true } })], deletes: [tk('doc:1', 'viewer', 'user:anne')] });
      expect(keysOf((await ds.readTuples(store, {}, { pageSize: 10 })).items)).toEqual([tk('doc:1', 'viewer', 'user:anne', { name: 'new', context: { x: true } })]);
      const changes = await ds.readChanges(store, { pageSize: 10 });
      expect(changes.items.map((c) => `${c.operation} ${c.key.condition?.name}`)).toEqual(['write old', 'delete old', 'write new']);
    });

    it('keeps stores apart', async () => {
      const a = await newStore();
      const b = await newStore();
      await ds.writeTuples(a, { writes: [tk('doc:1', 'viewer', 'user:anne')], deletes: [] });
      await ds.writeTuples(b, { writes: [tk('doc:1', 'viewer', 'user:anne')], deletes: [] });
      expect((await ds.readTuples(a, {}, { pageSize: 10 })).items).toHaveLength(1);
      expect(await ds.tupleReader(b).readByObjects({ objectType: 'doc', objectIds: ['1'], relation: 'viewer' })).toHaveLength(1);
      expect(await ds.currentRevision(b)).toBeGreaterThan(await ds.currentRevision(a));
    });

    it('survives concurrent writers: distinct tuples all land, a contested tuple lands once', async () => {
      const store = await newStore();
      const results = await Promise.allSettled(
        Array.from({ length: 12 }, (_, i) => ds.writeTuples(store, { writes: [tk(`doc:${i}`, 'viewer', 'user:anne'), tk('doc:shared', 'viewer', `user:${i}`)], deletes: [] })),
      );
      expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
      const revisions = results.map((r) => (r.status === 'fulfilled' ? r.value.revision : 0n));
      expect(new Set(revisions).size).toBe(12);
      expect((await ds.readTuples(store, {}, { pageSize: 100 })).items).toHaveLength(24);

      const contested = await Promise.allSettled(
        Array.from({ length: 8 }, () => ds.writeTuples(store, { writes: [tk('doc:contested', 'viewer', 'user:anne')], deletes: [] })),
      );
      expect(contested.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of contested) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(TupleAlreadyExistsError);

      const changes = await ds.readChanges(store, { pageSize: 100 });
      expect(changes.items).toHaveLength(25);
      const seen = changes.items.map((c) => c.revision);
      expect([...seen].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0))).toEqual(seen);
      expect(await ds.currentRevision(store)).toBe(seen.at(-1));
    });
    it('settles concurrent writes of one store each on its own: a refused write fails alone, all-or-nothing', async () => {
      const store = await newStore();
      await ds.writeTuples(store, { writes: [tk('doc:taken', 'viewer', 'user:anne')], deletes: [] });
      const requests = Array.from({ length: 16 }, (_, i) => {
        if (i % 5 === 3) return { writes: [tk(`doc:${i}`, 'viewer', 'user:anne'), tk('doc:taken', 'viewer', 'user:anne')], deletes: [] };
        if (i % 5 === 4) return { writes: [tk(`doc:${i}`, 'viewer', 'user:anne')], deletes: [tk('doc:missing', 'viewer', 'user:anne')] };
        return { writes: [tk(`doc:${i}`, 'viewer', 'user:anne'), tk(`doc:${i}`, 'viewer', 'user:bob')], deletes: [] };
      });
      const results = await Promise.allSettled(requests.map((request) => ds.writeTuples(store, request)));
      for (const [i, result] of results.entries()) {
        if (i % 5 === 3) expect(result.status === 'rejected' && result.reason instanceof TupleAlreadyExistsError).toBe(true);
        else if (i % 5 === 4) expect(result.status === 'rejected' && result.reason instanceof TupleNotFoundError).toBe(true);
        else expect(result.status).toBe('fulfilled');
      }
      const landed = requests.filter((_, i) => i % 5 < 3);
      const objects = (await ds.readTuples(store, {}, { pageSize: 100 })).items.map((t) => `${t.key.object}@${t.key.user}`).sort();
      expect(objects).toEqual([...landed.flatMap((r) => r.writes.map((t) => `${t.object}@${t.user}`)), 'doc:taken@user:anne'].sort());
      // Each successful write's token covers its own changes, and only those rows are in the changelog.
      const changes = (await ds.readChanges(store, { pageSize: 100 })).items;
      expect(changes).toHaveLength(1 + landed.length * 2);
      for (const [i, result] of results.entries()) {
        if (result.status !== 'fulfilled') continue;
        const own = changes.filter((c) => c.key.object === `doc:${i}`);
        expect(own.map((c) => c.revision <= result.value.revision)).toEqual([true, true]);
      }
    });
  });

  describe('readTuples', () => {
    let store: string;
    const all = [
      tk('doc:1', 'viewer', 'user:anne'),
      tk('doc:1', 'viewer', 'group:eng#member'),
      tk('doc:1', 'editor', 'user:anne'),
      tk('doc:2', 'viewer', 'user:*'),
      tk('doc:2', 'viewer', 'user:bob', { name: 'c', context: { n: 1 } }),
      tk('folder:a', 'viewer', 'user:anne'),
      tk('group:eng', 'member', 'user:anne'),
    ];
    const sorted = [all[2], all[1], all[0], all[3], all[4], all[5], all[6]];

    beforeAll(async () => {
      store = await newStore();
      await ds.writeTuples(store, { writes: all.slice(0, 4), deletes: [] });
      await ds.writeTuples(store, { writes: all.slice(4), deletes: [] });
    });

    it('orders by (object, relation, user)', async () => {
      expect(keysOf((await ds.readTuples(store, {}, { pageSize: 100 })).items)).toEqual(sorted);
    });

    it('filters by object, object type, relation and user', async () => {
      const read = async (filter: Parameters<Datastore['readTuples']>[1]) => keysOf((await ds.readTuples(store, filter, { pageSize: 100 })).items);
      expect(await read({ object: 'doc:1' })).toEqual([all[2], all[1], all[0]]);
      expect(await read({ object: 'doc:1', relation: 'viewer' })).toEqual([all[1], all[0]]);
      expect(await read({ object: 'doc:' })).toEqual(sorted.slice(0, 5));
      expect(await read({ object: 'doc:', relation: 'viewer', user: 'user:anne' })).toEqual([all[0]]);
      expect(await read({ object: 'doc:1', relation: 'viewer', user: 'group:eng#member' })).toEqual([all[1]]);
      expect(await read({ object: 'doc:', user: 'user:*' })).toEqual([all[3]]);
      expect(await read({ object: 'doc:2', relation: 'viewer', user: 'user:bob' })).toEqual([all[4]]);
      expect(await read({ object: 'doc:9' })).toEqual([]);
    });

    it('rejects malformed filters', async () => {
      await expectCode(ds.readTuples(store, { object: 'nocolon' }, { pageSize: 10 }), ErrorCode.ValidationError);
      await expectCode(ds.readTuples(store, { user: 'nocolon' }, { pageSize: 10 }), ErrorCode.ValidationError);
    });

    it('pages with opaque continuation tokens', async () => {
      for (const size of [1, 2, 3, 7]) {
        const seen: TupleKey[] = [];
        let token: string | undefined;
        let pages = 0;
        do {
          const page = await ds.readTuples(store, {}, { pageSize: size, continuationToken: token });
          expect(page.items.length).toBeLessThanOrEqual(size);
          seen.push(...keysOf(page.items));
          token = page.continuationToken || undefined;
          pages++;
        } while (token && pages < 20);
        expect(seen).toEqual(sorted);
        expect(pages).toBe(Math.ceil(sorted.length / size));
      }
      const first = await ds.readTuples(store, { object: 'doc:' }, { pageSize: 2 });
      const next = await ds.readTuples(store, { object: 'doc:' }, { pageSize: 2, continuationToken: first.continuationToken });
      expect(keysOf(next.items)).toEqual(sorted.slice(2, 4));
      await expectCode(ds.readTuples(store, {}, { pageSize: 2, continuationToken: '!!!' }), ErrorCode.InvalidContinuationToken);
      const changesToken = (await ds.readChanges(store, { pageSize: 1 })).continuationToken;
      await expectCode(ds.readTuples(store, {}, { pageSize: 2, continuationToken: changesToken }), ErrorCode.InvalidContinuationToken);
    });
  });
}
