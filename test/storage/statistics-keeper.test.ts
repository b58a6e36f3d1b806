// A store loaded through Write, with no autovacuum (off on the table here; PGlite has none), is
// served from plans made with statistics: the keeper analyzes in the background, and the engine's
// reads and the Write existence check then use the index that matches their key.
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { Datastore } from '../../src/storage/datastore.js';
import { pgliteClient } from '../../src/storage/pglite/index.js';
import { createPostgresDatastore, PgClient } from '../../src/storage/postgres/index.js';
import type { SqlClient } from '../../src/storage/sql/sql-client.js';
import { SqlDatastore } from '../../src/storage/sql/sql-datastore.js';
import { byObjects, byUsers, manyByObjects } from '../../src/storage/sql/sql-tuple-reader.js';
import { deleteTuples, selectExisting } from '../../src/storage/sql/sql-tuple-writer.js';
import type { TupleKey } from '../../src/model/index.js';
import { testDatabaseUrl } from '../helpers/services.js';

const storeId = '01JSTATSKEEPER0000000000000';
const tupleCount = 20_000;
const users = 1000;

/** Documents with two viewers and one owner each, written in batches of 100 as clients do. */
function tuples(): TupleKey[] {
  const all: TupleKey[] = [];
  for (let d = 0; all.length < tupleCount; d++) {
    all.push({ object: `doc:d${d}`, relation: 'owner', user: `user:u${(d * 7) % users}` });
    all.push({ object: `doc:d${d}`, relation: 'viewer', user: `user:u${(d * 13) % users}` });
    all.push({ object: `doc:d${d}`, relation: 'viewer', user: `user:u${(d * 13 + 1) % users}` });
  }
  return all.slice(0, tupleCount);
}

async function load(ds: Datastore): Promise<void> {
  await ds.createStore({ id: storeId, name: 'stats' });
  const all = tuples();
  for (let i = 0; i < all.length; i += 100) await ds.writeTuples(storeId, { writes: all.slice(i, i + 100), deletes: [] });
}

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Index Cond'?: string;
  Plans?: PlanNode[];
}

/** The scans of a plan: `index(cond)` or the node type of a scan without an index. */
async function scans(client: SqlClient, text: string, params: unknown[]): Promise<string[]> {
  const [row] = await client.query(`EXPLAIN (FORMAT JSON) ${text}`, params);
  const value: unknown = row?.['QUERY PLAN'];
  const [plan] = (typeof value === 'string' ? JSON.parse(value) : value) as [{ Plan: PlanNode }];
  const found: string[] = [];
  const walk = (node: PlanNode) => {
    if (node['Index Name']) found.push(`${node['Index Name']}(${node['Index Cond'] ?? ''})`);
    else if (/Scan/.test(node['Node Type']) && node['Node Type'] !== 'Function Scan') found.push(node['Node Type']);
    node.Plans?.forEach(walk);
  };
  walk(plan.Plan);
  return found;
}

