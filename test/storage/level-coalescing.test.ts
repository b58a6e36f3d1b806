// Read coalescing across requests (src/storage/sql/sql-level-coalescer.ts) on PostgreSQL: the
// level reads of many concurrent readers of one store, with different instants (tuples expiring
// between them), different user filters (two model versions) and hostile ids, each get exactly
// what the same read gets alone; a merged statement that fails fails no read but its own; a
// group never carries more keys than its cap, and a larger read goes alone.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FilteredObjectsRead, LevelQuery, LevelTuples, UsersRead, UserTypeFilter } from '../../src/engine/index.js';
import type { RelationTuple } from '../../src/model/index.js';
import type { WriteTupleKey } from '../../src/storage/datastore.js';
import { PgClient } from '../../src/storage/postgres/index.js';
import type { SqlClient } from '../../src/storage/sql/sql-client.js';
import { SqlDatastore } from '../../src/storage/sql/sql-datastore.js';
import type { SqlDatastoreOptions } from '../../src/storage/sql/sql-datastore.js';
import { dropTestSchema, testDatabaseUrl } from '../helpers/services.js';

const schema = `coal_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
const store = 'coal-store';
const base = Date.parse('2030-01-01T00:00:00.000Z');

/** Ids that break naive array literals or string handling: commas, quotes, braces, backslashes, spaces, non-ASCII, very long. */
const ids = ['plain', 'a,b', '"q"', "o'k", '{x}', 'back\\slash', 'sp ace', 'NULL', 'ünï€ødé', '日本', 'x'.repeat(1500), '{"a":[1,2]}', '\\"', ','];

/** A deterministic generator (mulberry32), so every run draws the same cases. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Statement {
  name?: string;
  keys: number;
  failed: boolean;
}

/** A SqlClient over a real pool that records each named statement's key count (its first key array) and whether it failed. */
function recording(inner: SqlClient, log: Statement[]): SqlClient {
  return {
    query: async (text, params, name) => {
      // Forward keys ($2) and reverse keys ($10) for the merged statement.
      const keys = name === 'relata_read_level_many' ? (params![1] as unknown[]).length + (params![9] as unknown[]).length : 0;
      try {
        const rows = await inner.query(text, params, name);
        log.push({ name, keys, failed: false });
        return rows;
      } catch (error) {
        log.push({ name, keys, failed: true });
        throw error;
      }
    },
    exec: (script) => inner.exec(script),
    transaction: (fn, options) => inner.transaction(fn, options),
  };
}

const pools: pg.Pool[] = [];
function datastore(log: Statement[], options: Partial<SqlDatastoreOptions>, wrap: (client: SqlClient) => SqlClient = (client) => client): SqlDatastore {
  const pool = new pg.Pool({ connectionString: testDatabaseUrl, max: 4, options: `-c search_path=${schema}` });
  pools.push(pool);
  const client = wrap(recording(new PgClient(pool, { namedPlanMode: 'force_generic_plan' }), log));
  return new SqlDatastore({ kind: 'postgres', client, schema, statistics: false, closureIndex: false, close: () => Promise.resolve(), ...options });
}

const aloneLog: Statement[] = [];
let alone: SqlDatastore;

beforeAll(async () => {
  alone = datastore(aloneLog, { readCoalescing: false });
  await alone.migrate();
  await alone.createStore({ id: store, name: 'coalescing' });
  // Every object has viewers of each kind, some expiring between the readers' instants.
  const rand = random(7);
  const writes: WriteTupleKey[] = [];
  for (const objectType of ['doc', 'folder']) {
    for (const [i, id] of ids.entries()) {
      for (const relation of ['viewer', 'editor']) {
        for (const user of [`user:${ids[(i + 1) % ids.length]}`, `user:${ids[(i + 3) % ids.length]}`, `group:${ids[(i + 2) % ids.length]}#member`, 'user:*', `team:${ids[(i + 5) % ids.length]}`]) {
          const expires = rand() < 0.5 ? undefined : new Date(base + Math.floor(rand() * 6) * 1000 + (rand() < 0.3 ? 1 : 0));
          writes.push({ object: `${objectType}:${id}`, relation, user, ...(expires ? { expiresAt: expires } : {}) });
        }
      }
    }
  }
  for (let i = 0; i < writes.length; i += 100) await alone.writeTuples(store, { writes: writes.slice(i, i + 100), deletes: [], now: new Date(base - 86_400_000) });
});

