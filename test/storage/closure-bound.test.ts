// Closure maintenance is bounded per write (issue 18 follow-up; sql-closure-index.ts): counted
// in statements and in the rows the statements report, on real PostgreSQL, never timed.
// - a long chain written one edge per write: at most four maintenance statements per write;
//   past the bound the kind is marked stale and each later write of it costs one statement;
//   Check answers stay the walk's, and a rebuild clears the mark;
// - the estimate is an upper bound of the work maintenance then does (rows dropped, rows
//   inserted, edges the walk reads, recomputed in the test from its own copy of the graph), on
//   random graphs with cycles under interleaved writes and deletes;
// - with the bound 0 (RELATA_CLOSURE_INDEX=off) a write does one statement: the mark.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import { transformDslToModel } from '../../src/dsl/index.js';
import { Engine } from '../../src/engine/index.js';
import type { ClosureEdge, TupleReader } from '../../src/engine/index.js';
import type { SqlDatastore } from '../../src/storage/sql/sql-datastore.js';
import { withoutClosure } from '../../src/storage/memory/memory-closure.js';
import pg from 'pg';
import { dropTestSchema, testDatabaseUrl } from '../helpers/services.js';
import { estimateOf, isClosureMaintenance, loggedPostgresDatastore, StatementLog } from '../helpers/statement-log.js';
import type { LoggedStatement } from '../helpers/statement-log.js';

const engine = new Engine(transformDslToModel(`model
  schema 1.1
type user
type team
  relations
    define member: [user, team#member]
`));
const member: ClosureEdge = { objectType: 'team', relation: 'member', userRelation: 'member' };
const nest = (from: number, to: number) => ({ object: `team:t${from}`, relation: 'member', user: `team:t${to}#member` });