/** The Check reads and the Write existence check each probe the index of their whole key. */
async function expectIndexedPlans(client: SqlClient): Promise<void> {
  const forward = await scans(client, byObjects, [storeId, 'doc', ['d5'], 'owner', new Date().toISOString()]);
  expect(forward).toEqual([expect.stringMatching(/^tuple_pkey\(.*object_id.*relation/)]);
  const many = await scans(client, manyByObjects, [storeId, ['doc', 'doc'], ['d5', 'd6'], ['owner', 'viewer'], new Date().toISOString()]);
  expect(many).toEqual([expect.stringMatching(/^tuple_pkey\(.*object_id.*relation/)]);
  const reverse = await scans(client, byUsers, [storeId, 'doc', 'viewer', 'user', '', ['u5'], new Date().toISOString()]);
  expect(reverse).toEqual([expect.stringMatching(/^tuple_reverse_idx\(.*user_id/)]);
  const existing = await scans(client, selectExisting, [storeId, ['doc'], ['d5'], ['owner'], ['user'], ['u35'], ['']]);
  expect(existing).toEqual([expect.stringMatching(/^tuple_pkey\(.*object_id.*user_id/)]);
  // EXPLAIN without ANALYZE: planned, not run.
  const deleted = await scans(client, deleteTuples, [storeId, ['doc'], ['d5'], ['owner'], ['user'], ['u35'], ['']]);
  expect(deleted).toEqual([expect.stringMatching(/^tuple_pkey\(.*object_id.*user_id/)]);
}

async function until<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

interface TableStats {
  analyzeCount: number;
  reltuples: number;
}

const statsSql = `SELECT s.analyze_count::int AS "analyzeCount", c.reltuples::float8 AS reltuples
  FROM pg_class c JOIN pg_stat_user_tables s ON s.relid = c.oid WHERE c.oid = to_regclass($1)`;

async function tableStats(client: SqlClient, table: string): Promise<TableStats> {
  const [row] = await client.query(statsSql, [table]);
  return { analyzeCount: Number(row?.analyzeCount ?? 0), reltuples: Number(row?.reltuples ?? -1) };
}

/**
 * Statistics the keeper considers current: analyzed, and the rows written since that ANALYZE are
 * fewer than its threshold (autovacuum's rule with the keeper's defaults: 1,000 + 10% of the rows
 * it saw), so no further ANALYZE is due. Where within the load the last ANALYZE fell depends on how
 * fast the load ran (a quick load is analyzed once, near its end), so no fixed share is asked.
 */
const caughtUp = (s: TableStats) => s.analyzeCount > 0 && s.reltuples > 0 && tupleCount - s.reltuples < 1000 + 0.1 * s.reltuples;

const schemas: string[] = [];
const pools: pg.Pool[] = [];
afterAll(async () => {
  await Promise.all(pools.map((p) => p.end()));
  const admin = new pg.Client({ connectionString: testDatabaseUrl });
  await admin.connect();
  for (const schema of schemas) await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await admin.end();
});

/** A schema of the test's own whose tuple and changelog tables autovacuum never visits. */
async function postgres(statistics: false | undefined): Promise<{ ds: Datastore; observer: SqlClient; schema: string }> {
  const schema = `relata_test_stats_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  schemas.push(schema);
  const ds = await createPostgresDatastore({ connectionString: testDatabaseUrl, schema, maxConnections: 4, statistics });
  await ds.migrate();
  const pool = new pg.Pool({ connectionString: testDatabaseUrl, max: 1, options: `-c search_path=${schema}` });
  pools.push(pool);
  const observer = new PgClient(pool);
  await observer.exec('ALTER TABLE tuple SET (autovacuum_enabled = false); ALTER TABLE changelog SET (autovacuum_enabled = false)');
  return { ds, observer, schema };
}

describe('statistics of a freshly loaded store (postgres, autovacuum off)', () => {
  it('the keeper analyzes during and after a load through Write, and the reads use their index', async () => {
    const { ds, observer } = await postgres(undefined);
    try {
      await load(ds);
      await until('ANALYZE of tuple', () => tableStats(observer, 'tuple'), caughtUp);
      await until('ANALYZE of changelog', () => tableStats(observer, 'changelog'), caughtUp);
      await expectIndexedPlans(observer);
    } finally {
      await ds.close();
    }
  });

  // What the keeper is for: without statistics the forward read picks tuple_reverse_idx and
  // filters a whole (store, type, relation) range (if a planner stops doing so, this test says so).
  it('control: without the keeper the same load is planned without statistics', async () => {
    const { ds, observer } = await postgres(false);
    try {
      await load(ds);
      expect((await tableStats(observer, 'tuple')).analyzeCount).toBe(0);
      await expect(expectIndexedPlans(observer)).rejects.toThrow();
    } finally {
      await ds.close();
    }
  });

  it('a process starting on a loaded, never analyzed table analyzes it', async () => {
    const { ds: loader, observer, schema } = await postgres(false);
    await load(loader);
    await loader.close();
    expect((await tableStats(observer, 'tuple')).analyzeCount).toBe(0);
    const ds = await createPostgresDatastore({ connectionString: testDatabaseUrl, schema, maxConnections: 2 });
    try {
      await ds.migrate();
      await until('ANALYZE at start', () => tableStats(observer, 'tuple'), caughtUp);
      await expectIndexedPlans(observer);
    } finally {
      await ds.close();
    }
  });
});

describe('statistics of a freshly loaded store (PGlite, no autovacuum)', () => {
  it('the keeper analyzes during and after a load through Write, and the reads use their index', async () => {
    const db = await PGlite.create();
    const client = pgliteClient(db);
    const ds = new SqlDatastore({ kind: 'pglite', client, close: () => db.close() });
    try {
      await ds.migrate();
      await load(ds);
      await until('ANALYZE of tuple', () => tableStats(client, 'tuple'), caughtUp);
      await until('ANALYZE of changelog', () => tableStats(client, 'changelog'), caughtUp);
      await expectIndexedPlans(client);
    } finally {
      await ds.close();
    }
  });
});
