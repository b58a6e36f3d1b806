// Property: Check answered with the closure index (issue 18) equals Check walking the graph, on
// random graphs of nested teams and nested folders (cycles, diamonds, conditioned and wildcard
// edges that make the store decline the index, expiring edges read before and after their
// instant and then swept) under interleaved writes and deletes, on the memory backend and on real
// PostgreSQL. Both engines read the same store after every batch: one through the reader with
// the index, one through the reader without it. PostgreSQL runs with a small bound on each
// write's maintenance, so that kinds go stale (walked) and every third batch rebuilds them.
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import { transformDslToModel } from '../../src/dsl/index.js';
import { Engine } from '../../src/engine/index.js';
import type { BatchCheckItem, TupleReader } from '../../src/engine/index.js';
import type { TupleKey } from '../../src/model/index.js';
import type { Datastore, WriteTupleKey } from '../../src/storage/datastore.js';
import { createMemoryDatastore } from '../../src/storage/memory/index.js';
import { withoutClosure } from '../../src/storage/memory/memory-closure.js';
import { createPostgresDatastore } from '../../src/storage/postgres/index.js';
import { dropTestSchema, testDatabaseUrl } from '../helpers/services.js';

const dsl = `model
  schema 1.1
type user
type team
  relations
    define member: [user, user:*, team#member, team#member with open]
type folder
  relations
    define parent: [folder, folder with open]
    define owner: [user, team#member]
    define editor: [user, team#member] or editor from parent
    define viewer: [user, team#member with open, team#member] or owner or editor or viewer from parent
condition open(x: bool) {
  x
}
`;
const engine = new Engine(transformDslToModel(dsl));
const teams = 5;
const folders = 6;
const users = ['user:u0', 'user:u1', 'user:u2'];

type Op = { delete: boolean; tuple: WriteTupleKey };
// Every write happens at t0; the checks read at t0 and at t1, when the tuples expiring at t1 are
// gone (unswept) and those expiring at t2 still hold; the sweep at the end removes both.
const t0 = Date.UTC(2020, 0, 1);
const t1 = t0 + 1000;
const t2 = t0 + 2000;
// An expiry on roughly one tuple in eight.
const expiryArb = fc.nat(15).map((n) => (n === 0 ? new Date(t1) : n === 1 ? new Date(t2) : undefined));
const cond = (on: number) => (on === 0 ? { condition: { name: 'open', context: { x: true } } } : on === 1 ? { condition: { name: 'open', context: { x: false } } } : {});
// A condition on roughly one recursive edge in twelve, so most runs keep the index usable.
const edgeCondition = fc.nat(23).map((n) => (n < 2 ? n : 2));
const tupleArb: fc.Arbitrary<TupleKey> = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(fc.nat(teams - 1), fc.nat(teams - 1), edgeCondition).map(([a, b, c]) => ({ object: `team:t${a}`, relation: 'member', user: `team:t${b}#member`, ...cond(c) })) },
  { weight: 3, arbitrary: fc.tuple(fc.nat(teams - 1), fc.nat(users.length)).map(([a, u]) => ({ object: `team:t${a}`, relation: 'member', user: users[u] ?? 'user:*' })) },
  { weight: 5, arbitrary: fc.tuple(fc.nat(folders - 1), fc.nat(folders - 1), edgeCondition).map(([a, b, c]) => ({ object: `folder:f${a}`, relation: 'parent', user: `folder:f${b}`, ...cond(c) })) },
  { weight: 2, arbitrary: fc.tuple(fc.nat(folders - 1), fc.nat(users.length - 1)).map(([a, u]) => ({ object: `folder:f${a}`, relation: 'owner', user: users[u]! })) },
  { weight: 2, arbitrary: fc.tuple(fc.nat(folders - 1), fc.nat(users.length)).map(([a, u]) => ({ object: `folder:f${a}`, relation: 'editor', user: users[u] ?? 'team:t1#member' })) },
  { weight: 2, arbitrary: fc.tuple(fc.nat(folders - 1), fc.nat(teams - 1), fc.nat(2)).map(([a, t, c]) => ({ object: `folder:f${a}`, relation: 'viewer', user: `team:t${t}#member`, ...cond(c) })) },
);
const batchArb = fc.array(
  fc.tuple(fc.boolean(), tupleArb, expiryArb).map(([del, tuple, expiresAt]): Op => ({ delete: del, tuple: expiresAt ? { ...tuple, expiresAt } : tuple })),
  { minLength: 1, maxLength: 8 },
);

