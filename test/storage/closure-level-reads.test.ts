// The closure index's reads ride in the level statement (issue 18): a user's whole nested
// membership is read once with the second level (none for a check the first answers), a chain's
// ancestors come with their tuples, and a check costs one read per non-recursive level of the
// model whatever the depth of nesting.
// Counted on the memory backend (its readLevel answers the closure reads as SQL's does, which the
// storage suite checks) and on PostgreSQL, against the walk.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import { readFileSync } from 'node:fs';
import { transformDslToModel } from '../../src/dsl/index.js';
import { Engine } from '../../src/engine/index.js';
import type { ClosureEdge, LevelQuery, TupleReader } from '../../src/engine/index.js';
import { RequestReader } from '../../src/engine/read/request-reader.js';
import type { TupleKey } from '../../src/model/index.js';
import type { Datastore } from '../../src/storage/datastore.js';
import { createMemoryDatastore } from '../../src/storage/memory/index.js';
import { withoutClosure } from '../../src/storage/memory/memory-closure.js';
import { createPostgresDatastore } from '../../src/storage/postgres/index.js';
import { dropTestSchema, testDatabaseUrl } from '../helpers/services.js';

const engine = new Engine(transformDslToModel(readFileSync(new URL('../../schema-examples/github/model.fga', import.meta.url), 'utf8')));
const t = (object: string, relation: string, user: string): TupleKey => ({ object, relation, user });

// org o1 -> repo r1 -> folders f1 > f2 > f3 > f4 > f5 (f5 the deepest) -> doc d1; teams t1 > t2 > t3 > t4
// (t4 innermost) and t7 > t6.
const tuples: TupleKey[] = [
  t('repository:r1', 'organization', 'organization:o1'),
  t('folder:f1', 'repository', 'repository:r1'),
  ...[2, 3, 4, 5].map((i) => t(`folder:f${i}`, 'parent', `folder:f${i - 1}`)),
  t('document:d1', 'folder', 'folder:f5'),
  ...[1, 2, 3].map((i) => t(`team:t${i}`, 'member', `team:t${i + 1}#member`)),
  t('team:t4', 'member', 'user:anne'),
  t('team:t7', 'member', 'team:t6#member'),
  t('team:t6', 'member', 'user:bob'),
  t('folder:f1', 'reader', 'team:t1#member'),
  t('folder:f3', 'writer', 'user:carl'),
  t('organization:o1', 'member', 'team:t7#member'),
  t('organization:o1', 'owner', 'user:dora'),
];

/** Counts the engine's calls to the reader (each one statement on SQL; not the calls a reader makes of itself) and keeps the level queries. */
function counting(reader: TupleReader): { reader: TupleReader; calls: () => number; levels: LevelQuery[]; levelCalls: number[] } {
  let calls = 0;
  const levels: LevelQuery[] = [];
  /** Per level query: which call (1 = the first) it was. */
  const levelCalls: number[] = [];
  const wrapped = Object.create(reader) as TupleReader;
  for (const name of ['readByObjects', 'readByUsers', 'readRelationsByObjects', 'readManyByObjects', 'readManyByUsers', 'readClosure', 'readClosureTuples', 'readMemberships'] as const) {
    const inner = reader[name] as ((q: unknown) => Promise<unknown>) | undefined;
    if (inner) (wrapped as unknown as Record<string, unknown>)[name] = (q: unknown) => ((calls += 1), inner.call(reader, q));
  }
  const level = reader.readLevel;
  if (level) {
    wrapped.readLevel = (q) => {
      calls += 1;
      levels.push(q);
      levelCalls.push(calls);
      return level.call(reader, q);
    };
  }
  return { reader: wrapped, calls: () => calls, levels, levelCalls };
}