const schema = `relata_test_bound_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
const log = new StatementLog();
const open = (closureMaxWorkPerWrite: number) => loggedPostgresDatastore(schema, log, { closureMaxWorkPerWrite });
let bounded: SqlDatastore;
let unbounded: SqlDatastore;
let off: SqlDatastore;

beforeAll(async () => {
  bounded = open(2_000);
  unbounded = open(1_000_000_000);
  off = open(0);
  await bounded.migrate();
});
afterAll(async () => {
  await Promise.all([bounded?.close(), unbounded?.close(), off?.close()]);
  await dropTestSchema(schema);
});

/**
 * Statistics, as autovacuum (tuple_closure) and the statistics keeper (tuple) keep them in a
 * deployment: without any the planner picks tuple_closure_to_idx for from_id probes.
 */
async function analyze(): Promise<void> {
  const admin = new pg.Client({ connectionString: testDatabaseUrl });
  await admin.connect();
  try {
    await admin.query(`ANALYZE "${schema}".tuple, "${schema}".tuple_closure, "${schema}".tuple_closure_excluded`);
  } finally {
    await admin.end();
  }
}

/** Runs `write` and returns the closure maintenance statements it sent. */
async function maintenanceOf(write: () => Promise<unknown>): Promise<LoggedStatement[]> {
  const mark = log.statements.length;
  await write();
  return log.since(mark).filter(isClosureMaintenance);
}

const dropOf = (statements: LoggedStatement[]) => statements.find((s) => /DELETE FROM tuple_closure c USING affected/.test(s.text));
const walkOf = (statements: LoggedStatement[]) => statements.find((s) => /WITH RECURSIVE src/.test(s.text));

describe('closure maintenance bounded per write (PostgreSQL)', () => {
  it('a chain of 300 nested teams: at most 5 maintenance statements a write, then 2 once the kind is stale; Check stays right; rebuild clears', { timeout: 120_000 }, async () => {
    const ds = bounded;
    const store = (await ds.createStore({ id: ulid(), name: 'chain' })).id;
    await ds.writeTuples(store, { writes: [{ object: 'team:t300', relation: 'member', user: 'user:anne' }], deletes: [] });
    let staleFrom: number | undefined;
    for (let i = 299; i >= 0; i--) {
      // Prepending keeps every write small (one new source): maintained all the way.
      const statements = await maintenanceOf(() => ds.writeTuples(store, { writes: [nest(i, i + 1)], deletes: [] }));
      expect(statements.length).toBeLessThanOrEqual(5);
      if (i % 50 === 0) await analyze();
    }
    expect((await ds.tupleReader(store).readClosure?.({ edge: member, objectIds: ['t0'] }))?.get('t0')).toHaveLength(300);
    // Appending under a chain of 300: every write would recompute the 300 sources above it.
    for (let i = 300; i < 340; i++) {
      const statements = await maintenanceOf(() => ds.writeTuples(store, { writes: [nest(i, i + 1)], deletes: [] }));
      expect(statements.length).toBeLessThanOrEqual(5);
      const estimate = statements.map(estimateOf).find((e) => e !== undefined);
      if (staleFrom === undefined) {
        // Over the bound: SET LOCAL jit, the estimate and the mark, nothing dropped or walked.
        expect(estimate?.work).toBeGreaterThan(2_000);
        expect(dropOf(statements)).toBeUndefined();
        expect(walkOf(statements)).toBeUndefined();
        expect(statements).toHaveLength(3);
        staleFrom = i;
      } else {
        // Stale: SET LOCAL jit and the estimate, which finds nothing to maintain.
        expect(statements).toHaveLength(2);
        expect(estimate?.sources).toBe(0);
      }
    }
    expect(staleFrom).toBe(300);
    await ds.writeTuples(store, { writes: [{ object: 'team:t340', relation: 'member', user: 'user:bob' }], deletes: [] });
    expect(await ds.tupleReader(store).readClosure?.({ edge: member, objectIds: ['t0'] })).toBeUndefined();
    // Within the engine's depth limit: a search of 300 levels fails as too deep, index or not
    // (the last two search up a chain of 300 ancestors).
    const checks = [
      { object: 'team:t320', relation: 'member', user: 'user:bob' },
      { object: 'team:t305', relation: 'member', user: 'team:t320#member' },
      { object: 'team:t290', relation: 'member', user: 'user:anne' },
      { object: 'team:t320', relation: 'member', user: 'user:zoe' },
      { object: 'team:t330', relation: 'member', user: 'user:anne' },
      { object: 'team:t320', relation: 'member', user: 'team:t305#member' },
    ];
    const outcome = (reader: TupleReader) => Promise.all(checks.map((c) => engine.check(reader, c).then((r) => String(r.allowed), (e: { code: unknown }) => `error ${String(e.code)}`)));
    const expected = ['true', 'true', 'true', 'false'];
    const indexed = await outcome(ds.tupleReader(store));
    expect(indexed.slice(0, 4)).toEqual(expected);
    expect(indexed).toEqual(await outcome(withoutClosure(ds.tupleReader(store))));
    // The rebuild clears the mark; the index answers again, the same.
    const [rebuilt] = await ds.rebuildClosureIndex(store);
    expect(rebuilt?.rows).toBe((341 * 340) / 2);
    expect((await ds.tupleReader(store).readClosure?.({ edge: member, objectIds: ['t0'] }))?.get('t0')).toHaveLength(340);
    expect((await outcome(ds.tupleReader(store))).slice(0, 4)).toEqual(expected);
  });

  it('a dense group graph: one write of 100 edges among 40 teams goes stale in bounded statements; Check stays right', { timeout: 60_000 }, async () => {
    const ds = bounded;
    const store = (await ds.createStore({ id: ulid(), name: 'dense' })).id;
    await ds.writeTuples(store, { writes: [{ object: 'team:t39', relation: 'member', user: 'user:anne' }], deletes: [] });
    const edges = Array.from({ length: 40 * 40 }, (_, k) => nest(Math.floor(k / 40), k % 40)).filter((e) => e.object !== e.user.replace('#member', ''));
    for (let k = 0; k < edges.length; k += 100) {
      const statements = await maintenanceOf(() => ds.writeTuples(store, { writes: edges.slice(k, k + 100), deletes: [] }));
      expect(statements.length).toBeLessThanOrEqual(5);
    }
    expect(await ds.tupleReader(store).readClosure?.({ edge: member, objectIds: ['t0'] })).toBeUndefined();
    expect((await engine.check(ds.tupleReader(store), { object: 'team:t0', relation: 'member', user: 'user:anne' })).allowed).toBe(true);
    expect((await engine.check(ds.tupleReader(store), { object: 'team:t0', relation: 'member', user: 'user:bob' })).allowed).toBe(false);
  });

  it('the estimate bounds the work done: rows dropped, rows inserted and edges the walk reads', { timeout: 300_000 }, async () => {
    const ds = unbounded;
    const nodes = 7;
    const op = fc.tuple(fc.boolean(), fc.nat(nodes - 1), fc.nat(nodes - 1));
    let maintained = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(op, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 }), async (batches) => {
        const store = (await ds.createStore({ id: ulid(), name: 'estimate' })).id;
        const graph = new Map<number, Set<number>>(Array.from({ length: nodes }, (_, i) => [i, new Set<number>()]));
        for (const batch of batches) {
          const writes = new Map<string, [number, number]>();
          const deletes = new Map<string, [number, number]>();
          for (const [del, a, b] of batch) {
            const key = `${a}-${b}`;
            if (writes.has(key) || deletes.has(key)) continue;
            if (del && graph.get(a)!.has(b)) deletes.set(key, [a, b]);
            if (!del && !graph.get(a)!.has(b)) writes.set(key, [a, b]);
          }
          for (const [a, b] of deletes.values()) graph.get(a)!.delete(b);
          for (const [a, b] of writes.values()) graph.get(a)!.add(b);
          const statements = await maintenanceOf(() => ds.writeTuples(store, { writes: [...writes.values()].map(([a, b]) => nest(a, b)), deletes: [...deletes.values()].map(([a, b]) => nest(a, b)) }));
          const estimate = statements.map(estimateOf).find((e) => e !== undefined);
          const drop = dropOf(statements);
          const walk = walkOf(statements);
          if (writes.size + deletes.size === 0) continue;
          expect(estimate).toBeDefined();
          expect(drop).toBeDefined();
          maintained++;
          const reachOf = (s: number) => {
            const seen = new Set<number>();
            const stack = [s];
            while (stack.length > 0) {
              for (const y of graph.get(stack.pop()!)!) {
                if (seen.has(y)) continue;
                seen.add(y);
                stack.push(y);
              }
            }
            return seen;
          };
          const sources = drop!.rows.map((row) => Number(String(row.id).slice(1)));
          // The walk reads s's edges, then those of every node it reaches (s again on a cycle).
          const reads = sources.reduce((n, s) => n + graph.get(s)!.size + [...reachOf(s)].reduce((m, x) => m + graph.get(x)!.size, 0), 0);
          const removed = Number(drop!.rows[0]?.removed ?? 0);
          const inserted = Number(walk?.rows[0]?.inserted ?? 0);
          expect(sources.length + removed + reads).toBeLessThanOrEqual(estimate!.work);
          expect(inserted).toBeLessThanOrEqual(reads);
          // And the index is the graph's closure.
          const answer = await ds.tupleReader(store).readClosure?.({ edge: member, objectIds: [...graph.keys()].map((i) => `t${i}`) });
          for (const [i] of graph) expect([...(answer?.get(`t${i}`) ?? [])].sort()).toEqual([...reachOf(i)].map((x) => `t${x}`).sort());
        }
      }),
      { numRuns: 40 },
    );
    expect(maintained).toBeGreaterThan(0);
  });

  it('with the bound 0 (the index off) a write of recursive edges costs one statement, the mark; rebuild clears it', async () => {
    const store = (await off.createStore({ id: ulid(), name: 'off' })).id;
    const plain = await maintenanceOf(() => off.writeTuples(store, { writes: [{ object: 'team:t1', relation: 'member', user: 'user:anne' }], deletes: [] }));
    expect(plain).toHaveLength(0);
    const nested = await maintenanceOf(() => off.writeTuples(store, { writes: [nest(0, 1), nest(1, 2), { object: 'team:t2', relation: 'member', user: 'team:t3#member', condition: { name: 'c' } }], deletes: [] }));
    expect(nested).toHaveLength(1);
    expect(nested[0]!.text).toMatch(/INSERT INTO tuple_closure_excluded/);
    expect(await off.tupleReader(store).readClosure?.({ edge: member, objectIds: ['t0'] })).toBeUndefined();
    // A writer that maintains the index leaves the stale kind alone.
    const later = await maintenanceOf(() => bounded.writeTuples(store, { writes: [nest(5, 6)], deletes: [] }));
    expect(later.map(estimateOf).find((e) => e !== undefined)?.sources).toBe(0);
    await off.writeTuples(store, { writes: [], deletes: [{ object: 'team:t2', relation: 'member', user: 'team:t3#member' }] });
    await off.rebuildClosureIndex(store);
    expect((await off.tupleReader(store).readClosure?.({ edge: member, objectIds: ['t0', 't5'] }))).toEqual(new Map([['t0', ['t1', 't2']], ['t5', ['t6']]]));
  });
});