const checks: BatchCheckItem[] = [];
for (let f = 0; f < folders; f++) {
  for (const user of [...users, 'team:t0#member', 'team:t3#member']) {
    checks.push({ correlationId: `f${f}-${user}`, object: `folder:f${f}`, relation: 'viewer', user });
    checks.push({ correlationId: `f${f}-editor-${user}`, object: `folder:f${f}`, relation: 'editor', user });
  }
}
for (let t = 0; t < teams; t++) {
  for (const user of [...users, 'user:*', ...Array.from({ length: teams }, (_, s) => `team:t${s}#member`)]) checks.push({ correlationId: `t${t}-${user}`, object: `team:t${t}`, relation: 'member', user });
}

const key = (t: TupleKey) => `${t.object}#${t.relation}@${t.user}`;

/** Applies a batch as a consistent write: writes of absent tuples, deletes of present ones. */
async function apply(ds: Datastore, store: string, present: Map<string, TupleKey>, batch: Op[]): Promise<void> {
  const writes = new Map<string, WriteTupleKey>();
  const deletes = new Map<string, TupleKey>();
  for (const op of batch) {
    const k = key(op.tuple);
    if (writes.has(k) || deletes.has(k)) continue;
    if (op.delete && present.has(k)) deletes.set(k, op.tuple);
    if (!op.delete && !present.has(k)) writes.set(k, op.tuple);
  }
  await ds.writeTuples(store, { writes: [...writes.values()], deletes: [...deletes.values()].map(({ object, relation, user }) => ({ object, relation, user })), now: new Date(t0) });
  for (const k of deletes.keys()) present.delete(k);
  for (const [k, t] of writes) present.set(k, t);
}

const answer = (o: { allowed?: boolean; error?: { code: unknown } }) => (o.error ? `error ${String(o.error.code)}` : String(o.allowed));

/** Counts the closure reads the engine makes, so the test knows the index was used. */
function counting(reader: TupleReader, counter: { reads: number; declined: number; memberships: number; prefetched: number }): TupleReader {
  const wrapped = Object.create(reader) as TupleReader;
  // The closure reads that ride in a level's statement (the user's whole membership, a chain's
  // ancestors and their tuples).
  wrapped.readLevel = async (q) => {
    const a = await reader.readLevel!.call(wrapped, q);
    const answers = [...(a.closures ?? []), ...(a.memberships ?? [])];
    counter.reads += answers.length;
    counter.declined += answers.filter((x) => !x).length;
    counter.memberships += a.memberships?.filter((x) => x).length ?? 0;
    counter.prefetched += a.prefetched?.length ?? 0;
    return a;
  };
  wrapped.readClosure = async (q) => {
    counter.reads++;
    const a = await reader.readClosure!(q);
    if (!a) counter.declined++;
    return a;
  };
  wrapped.readClosureTuples = async (q) => {
    counter.reads++;
    const a = await reader.readClosureTuples!(q);
    if (!a) counter.declined++;
    return a;
  };
  return wrapped;
}

/**
 * `staleKinds`: how many kinds of the store are marked stale (backends that bound their
 * maintenance). `seed`: fixed, so that the assertions that every path ran (memberships, prefetch,
 * stale kinds) hold on every run instead of on most of them.
 */
