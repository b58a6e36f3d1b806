// One storage conformance suite, run by every backend (memory.test.ts, pglite.test.ts,
// postgres.test.ts): the executable form of the contract in src/storage/datastore.ts.
// The factory is called once per backend; every test works in its own fresh store ids, so the
// backends' suites may share one database with other suites running in parallel.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import { ErrorCode, RelataError } from '../../../src/model/index.js';
import type { AuthorizationModel, TupleKey } from '../../../src/model/index.js';
import type { RelationTuple } from '../../../src/engine/tuple-reader.js';
import type { Datastore, StoredTuple } from '../../../src/storage/datastore.js';
import { TupleAlreadyExistsError, TupleNotFoundError } from '../../../src/storage/errors.js';
import { encodeToken } from '../../../src/storage/continuation-token.js';
import { runCorpusRoundTrip } from './corpus-round-trip.js';

const tk = (object: string, relation: string, user: string, condition?: TupleKey['condition']): TupleKey =>
  condition ? { object, relation, user, condition } : { object, relation, user };

const model = (id: string): AuthorizationModel & { id: string } => ({
  id,
  schema_version: '1.1',
  type_definitions: [{ type: 'user' }, { type: 'doc', relations: { viewer: { this: {} } }, metadata: { relations: { viewer: { directly_related_user_types: [{ type: 'user' }] } } } }],
});

const keysOf = (items: StoredTuple[]): TupleKey[] => items.map((t) => t.key);

