// Storage bench: seeds >= 1M tuples on PostgreSQL (a schema of its own, dropped afterwards) and
// on PGlite (a temporary data directory, removed afterwards), then prints the write throughput
// of the API (writeTuples, batches of 100) and the latency of the engine's reads.
//
//   npx tsx bench/storage.ts [--tuples 1000000] [--backends postgres,pglite] [--reads 2000] [--write-batches 200]
//
// Latency is measured one call at a time (no concurrency), after 100 warm-up calls.
//
// Most rows are seeded in bulk (INSERT ... SELECT generate_series, 100k rows per statement);
// the API write throughput is measured on a separate sample of new tuples.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { Datastore } from '../src/storage/datastore.js';
import { pgliteClient } from '../src/storage/pglite/index.js';
import { PgClient } from '../src/storage/postgres/index.js';
import type { SqlClient } from '../src/storage/sql/sql-client.js';
import { percentile } from './lib/stats.js';
import { SqlDatastore } from '../src/storage/sql/sql-datastore.js';

interface Options {
  tuples: number;
  backends: string[];
  reads: number;
  writeBatches: number;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { tuples: 1_000_000, backends: ['postgres', 'pglite'], reads: 2000, writeBatches: 200 };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === '--tuples') options.tuples = Number(value);
    else if (flag === '--backends') options.backends = value.split(',');
    else if (flag === '--reads') options.reads = Number(value);
    else if (flag === '--write-batches') options.writeBatches = Number(value);
    else throw new Error(`unknown option ${flag}`);
  }
  return options;
}

// Dataset: documents of 10 viewers each, 100k users; every 50th document also grants a group.
const viewersPerDoc = 10;
const users = 100_000;

const seedChunk = `INSERT INTO tuple (store, object_type, object_id, relation, user_type, user_id, user_relation, revision)
  SELECT $1, 'doc', 'd' || (g / ${viewersPerDoc}), 'viewer', 'user', 'u' || ((g::bigint * 7919) % ${users}), '', 1
  FROM generate_series($2::bigint, $3::bigint) AS g
  ON CONFLICT DO NOTHING`;

async function seed(client: SqlClient, store: string, tuples: number): Promise<number> {
  const t0 = performance.now();
  const chunk = 100_000;
  for (let start = 0; start < tuples; start += chunk) {
    await client.query(seedChunk, [store, start, Math.min(start + chunk, tuples) - 1]);
    process.stdout.write(`\r  seeded ${Math.min(start + chunk, tuples).toLocaleString('en')} tuples`);
  }
  process.stdout.write('\n');
  await client.query('ANALYZE tuple');
  return performance.now() - t0;
}