function propertyOn(name: string, open: () => Promise<Datastore>, runs: number, timeout: number, seed: number, staleKinds?: (store: string) => Promise<number>): void {
  describe(`closure index == graph walk on ${name}`, () => {
    let ds: Datastore;
    beforeAll(async () => {
      ds = await open();
      await ds.migrate();
    });
    afterAll(() => ds?.close());

    it('for random graphs under interleaved writes and deletes', { timeout }, async () => {
      const counter = { reads: 0, declined: 0, memberships: 0, prefetched: 0 };
      let staleBatches = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(batchArb, { minLength: 1, maxLength: 8 }), async (batches) => {
          const store = ulid();
          await ds.createStore({ id: store, name: 'closure-property' });
          const present = new Map<string, TupleKey>();
          const compare = async (nowMs: number) => {
            const reader = ds.tupleReader(store, { now: new Date(nowMs) });
            const indexed = await engine.batchCheck(counting(reader, counter), checks);
            const walked = await engine.batchCheck(withoutClosure(reader), checks);
            expect(indexed.map(answer)).toEqual(walked.map(answer));
          };
          for (const [i, batch] of batches.entries()) {
            if (i % 3 === 2) await ds.rebuildClosureIndex?.(store);
            await apply(ds, store, present, batch);
            if (staleKinds && (await staleKinds(store)) > 0) staleBatches++;
            await compare(t0);
            await compare(t1);
          }
          // Swept (every store's tuples expired by t2: the earlier runs' too, which are done).
          await ds.sweepExpired(new Date(t2), 10_000);
          await compare(t2);
        }),
        { numRuns: runs, seed },
      );
      // The index answered most reads (some stores held conditioned edges and declined).
      expect(counter.reads).toBeGreaterThan(0);
      expect(counter.declined).toBeLessThan(counter.reads);
      // The paths that ride in the level statement ran too.
      expect(counter.memberships).toBeGreaterThan(0);
      expect(counter.prefetched).toBeGreaterThan(0);
      // Some writes went over the bound, so the stale path ran too.
      if (staleKinds) expect(staleBatches).toBeGreaterThan(0);
    });

    it('for single checks (no sharing between them) on one random graph', { timeout }, async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(tupleArb, { minLength: 5, maxLength: 40 }), async (tuples) => {
          const store = ulid();
          await ds.createStore({ id: store, name: 'closure-property-single' });
          await apply(ds, store, new Map(), tuples.map((tuple) => ({ delete: false, tuple })));
          const reader = ds.tupleReader(store);
          for (const item of checks.filter((_, i) => i % 3 === 0)) {
            const [a, b] = await Promise.all([engine.check(reader, item).then((r) => String(r.allowed), (e: { code: unknown }) => `error ${String(e.code)}`), engine.check(withoutClosure(reader), item).then((r) => String(r.allowed), (e: { code: unknown }) => `error ${String(e.code)}`)]);
            expect(`${item.correlationId}: ${a}`).toBe(`${item.correlationId}: ${b}`);
          }
        }),
        { numRuns: Math.ceil(runs / 3), seed },
      );
    });
  });
}

propertyOn('memory', () => Promise.resolve(createMemoryDatastore()), 150, 120_000, 20261204);

const schema = `relata_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
const admin = new pg.Pool({ connectionString: testDatabaseUrl, max: 1 });
const staleKinds = async (store: string) => Number((await admin.query<{ n: string }>(`SELECT count(*) AS n FROM "${schema}".tuple_closure_excluded WHERE store = $1 AND stale`, [store])).rows[0]?.n);
propertyOn('postgres', () => Promise.resolve(createPostgresDatastore({ connectionString: testDatabaseUrl, schema, maxConnections: 4, closureMaxWorkPerWrite: 25 })), 30, 600_000, 20261205, staleKinds);
afterAll(async () => {
  await admin.end();
  await dropTestSchema(schema);
});

describe('closure index and contextual tuples', () => {
  it('walks instead when a request brings its own tuples (the index knows only stored ones)', async () => {
    const ds = createMemoryDatastore();
    const store = ulid();
    await ds.writeTuples(store, {
      writes: [
        { object: 'team:t1', relation: 'member', user: 'user:u0' },
        { object: 'folder:f1', relation: 'viewer', user: 'user:u1' },
      ],
      deletes: [],
    });
    const reader = ds.tupleReader(store);
    const viaTeam = { object: 'team:t0', relation: 'member', user: 'user:u0', contextualTuples: [{ object: 'team:t0', relation: 'member', user: 'team:t1#member' }] };
    expect((await engine.check(reader, viaTeam)).allowed).toBe(true);
    const viaParent = { object: 'folder:f0', relation: 'viewer', user: 'user:u1', contextualTuples: [{ object: 'folder:f0', relation: 'parent', user: 'folder:f1' }] };
    expect((await engine.check(reader, viaParent)).allowed).toBe(true);
    expect((await engine.check(reader, { ...viaParent, contextualTuples: [] })).allowed).toBe(false);
  });
});