afterAll(async () => {
  await Promise.all(pools.map((p) => p.end()));
  await dropTestSchema(schema);
});

/** Two "model versions": the same relations with different type restrictions. */
const filterSets: (readonly UserTypeFilter[] | undefined)[] = [
  undefined,
  [{ userType: 'user', userRelation: '' }],
  [{ userType: 'group', userRelation: 'member' }, { userType: 'team', userRelation: '' }],
  [{ userType: 'user', userRelation: '' }, { userType: 'group', userRelation: 'member' }],
  [],
];

/** A random level: forward reads (one filter per type and relation, as the contract says) and reverse reads. */
function randomLevel(rand: () => number): LevelQuery {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const some = () => ids.filter(() => rand() < 0.3);
  const filterOf = new Map<string, readonly UserTypeFilter[] | undefined>();
  const objects: FilteredObjectsRead[] = [];
  for (let r = Math.floor(rand() * 4); r > 0; r--) {
    const objectType = pick(['doc', 'folder']);
    const relation = pick(['viewer', 'editor']);
    const key = `${objectType}#${relation}`;
    if (!filterOf.has(key)) filterOf.set(key, pick(filterSets));
    const userFilters = filterOf.get(key);
    objects.push({ objectType, relation, objectIds: some(), ...(userFilters ? { userFilters } : {}) });
  }
  const users: UsersRead[] = [];
  for (let r = Math.floor(rand() * 3); r > 0; r--) {
    const [userType, userRelation] = pick([['user', ''], ['group', 'member'], ['team', '']] as const);
    users.push({ objectType: pick(['doc', 'folder']), relation: pick(['viewer', 'editor']), userType, userRelation, userIds: userType === 'user' && rand() < 0.3 ? ['*', ...some()] : some() });
  }
  return { objects, users };
}

const tupleKey = (t: RelationTuple) => JSON.stringify([t.objectType, t.objectId, t.relation, t.userType, t.userId, t.userRelation, t.conditionName ?? null, t.expiresAt ?? null]);
function canonical(level: LevelTuples): { objects: string[]; users: string[] } {
  return { objects: level.objects.map(tupleKey).sort(), users: level.users.map(tupleKey).sort() };
}