function suite(name: string, open: () => Promise<Datastore>): void {
  describe(`closure reads in the level statement on ${name}`, () => {
    let ds: Datastore;
    let store: string;
    beforeAll(async () => {
      ds = await open();
      await ds.migrate();
      store = ulid();
      await ds.createStore({ id: store, name: 'closure-level' });
      await ds.writeTuples(store, { writes: tuples, deletes: [] });
      await ds.rebuildClosureIndex?.(store);
    });
    afterAll(() => ds?.close());

    const cases: [string, boolean, number][] = [
      // A team grant on the deepest folder's root, the user four teams down: doc, then the folder and its ancestors.
      ['document:d1#reader@user:anne', true, 2],
      // A grant on a middle folder (writer implies reader).
      ['document:d1#reader@user:carl', true, 2],
      // Through the organization's member team: doc, folders, repository, organization.
      ['document:d1#reader@user:bob', true, 4],
      ['document:d1#reader@user:dora', true, 4],
      // Denied: every level is read once.
      ['document:d1#reader@user:erin', false, 4],
      ['team:t1#member@user:anne', true, 1],
      ['team:t4#member@user:bob', false, 1],
    ];
    it('reads no membership for a check its first level answers (a direct grant)', async () => {
      const counted = counting(ds.tupleReader(store));
      const result = await engine.check(counted.reader, { object: 'folder:f3', relation: 'writer', user: 'user:carl' });
      expect(result.allowed).toBe(true);
      expect(counted.calls()).toBe(1);
      expect(counted.levels.flatMap((l) => l.memberships ?? [])).toEqual([]);
    });
    for (const [check, allowed, reads] of cases) {
      it(`${check}: ${allowed} in ${reads} read(s), as the walk answers`, async () => {
        const [object, rest] = check.split('#') as [string, string];
        const [relation, user] = rest.split('@') as [string, string];
        const counted = counting(ds.tupleReader(store));
        const result = await engine.check(counted.reader, { object, relation, user });
        const walked = await engine.check(withoutClosure(ds.tupleReader(store)), { object, relation, user });
        expect(result.allowed).toBe(allowed);
        expect(walked.allowed).toBe(allowed);
        expect(counted.calls()).toBe(reads);
        // The user's membership went with the second level, not the first (a direct grant needs none).
        if (user.startsWith('user:') && object.startsWith('document:')) {
          expect(counted.levelCalls[0]).toBe(2);
          expect(counted.levels[0]?.memberships?.length).toBe(1);
        }
      });
    }

    it('reads the memberships of a batch\'s users in one statement, and each user gets only its own groups', async () => {
      const counted = counting(ds.tupleReader(store));
      const users = ['anne', 'bob', 'carl', 'dora', 'erin'];
      const results = await engine.batchCheck(counted.reader, users.map((u) => ({ correlationId: u, object: 'document:d1', relation: 'reader', user: `user:${u}` })));
      expect(results.map((r) => ('allowed' in r ? r.allowed : 'error'))).toEqual([true, true, true, true, false]);
      expect(counted.levels[0]?.memberships?.[0]?.userIds.length).toBe(users.length + 1);
      expect(counted.calls()).toBeLessThanOrEqual(4);
    });

    it('answers undefined for a membership or reach of a declined kind, and Check walks it', async () => {
      const other = ulid();
      await ds.createStore({ id: other, name: 'closure-level-declined' });
      await ds.writeTuples(other, { writes: [...tuples, { ...t('team:t9', 'member', 'team:t1#member'), condition: { name: 'open', context: {} } }], deletes: [] });
      const member: ClosureEdge = { objectType: 'team', relation: 'member', userRelation: 'member' };
      const reads = new RequestReader(ds.tupleReader(other), { maxConcurrentReads: 4 });
      expect(reads.readsMemberships).toBe(true);
      expect(await reads.membership(member, 'user', 'anne')).toBeUndefined();
      expect((await engine.check(ds.tupleReader(other), { object: 'document:d1', relation: 'reader', user: 'user:anne' })).allowed).toBe(true);
    });
  });
}

suite('memory', () => Promise.resolve(createMemoryDatastore()));
const schema = `relata_test_leopard_${Date.now().toString(36)}`;
suite('postgres', () => Promise.resolve(createPostgresDatastore({ connectionString: testDatabaseUrl, schema, maxConnections: 2 })));
afterAll(() => dropTestSchema(schema));
