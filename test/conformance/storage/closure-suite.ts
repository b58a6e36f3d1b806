// The closure index contract (TupleReader.readClosure / readClosureTuples, issue 18): every
// backend answers the same, kept up to date by every write in its transaction, `undefined`
// while a kind of edge holds an edge the index leaves out (a condition, a wildcard).
import { beforeAll, describe, expect, it } from 'vitest';
import type { ClosureEdge, TupleReader } from '../../../src/engine/index.js';
import type { Datastore } from '../../../src/storage/datastore.js';
import { tk } from './storage-fixtures.js';
import type { StorageSuite } from './storage-fixtures.js';

const parent: ClosureEdge = { objectType: 'folder', relation: 'parent', userRelation: '' };
const member: ClosureEdge = { objectType: 'team', relation: 'member', userRelation: 'member' };

async function reach(reader: TupleReader, edge: ClosureEdge, ...ids: string[]): Promise<Record<string, string[]> | undefined> {
  const answer = await reader.readClosure?.({ edge, objectIds: ids });
  if (!answer) return undefined;
  return Object.fromEntries(ids.map((id) => [id, [...(answer.get(id) ?? [])].sort()]));
}

export function closureSuite(suite: StorageSuite): void {
  const { newStore } = suite;
  let ds: Datastore;
  beforeAll(async () => {
    ds = await suite.datastore();
  });

  describe('closure index', () => {
    it('holds the transitive closure of a chain, with cycles, through writes and deletes', async () => {
      const store = await newStore();
      const edge = (from: string, to: string) => tk(`folder:${from}`, 'parent', `folder:${to}`);
      await ds.writeTuples(store, { writes: [edge('a', 'b'), edge('b', 'c'), edge('c', 'd')], deletes: [] });
      const reader = ds.tupleReader(store);
      expect(reader.readClosure).toBeDefined();
      expect(await reach(reader, parent, 'a', 'b', 'd', 'x')).toEqual({ a: ['b', 'c', 'd'], b: ['c', 'd'], d: [], x: [] });
      // A cycle: every node of it reaches itself.
      await ds.writeTuples(store, { writes: [edge('d', 'a')], deletes: [] });
      expect(await reach(ds.tupleReader(store), parent, 'a', 'c')).toEqual({ a: ['a', 'b', 'c', 'd'], c: ['a', 'b', 'c', 'd'] });
      await ds.writeTuples(store, { writes: [], deletes: [edge('d', 'a'), edge('b', 'c')] });
      expect(await reach(ds.tupleReader(store), parent, 'a', 'c')).toEqual({ a: ['b'], c: ['d'] });
    });

    it('keeps a pair whose path survives a delete through another route', async () => {
      const store = await newStore();
      const edge = (from: string, to: string) => tk(`folder:${from}`, 'parent', `folder:${to}`);
      // Two routes from a to d: a-b-d and a-c-d.
      await ds.writeTuples(store, { writes: [edge('a', 'b'), edge('a', 'c'), edge('b', 'd'), edge('c', 'd'), edge('d', 'e')], deletes: [] });
      await ds.writeTuples(store, { writes: [], deletes: [edge('b', 'd')] });
      expect(await reach(ds.tupleReader(store), parent, 'a', 'b')).toEqual({ a: ['b', 'c', 'd', 'e'], b: [] });
      await ds.writeTuples(store, { writes: [], deletes: [edge('a', 'c')] });
      expect(await reach(ds.tupleReader(store), parent, 'a')).toEqual({ a: ['b'] });
      // Deleted and written again in one request (a replaced tuple): the closure stays.
      await ds.writeTuples(store, { writes: [edge('a', 'c')], deletes: [] });
      await ds.writeTuples(store, { writes: [edge('a', 'c')], deletes: [edge('a', 'c')] });
      expect(await reach(ds.tupleReader(store), parent, 'a')).toEqual({ a: ['b', 'c', 'd', 'e'] });
    });

    it('answers undefined for a kind of edge while it holds a conditioned or wildcard edge', async () => {
      const store = await newStore();
      await ds.writeTuples(store, { writes: [tk('folder:a', 'parent', 'folder:b'), tk('team:x', 'member', 'team:y#member')], deletes: [] });
      const conditioned = tk('folder:b', 'parent', 'folder:c', { name: 'open', context: { n: 1 } });
      await ds.writeTuples(store, { writes: [conditioned], deletes: [] });
      expect(await reach(ds.tupleReader(store), parent, 'a')).toBeUndefined();
      expect(await ds.tupleReader(store).readClosureTuples?.({ edge: parent, objectIds: ['a'], userType: 'folder', userIds: ['b'], userRelation: '' })).toBeUndefined();
      // Other kinds are not affected.
      expect(await reach(ds.tupleReader(store), member, 'x')).toEqual({ x: ['y'] });
      // The condition replaced by none: indexed again.
      await ds.writeTuples(store, { writes: [tk('folder:b', 'parent', 'folder:c')], deletes: [conditioned] });
      expect(await reach(ds.tupleReader(store), parent, 'a')).toEqual({ a: ['b', 'c'] });
      await ds.writeTuples(store, { writes: [tk('team:y', 'member', 'team:*#member')], deletes: [] });
      expect(await reach(ds.tupleReader(store), member, 'x')).toBeUndefined();
      await ds.writeTuples(store, { writes: [], deletes: [tk('team:y', 'member', 'team:*#member')] });
      expect(await reach(ds.tupleReader(store), member, 'x')).toEqual({ x: ['y'] });
    });

    it('keeps plain and userset edges of one relation apart, and other relations and types out', async () => {
      const store = await newStore();
      await ds.writeTuples(store, {
        writes: [
          tk('team:a', 'member', 'team:b#member'),
          tk('team:b', 'member', 'team:c'),
          tk('team:b', 'member', 'team:d#member'),
          tk('team:d', 'member', 'team:e#owner'),
          tk('team:d', 'owner', 'team:f#owner'),
          tk('group:d', 'member', 'group:g#member'),
        ],
        deletes: [],
      });
      const reader = ds.tupleReader(store);
      expect(await reach(reader, member, 'a', 'd')).toEqual({ a: ['b', 'd'], d: [] });
      expect(await reach(reader, { objectType: 'team', relation: 'member', userRelation: '' }, 'b')).toEqual({ b: ['c'] });
    });

    it('reads the users\' tuples on the start or anything it reaches, per start', async () => {
      const store = await newStore();
      await ds.writeTuples(store, {
        writes: [
          tk('team:a', 'member', 'team:b#member'),
          tk('team:b', 'member', 'team:c#member'),
          tk('team:c', 'member', 'user:anne'),
          tk('team:z', 'member', 'user:anne', { name: 'open' }),
          tk('team:b', 'member', 'user:*'),
        ],
        deletes: [],
      });
      const answer = await ds.tupleReader(store).readClosureTuples?.({ edge: member, objectIds: ['a', 'c', 'z', 'q'], userType: 'user', userIds: ['anne', '*'], userRelation: '' });
      const summary = Object.fromEntries(['a', 'c', 'z', 'q'].map((id) => [id, (answer?.get(id) ?? []).map((t) => `${t.objectId}@${t.userId}${t.conditionName ? `[${t.conditionName}]` : ''}`).sort()]));
      expect(summary).toEqual({ a: ['b@*', 'c@anne'], c: ['c@anne'], z: ['z@anne[open]'], q: [] });
      // A userset user: is team:c a member of a, through nesting?
      const nested = await ds.tupleReader(store).readClosureTuples?.({ edge: member, objectIds: ['a', 'c'], userType: 'team', userIds: ['c'], userRelation: 'member' });
      expect([...(nested?.get('a') ?? [])].map((t) => t.objectId)).toEqual(['b']);
      expect(nested?.get('c') ?? []).toEqual([]);
    });

    it('reads a user\'s whole nested membership (readMemberships), each group with the user\'s own tuples that put them there', async () => {
      const store = await newStore();
      await ds.writeTuples(store, {
        writes: [
          tk('team:a', 'member', 'team:b#member'),
          tk('team:b', 'member', 'team:c#member'),
          tk('team:c', 'member', 'team:a#member'),
          tk('team:d', 'member', 'team:c#member'),
          tk('team:c', 'member', 'user:anne'),
          tk('team:z', 'member', 'user:anne', { name: 'open' }),
          tk('team:y', 'member', 'team:z#member'),
          tk('team:b', 'member', 'user:*'),
          tk('team:q', 'member', 'user:bob'),
        ],
        deletes: [],
      });
      const reader = ds.tupleReader(store);
      const summary = (answer: ReadonlyMap<string, readonly { objectId: string; userId: string; conditionName?: string }[]> | undefined) =>
        answer && Object.fromEntries([...answer].map(([group, tuples]) => [group, tuples.map((t) => `${t.objectId}@${t.userId}${t.conditionName ? `[${t.conditionName}]` : ''}`).sort()]).sort());
      // a, b, c nest each other (a cycle); d holds c; y holds z, whose tuple has a condition.
      expect(summary(await reader.readMemberships?.({ edge: member, userType: 'user', userIds: ['anne'] }))).toEqual({
        a: ['c@anne'],
        b: ['c@anne'],
        c: ['c@anne'],
        d: ['c@anne'],
        y: ['z@anne[open]'],
        z: ['z@anne[open]'],
      });
      // The same answer as readClosureTuples gives per start.
      const perStart = await reader.readClosureTuples?.({ edge: member, objectIds: ['a', 'd', 'y', 'q'], userType: 'user', userIds: ['anne'], userRelation: '' });
      expect([...(perStart?.keys() ?? [])].sort()).toEqual(['a', 'd', 'y']);
      expect(summary(await reader.readMemberships?.({ edge: member, userType: 'user', userIds: ['*', 'bob'] }))).toEqual({ a: ['b@*'], b: ['b@*'], c: ['b@*'], d: ['b@*'], q: ['q@bob'] });
      // Declined with the kind, as readClosure is.
      await ds.writeTuples(store, { writes: [tk('team:d', 'member', 'team:q#member', { name: 'open' })], deletes: [] });
      expect(await ds.tupleReader(store).readMemberships?.({ edge: member, userType: 'user', userIds: ['anne'] })).toBeUndefined();
    });

    it('answers closure reads inside readLevel, with the tuples of the nodes reached, beside the level\'s own reads', async () => {
      const store = await newStore();
      // Ids a store may hold that array parameters must carry intact.
      const odd = ['a,b', '{x}', 'q"u\\o', 'sp ace', 'ü-é', 'NULL'];
      await ds.writeTuples(store, {
        writes: [
          tk(`folder:${odd[0]}`, 'parent', `folder:${odd[1]}`),
          tk(`folder:${odd[1]}`, 'parent', `folder:${odd[2]}`),
          tk(`folder:${odd[2]}`, 'viewer', 'user:anne'),
          tk(`folder:${odd[2]}`, 'viewer', `team:${odd[4]}#member`),
          tk(`folder:${odd[1]}`, 'owner', 'user:bob'),
          tk(`folder:${odd[0]}`, 'viewer', 'user:carl'),
          tk(`team:${odd[4]}`, 'member', `team:${odd[5]}#member`),
          tk(`team:${odd[5]}`, 'member', `user:${odd[3]}`),
        ],
        deletes: [],
      });
      const reader = ds.tupleReader(store);
      if (!reader.readLevel) return;
      const answer = await reader.readLevel({
        objects: [{ objectType: 'folder', relation: 'viewer', objectIds: [odd[0]!], userFilters: [{ userType: 'user', userRelation: '' }] }],
        users: [],
        closures: [{ edge: parent, objectIds: [odd[0]!, 'none'], prefetch: [{ relation: 'viewer', userFilters: [{ userType: 'user', userRelation: '' }] }, { relation: 'owner' }, { relation: 'editor', userFilters: [] }] }],
        memberships: [{ edge: member, userType: 'user', userIds: [odd[3]!, '*'] }],
      });
      expect(answer.objects.map((t) => `${t.objectId}@${t.userId}`)).toEqual([`${odd[0]}@carl`]);
      expect([...(answer.closures?.[0]?.get(odd[0]!) ?? [])].sort()).toEqual([odd[1], odd[2]].sort());
      expect(answer.closures?.[0]?.get('none') ?? []).toEqual([]);
      // Each relation's filter holds for the prefetch (the team userset is not a plain user).
      expect((answer.prefetched ?? []).map((t) => `${t.objectId}#${t.relation}@${t.userType}:${t.userId}`).sort()).toEqual([`${odd[1]}#owner@user:bob`, `${odd[2]}#viewer@user:anne`].sort());
      const groups = answer.memberships?.[0];
      expect([...(groups?.keys() ?? [])].sort()).toEqual([odd[4], odd[5]].sort());
      expect(groups?.get(odd[4]!)?.map((t) => `${t.objectId}@${t.userId}`)).toEqual([`${odd[5]}@${odd[3]}`]);
      // A declined kind: its reads answer undefined, the others still answer.
      await ds.writeTuples(store, { writes: [tk('folder:k', 'parent', 'folder:l', { name: 'open' })], deletes: [] });
      const declined = await ds.tupleReader(store).readLevel?.({ objects: [], users: [], closures: [{ edge: parent, objectIds: [odd[0]!] }], memberships: [{ edge: member, userType: 'user', userIds: [odd[3]!] }] });
      expect(declined?.closures?.[0]).toBeUndefined();
      expect([...(declined?.memberships?.[0]?.keys() ?? [])].sort()).toEqual([odd[4], odd[5]].sort());
    });

    it('is maintained by the bulk import path', async () => {
      if (!ds.importTuples) return;
      const store = await newStore();
      await ds.writeTuples(store, { writes: [tk('folder:a', 'parent', 'folder:b')], deletes: [] });
      await ds.importTuples(store, [tk('folder:a', 'parent', 'folder:b'), tk('folder:b', 'parent', 'folder:c'), tk('folder:c', 'parent', 'folder:d')]);
      expect(await reach(ds.tupleReader(store), parent, 'a')).toEqual({ a: ['b', 'c', 'd'] });
      await ds.importTuples(store, [tk('folder:d', 'parent', 'folder:e', { name: 'open' })]);
      expect(await reach(ds.tupleReader(store), parent, 'a')).toBeUndefined();
    });

    it('walks a kind of edge while it holds an expiring edge; answers again once it is swept or replaced', async () => {
      const store = await newStore();
      // Long past, so that the sweeps below touch no other test's tuples.
      const t0 = Date.UTC(2020, 0, 1);
      const at = (ms: number) => new Date(t0 + ms);
      const edge = (from: string, to: string) => tk(`folder:${from}`, 'parent', `folder:${to}`);
      await ds.writeTuples(store, { writes: [edge('a', 'b'), edge('b', 'c')], deletes: [], now: at(0) });
      await ds.writeTuples(store, { writes: [{ ...edge('c', 'd'), expiresAt: at(60_000) }], deletes: [], now: at(0) });
      expect(await reach(ds.tupleReader(store, { now: at(0) }), parent, 'a')).toBeUndefined();
      // Expired but not swept: the row is still there, the kind still walks.
      expect(await reach(ds.tupleReader(store, { now: at(60_000) }), parent, 'a')).toBeUndefined();
      expect((await ds.sweepExpired(at(120_000), 1000)).stores.some((s) => s.storeId === store)).toBe(true);
      expect(await reach(ds.tupleReader(store, { now: at(120_000) }), parent, 'a')).toEqual({ a: ['b', 'c'] });
      if (!ds.importTuples) return;
      // Imported with an expiry: walks again. Imported once more without one after the instant:
      // the expired row is replaced, and the index holds the permanent edge.
      await ds.importTuples(store, [{ ...edge('c', 'd'), expiresAt: at(180_000) }, edge('d', 'e')], undefined, at(120_000));
      expect(await reach(ds.tupleReader(store, { now: at(120_000) }), parent, 'a')).toBeUndefined();
      await ds.importTuples(store, [edge('c', 'd')], undefined, at(180_000));
      expect(await reach(ds.tupleReader(store, { now: at(180_000) }), parent, 'a', 'c')).toEqual({ a: ['b', 'c', 'd', 'e'], c: ['d', 'e'] });
      // The same through Write: an expiring edge replaced once expired.
      await ds.writeTuples(store, { writes: [{ ...edge('e', 'f'), expiresAt: at(240_000) }], deletes: [], now: at(180_000) });
      expect(await reach(ds.tupleReader(store, { now: at(180_000) }), parent, 'a')).toBeUndefined();
      await ds.writeTuples(store, { writes: [edge('e', 'f')], deletes: [], now: at(240_000) });
      expect(await reach(ds.tupleReader(store, { now: at(240_000) }), parent, 'a')).toEqual({ a: ['b', 'c', 'd', 'e', 'f'] });
    });

    it('is rebuilt from the tuples by rebuildClosureIndex, with the same answers', async () => {
      if (!ds.rebuildClosureIndex) return;
      const store = await newStore();
      await ds.writeTuples(store, { writes: [tk('folder:a', 'parent', 'folder:b'), tk('folder:b', 'parent', 'folder:c'), tk('folder:c', 'parent', 'folder:a')], deletes: [] });
      const before = await reach(ds.tupleReader(store), parent, 'a', 'b', 'c');
      const [rebuilt] = await ds.rebuildClosureIndex(store);
      expect(rebuilt).toEqual({ storeId: store, rows: 9 });
      expect(await reach(ds.tupleReader(store), parent, 'a', 'b', 'c')).toEqual(before);
    });

    it('walks a kind whose write would cost more than the bound, until a rebuild; other kinds still answer', async () => {
      const bound = suite.closureMaxWorkPerWrite;
      const store = await newStore();
      const edge = (from: number, to: number) => tk(`folder:f${from}`, 'parent', `folder:f${to}`);
      const ids = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `f${from + i}`).sort();
      // One edge per write, each appended at the tail: write k recomputes the k sources above it
      // (about k² work), which passes the runners' small bound long before the end.
      for (let i = 0; i < 30; i++) await ds.writeTuples(store, { writes: [edge(i, i + 1)], deletes: [] });
      await ds.writeTuples(store, { writes: [tk('team:a', 'member', 'team:b#member')], deletes: [] });
      if (bound === undefined) {
        expect(await reach(ds.tupleReader(store), parent, 'f0')).toEqual({ f0: ids(1, 30) });
        return;
      }
      const reader = ds.tupleReader(store);
      expect(await reach(reader, parent, 'f0')).toBeUndefined();
      expect(await reader.readClosureTuples?.({ edge: parent, objectIds: ['f0'], userType: 'folder', userIds: ['f1'], userRelation: '' })).toBeUndefined();
      expect(await reach(reader, member, 'a')).toEqual({ a: ['b'] });
      // Stale whatever its exclusion count does meanwhile; writes of it are not maintained.
      const conditioned = tk('folder:f5', 'parent', 'folder:f9', { name: 'open' });
      await ds.writeTuples(store, { writes: [conditioned, edge(0, 29)], deletes: [edge(10, 11)] });
      await ds.writeTuples(store, { writes: [], deletes: [conditioned, edge(0, 29)] });
      expect(await reach(ds.tupleReader(store), parent, 'f0')).toBeUndefined();
      // The rebuild clears the mark: f0..f10 and f11..f30 are two chains now.
      const [rebuilt] = await ds.rebuildClosureIndex!(store);
      expect(rebuilt).toEqual({ storeId: store, rows: 55 + 190 + 1 });
      expect(await reach(ds.tupleReader(store), parent, 'f0', 'f11')).toEqual({ f0: ids(1, 10), f11: ids(12, 30) });
      // Small writes are maintained again; a delete over the bound (the ten sources above f20
      // recomputed, 145 rows dropped) marks the kind again.
      await ds.writeTuples(store, { writes: [edge(40, 41)], deletes: [] });
      expect(await reach(ds.tupleReader(store), parent, 'f40', 'f0')).toEqual({ f40: ['f41'], f0: ids(1, 10) });
      await ds.writeTuples(store, { writes: [], deletes: [edge(20, 21)] });
      expect(await reach(ds.tupleReader(store), parent, 'f40')).toBeUndefined();
      await ds.rebuildClosureIndex!(store);
      expect(await reach(ds.tupleReader(store), parent, 'f11', 'f21')).toEqual({ f11: ids(12, 20), f21: ids(22, 30) });
    });

    it('walks a kind a bulk import would cost more than the bound to maintain, until a rebuild', async () => {
      if (!ds.importTuples || suite.closureMaxWorkPerWrite === undefined) return;
      const store = await newStore();
      const chain = Array.from({ length: 40 }, (_, i) => tk(`team:t${i}`, 'member', `team:t${i + 1}#member`));
      await ds.importTuples(store, [...chain, tk('folder:a', 'parent', 'folder:b')]);
      expect(await reach(ds.tupleReader(store), member, 't0')).toBeUndefined();
      // The import's other kind was marked with it: the bound is per write, not per kind.
      expect(await reach(ds.tupleReader(store), parent, 'a')).toBeUndefined();
      await ds.rebuildClosureIndex!(store);
      expect((await reach(ds.tupleReader(store), member, 't38'))).toEqual({ t38: ['t39', 't40'] });
      expect(await reach(ds.tupleReader(store), parent, 'a')).toEqual({ a: ['b'] });
    });

    it('stays exact under concurrent writers of one store', async () => {
      const store = await newStore();
      const edge = (from: number, to: number) => tk(`folder:${from}`, 'parent', `folder:${to}`);
      await Promise.all(Array.from({ length: 12 }, (_, i) => ds.writeTuples(store, { writes: [edge(i, i + 1)], deletes: [] })));
      await Promise.all(Array.from({ length: 4 }, (_, i) => ds.writeTuples(store, { writes: [], deletes: [edge(i * 3, i * 3 + 1)] })));
      const answer = await reach(ds.tupleReader(store), parent, '0', '1', '2', '4');
      expect(answer).toEqual({ '0': [], '1': ['2', '3'], '2': ['3'], '4': ['5', '6'] });
    });
  });
}