async function latency(reads: number, op: (i: number) => Promise<unknown>): Promise<string> {
  for (let i = 0; i < Math.min(100, reads); i++) await op(i); // warm-up (plans, prepared statements, caches)
  const samples: number[] = [];
  for (let i = 0; i < reads; i++) {
    const t0 = performance.now();
    await op(i + 1000);
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  const f = (v: number) => `${v.toFixed(3)} ms`;
  return `p50 ${f(percentile(samples, 0.5))}  p95 ${f(percentile(samples, 0.95))}  p99 ${f(percentile(samples, 0.99))}`;
}

// Cheap deterministic spread of ids over the dataset.
const pick = (i: number, n: number) => (Math.imul(i + 1, 2654435761) >>> 0) % n;

async function measure(name: string, ds: Datastore, client: SqlClient, options: Options): Promise<void> {
  await ds.migrate();
  const store = (await ds.createStore({ id: `bench-${Date.now()}`, name: 'bench' })).id;
  console.log(`\n== ${name}: seeding ${options.tuples.toLocaleString('en')} tuples`);
  const seedMs = await seed(client, store, options.tuples);
  console.log(`  bulk seed: ${(seedMs / 1000).toFixed(1)} s (${Math.round(options.tuples / (seedMs / 1000)).toLocaleString('en')} tuples/s)`);

  const t0 = performance.now();
  for (let b = 0; b < options.writeBatches; b++) {
    const writes = Array.from({ length: 100 }, (_, i) => ({ object: `doc:w${b}`, relation: 'viewer', user: `user:w${i}` }));
    await ds.writeTuples(store, { writes, deletes: [] });
  }
  const writeSeconds = (performance.now() - t0) / 1000;
  console.log(`  writeTuples (batches of 100, ${options.writeBatches} batches): ${Math.round((options.writeBatches * 100) / writeSeconds).toLocaleString('en')} tuples/s`);

  // Writers of different stores do not wait for each other (the write lock is per store).
  const writers = 4;
  const others = await Promise.all(Array.from({ length: writers }, (_, w) => ds.createStore({ id: `bench-${Date.now()}-${w}`, name: 'bench' })));
  const t1 = performance.now();
  const perWriter = Math.max(1, Math.floor(options.writeBatches / writers));
  await Promise.all(
    others.map(async (other) => {
      for (let b = 0; b < perWriter; b++) {
        const writes = Array.from({ length: 100 }, (_, i) => ({ object: `doc:p${b}`, relation: 'viewer', user: `user:p${i}` }));
        await ds.writeTuples(other.id, { writes, deletes: [] });
      }
    }),
  );
  const parallelSeconds = (performance.now() - t1) / 1000;
  console.log(`  writeTuples (${writers} stores in parallel, ${perWriter} batches each): ${Math.round((writers * perWriter * 100) / parallelSeconds).toLocaleString('en')} tuples/s`);

  const docs = Math.ceil(options.tuples / viewersPerDoc);
  const reader = ds.tupleReader(store);
  console.log(`  readByObjects (1 id):    ${await latency(options.reads, (i) => reader.readByObjects({ objectType: 'doc', objectIds: [`d${pick(i, docs)}`], relation: 'viewer' }))}`);
  console.log(
    `  readByObjects (25 ids):  ${await latency(options.reads, (i) =>
      reader.readByObjects({ objectType: 'doc', objectIds: Array.from({ length: 25 }, (_, k) => `d${pick(i * 25 + k, docs)}`), relation: 'viewer' }),
    )}`,
  );
  console.log(
    `  readByUsers (1 user):    ${await latency(options.reads, (i) => reader.readByUsers({ objectType: 'doc', relation: 'viewer', userType: 'user', userIds: [`u${pick(i, users)}`], userRelation: '' }))}`,
  );
  console.log(`  readTuples (1 object):   ${await latency(options.reads, (i) => ds.readTuples(store, { object: `doc:d${pick(i, docs)}` }, { pageSize: 50 }))}`);
  console.log(`  readTuples (type, page): ${await latency(Math.min(options.reads, 500), (i) => ds.readTuples(store, { object: 'doc:', relation: 'viewer' }, { pageSize: 50, continuationToken: undefined }).then(() => i))}`);
}

async function benchPostgres(options: Options): Promise<void> {
  const url = process.env.RELATA_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const schema = `relata_bench_${Date.now().toString(36)}`;
  const pool = new pg.Pool({ connectionString: url, max: 4, options: `-c search_path=${schema}` });
  const client = new PgClient(pool);
  const ds = new SqlDatastore({ kind: 'postgres', client, schema, close: () => pool.end() });
  try {
    await measure(`PostgreSQL (schema ${schema})`, ds, client, options);
  } finally {
    await client.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch((err: unknown) => console.error('drop schema failed', err));
    await ds.close();
  }
}

async function benchPglite(options: Options): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'relata-bench-pglite-'));
  const db = await PGlite.create({ dataDir });
  const client = pgliteClient(db);
  const ds = new SqlDatastore({ kind: 'pglite', client, close: () => db.close() });
  try {
    await measure(`PGlite (${dataDir})`, ds, client, options);
  } finally {
    await ds.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const options = parseArgs(process.argv.slice(2));
console.log(`relata storage bench: ${options.tuples.toLocaleString('en')} tuples, ${options.reads} reads per measure, node ${process.version}`);
if (options.backends.includes('postgres')) await benchPostgres(options);
if (options.backends.includes('pglite')) await benchPglite(options);