const summary = (tuples: RelationTuple[]): string[] =>
  tuples
    .map((t) => `${t.objectType}:${t.objectId}#${t.relation}@${t.userType}:${t.userId}${t.userRelation ? `#${t.userRelation}` : ''}${t.conditionName ? ` [${t.conditionName} ${JSON.stringify(t.conditionContext ?? {})}]` : ''}`)
    .sort();

async function expectCode(promise: Promise<unknown>, code: ErrorCode): Promise<RelataError> {
  const error: unknown = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(RelataError);
  expect((error as RelataError).code).toBe(code);
  return error as RelataError;
}

export function runStorageConformance(name: string, factory: () => Promise<Datastore>): void {
  describe(`storage conformance: ${name}`, () => {
    let ds: Datastore;
    const newStore = async (): Promise<string> => (await ds.createStore({ id: ulid(), name: `s-${name}` })).id;

    beforeAll(async () => {
      ds = await factory();
      await ds.migrate();
      await ds.migrate(); // idempotent
    });
    afterAll(async () => {
      await ds?.close();
    });

    it('answers ping and reports its kind', async () => {
      await ds.ping();
      expect(ds.kind).toBe(name);
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

    describe('readChanges', () => {
      it('returns changes oldest first, filtered by type, resumable by token', async () => {
        const store = await newStore();
        const r1 = await ds.writeTuples(store, { writes: [tk('doc:1', 'viewer', 'user:anne'), tk('folder:1', 'viewer', 'user:anne')], deletes: [] });
        await new Promise((resolve) => setTimeout(resolve, 30));
        const between = new Date();
        await new Promise((resolve) => setTimeout(resolve, 30));
        await ds.writeTuples(store, { writes: [tk('doc:2', 'viewer', 'user:anne', { name: 'c', context: { k: 'v' } })], deletes: [tk('doc:1', 'viewer', 'user:anne')] });

        const all = await ds.readChanges(store, { pageSize: 10 });
        expect(all.items.map((c) => `${c.operation} ${c.key.object}`)).toEqual(['write doc:1', 'write folder:1', 'delete doc:1', 'write doc:2']);
        expect(all.items[3].key.condition).toEqual({ name: 'c', context: { k: 'v' } });
        expect(all.items[0].timestamp).toBeInstanceOf(Date);
        expect(all.items[1].revision).toBeLessThanOrEqual(r1.revision);

        const docs = await ds.readChanges(store, { pageSize: 10, objectType: 'doc' });
        expect(docs.items.map((c) => `${c.operation} ${c.key.object}`)).toEqual(['write doc:1', 'delete doc:1', 'write doc:2']);

        const seen: string[] = [];
        let token: string | undefined;
        for (let i = 0; i < 3; i++) {
          const page = await ds.readChanges(store, { pageSize: 1, objectType: 'doc', continuationToken: token });
          seen.push(...page.items.map((c) => c.key.object));
          token = page.continuationToken;
        }
        expect(seen).toEqual(['doc:1', 'doc:1', 'doc:2']);
        // caught up: no items, and the token stays usable for the next poll
        const empty = await ds.readChanges(store, { pageSize: 5, objectType: 'doc', continuationToken: token });
        expect(empty.items).toEqual([]);
        expect(empty.continuationToken).toBe(token);
        await ds.writeTuples(store, { writes: [tk('doc:3', 'viewer', 'user:anne')], deletes: [] });
        const polled = await ds.readChanges(store, { pageSize: 5, objectType: 'doc', continuationToken: token });
        expect(polled.items.map((c) => c.key.object)).toEqual(['doc:3']);

        const recent = await ds.readChanges(store, { pageSize: 10, startTime: between });
        expect(recent.items.map((c) => c.key.object)).toEqual(['doc:1', 'doc:2', 'doc:3']);
        expect((await ds.readChanges(await newStore(), { pageSize: 10 })).items).toEqual([]);
        await expectCode(ds.readChanges(store, { pageSize: 1, continuationToken: 'garbage' }), ErrorCode.InvalidContinuationToken);
      });
      it('refuses a token whose revision is outside int64 with InvalidContinuationToken, never an internal error', async () => {
        const store = await newStore();
        for (const revision of ['9223372036854775808', '9999999999999999999', '-1', '1e3']) {
          await expectCode(ds.readChanges(store, { pageSize: 1, continuationToken: encodeToken('changes', [revision]) }), ErrorCode.InvalidContinuationToken);
        }
        const max = await ds.readChanges(store, { pageSize: 1, continuationToken: encodeToken('changes', ['9223372036854775807']) });
        expect(max.items).toEqual([]);
      });
      it('orders changes by revision number, also across digit boundaries (9 -> 10, 99 -> 100)', async () => {
        const store = await newStore();
        for (let i = 0; i < 120; i++) await ds.writeTuples(store, { writes: [tk(`doc:${i}`, 'viewer', 'user:anne')], deletes: [] });
        const revisions: bigint[] = [];
        let token: string | undefined;
        for (;;) {
          const page = await ds.readChanges(store, { pageSize: 50, continuationToken: token });
          if (page.items.length === 0) break;
          revisions.push(...page.items.map((c) => c.revision));
          token = page.continuationToken;
        }
        expect(revisions).toHaveLength(120);
        for (let i = 1; i < revisions.length; i++) expect(revisions[i]).toBeGreaterThan(revisions[i - 1]);
      });
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

    describe('assertions', () => {
      it('replaces and reads a model\'s assertions', async () => {
        const store = await newStore();
        const modelId = ulid();
        expect(await ds.readAssertions(store, modelId)).toEqual([]);
        const assertions = [
          { tupleKey: tk('doc:1', 'viewer', 'user:anne'), expectation: true },
          { tupleKey: tk('doc:1', 'viewer', 'user:bob'), expectation: false, contextualTuples: [tk('doc:1', 'viewer', 'user:bob')], context: { ip: '10.0.0.1' } },
        ];
        await ds.writeAssertions(store, modelId, assertions);
        expect(await ds.readAssertions(store, modelId)).toEqual(assertions);
        await ds.writeAssertions(store, modelId, [assertions[0]]);
        expect(await ds.readAssertions(store, modelId)).toEqual([assertions[0]]);
        expect(await ds.readAssertions(store, ulid())).toEqual([]);
      });
    });

    describe('settings', () => {
      it('keeps the first value of a setting; concurrent callers all get the one that won', async () => {
        const name = `test_${ulid()}`;
        const values = await Promise.all(Array.from({ length: 8 }, (_, i) => ds.ensureSetting(name, `value-${i}`)));
        expect(new Set(values).size).toBe(1);
        expect(values[0]).toMatch(/^value-[0-7]$/);
        expect(await ds.ensureSetting(name, 'later')).toBe(values[0]);
        expect(await ds.ensureSetting(`${name}_other`, 'other')).toBe('other');
      });
    });

    it('round-trips the tuples of the OpenFGA conformance corpus', async () => {
      await runCorpusRoundTrip(name, ds, newStore);
    });
  });
}