describe('level read coalescing on PostgreSQL', () => {
  it('gives each of many concurrent readers (different instants, filters, hostile ids) exactly its answer alone', async () => {
    const log: Statement[] = [];
    const merged = datastore(log, {});
    const rand = random(18);
    for (let round = 0; round < 4; round++) {
      const cases = Array.from({ length: 40 }, () => ({ query: randomLevel(rand), now: new Date(base + Math.floor(rand() * 7000) - 500) }));
      const expected = [];
      for (const c of cases) expected.push(canonical(await alone.tupleReader(store, { now: c.now }).readLevel!(c.query)));
      const got = await Promise.all(cases.map(async (c) => canonical(await merged.tupleReader(store, { now: c.now }).readLevel!(c.query))));
      expect(got).toEqual(expected);
      expect(expected.some((e) => e.objects.length > 0) && expected.some((e) => e.users.length > 0)).toBe(true);
    }
    const statements = log.filter((s) => s.name === 'relata_read_level_many');
    // The first read of a burst goes alone, the others wait for it and go together.
    expect(statements.length).toBeGreaterThan(0);
    expect(statements.length).toBeLessThan(40);
    expect(log.some((s) => s.name === 'relata_read_level')).toBe(false);
  });

  it('sees a tuple expiring between two readers of one group for the earlier reader only (expiry exclusive)', async () => {
    const merged = datastore([], {});
    const id = 'expiring';
    await alone.writeTuples(store, { writes: [{ object: `doc:${id}`, relation: 'viewer', user: 'user:late', expiresAt: new Date(base + 1000) }], deletes: [], now: new Date(base - 1000) });
    const query: LevelQuery = { objects: [{ objectType: 'doc', relation: 'viewer', objectIds: [id] }], users: [{ objectType: 'doc', relation: 'viewer', userType: 'user', userRelation: '', userIds: ['late'] }] };
    const nows = [base + 999, base + 1000, base + 1001, base];
    const answers = await Promise.all(nows.map((now) => merged.tupleReader(store, { now: new Date(now) }).readLevel!(query)));
    expect(answers.map((a) => [a.objects.length, a.users.length])).toEqual([[1, 1], [0, 0], [0, 0], [1, 1]]);
  });

  it('isolates a merged statement that fails: each read is retried alone and only the bad one fails', async () => {
    const log: Statement[] = [];
    const merged = datastore(log, {});
    const good: LevelQuery = { objects: [{ objectType: 'doc', relation: 'viewer', objectIds: ids }], users: [{ objectType: 'doc', relation: 'editor', userType: 'user', userRelation: '', userIds: ids }] };
    // PostgreSQL refuses NUL in text: this read's own input fails any statement it rides in.
    const bad: LevelQuery = { objects: [{ objectType: 'doc', relation: 'viewer', objectIds: ['nul\u0000id'] }], users: [] };
    const now = new Date(base + 2500);
    const expected = canonical(await alone.tupleReader(store, { now }).readLevel!(good));
    const outcomes = await Promise.allSettled([good, good, bad, good, bad, good].map((q) => merged.tupleReader(store, { now }).readLevel!(q)));
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'rejected', 'fulfilled']);
    for (const o of outcomes) if (o.status === 'fulfilled') expect(canonical(o.value)).toEqual(expected);
    expect(log.some((s) => s.failed && s.keys > 1)).toBe(true);
    // Afterwards the store's queue still serves.
    expect(canonical(await merged.tupleReader(store, { now }).readLevel!(good))).toEqual(expected);
  });

  it('fails every read of a merged statement cancelled by the database at once, without retrying each alone', async () => {
    const log: Statement[] = [];
    let cancelled = false;
    // The first merged statement of several reads is cancelled as statement_timeout would (57014).
    const merged = datastore(log, {}, (inner) => ({
      ...inner,
      query: async (text, params, name) => {
        if (name === 'relata_read_level_many' && !cancelled && (params![1] as unknown[]).length > ids.length) {
          cancelled = true;
          throw Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' });
        }
        return inner.query(text, params, name);
      },
    }));
    const query: LevelQuery = { objects: [{ objectType: 'doc', relation: 'viewer', objectIds: ids }], users: [] };
    const now = new Date(base + 2500);
    const outcomes = await Promise.allSettled([1, 2, 3, 4].map(() => merged.tupleReader(store, { now }).readLevel!(query)));
    expect(cancelled).toBe(true);
    const rejected = outcomes.filter((o) => o.status === 'rejected').length;
    // The first read went alone; the three that waited for it shared the cancelled statement.
    expect(rejected).toBe(3);
    expect(log.filter((s) => s.name === 'relata_read_level_many').length).toBe(1);
  });

  it('caps a group by keys; a read larger than the cap goes alone', async () => {
    const log: Statement[] = [];
    const merged = datastore(log, { readCoalescing: { maxKeys: 10 } });
    const now = new Date(base + 2500);
    const small: LevelQuery = { objects: [{ objectType: 'doc', relation: 'viewer', objectIds: ids.slice(0, 4) }], users: [] };
    const large: LevelQuery = { objects: [{ objectType: 'doc', relation: 'editor', objectIds: ids }], users: [] };
    const queries = [small, small, small, large, small, small, small, small];
    const expected = [];
    for (const q of queries) expected.push(canonical(await alone.tupleReader(store, { now }).readLevel!(q)));
    const got = await Promise.all(queries.map(async (q) => canonical(await merged.tupleReader(store, { now }).readLevel!(q))));
    expect(got).toEqual(expected);
    const keys = log.filter((s) => s.name === 'relata_read_level_many').map((s) => s.keys);
    expect(keys).toContain(ids.length);
    for (const k of keys) if (k !== ids.length) expect(k).toBeLessThanOrEqual(10);
    expect(keys.some((k) => k === 8)).toBe(true);
  });
});
