// `npx tsx bench/closure-index.ts --size 10k` (or 100k): the closure index of issue 18 on
// PostgreSQL, in process (storage + engine, no RPC), so that counts are exact and both ways
// run on the same store in the same run:
// - seeding the GitHub-like dataset (github-dataset.ts) through writeTuples, batches of 100 from
//   8 writers, with the index maintained: tuples/s, and the maintenance statements' share of time;
// - edge churn: recursive edges (team in team, folder in folder) deleted and written back one
//   write each: sources recomputed, index rows dropped/inserted, ms per write;
// - uncached Check by granting-path length, with the index and walking (RELATA_CLOSURE_INDEX=off),
//   interleaved: statements per check (deterministic) and CPU per check of this process and of
//   its PostgreSQL backends (/proc, load-dependent), every answer cross-checked with the
//   dataset's reference walk; then the rebuild time.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { ulid } from 'ulid';
import { transformDslToModel } from '../src/dsl/index.js';
import { Engine } from '../src/engine/index.js';
import type { TupleReader } from '../src/engine/index.js';
import type { TupleKey } from '../src/model/index.js';
import { PgClient } from '../src/storage/postgres/index.js';
import type { SqlClient } from '../src/storage/sql/sql-client.js';
import { SqlDatastore } from '../src/storage/sql/sql-datastore.js';
import { generateGithubDataset, githubSizes, type GithubCheck, type GithubSize } from './github-dataset.js';
import { cpuSpent, postgresCpuSeconds } from './lib/postgres-cpu.js';

const { values: args } = parseArgs({
  options: {
    size: { type: 'string', default: '10k' },
    'cases-per-kind': { type: 'string', default: '200' },
    churn: { type: 'string', default: '200' },
    // RELATA_CLOSURE_MAX_WORK_PER_WRITE for the seeding writers (0: mark only, as with the index off).
    'max-work': { type: 'string' },
    // Seeding (and its write cost) only: no churn, checks or rebuild.
    'seed-only': { type: 'boolean', default: false },
    'database-url': { type: 'string', default: process.env.RELATA_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test' },
  },
});
const size = args.size as GithubSize;
if (!githubSizes[size]) throw new Error(`--size must be one of ${Object.keys(githubSizes).join(', ')}`);
const log = (message: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);
const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');

const model = transformDslToModel(readFileSync(new URL('../schema-examples/github/model.fga', import.meta.url), 'utf8'));
const engine = new Engine(model);
const dataset = generateGithubDataset(githubSizes[size], 18, Number(args['cases-per-kind']));
log(`github ${size}: ${dataset.tuples.length} tuples; load ${load()}`);

const run = Date.now().toString(36);
const schema = `relata_bench_closure_${run}`;
const appName = `relata_bench_closure_${run}`;
const databaseUrl = args['database-url'];

/** Statement counts and time by statement name (unnamed ones as 'other'). */
const stats = new Map<string, { count: number; ms: number }>();
function counting(inner: SqlClient): SqlClient {
  return {
    async query(text, params, name) {
      const started = performance.now();
      try {
        return await inner.query(text, params, name);
      } finally {
        // The index's maintenance statements are unnamed: counted together as 'closure'.
        const key = name ?? (text.includes('tuple_closure') ? 'closure' : text.startsWith('SET LOCAL jit') ? 'jit' : 'other');
        const entry = stats.get(key) ?? { count: 0, ms: 0 };
        entry.count++;
        entry.ms += performance.now() - started;
        stats.set(key, entry);
      }
    },
    exec: (script) => inner.exec(script),
    transaction: (fn, options) => inner.transaction((tx) => fn(counting(tx)), options),
  };
}

const pool = (extra: string[]) =>
  new pg.Pool({ connectionString: databaseUrl, max: 8, idleTimeoutMillis: 0, application_name: appName, options: [`-c search_path=${schema}`, ...extra].join(' ') });
const pools = [pool([])] as const;
const maxWork = args['max-work'] === undefined ? {} : { closureMaxWorkPerWrite: Number(args['max-work']) };
const ds = new SqlDatastore({ kind: 'postgres', client: counting(new PgClient(pools[0], { namedPlanMode: 'force_generic_plan' })), schema, close: async () => undefined, ...maxWork });
const walking = new SqlDatastore({ kind: 'postgres', client: new PgClient(pools[0], { namedPlanMode: 'force_generic_plan' }), schema, close: async () => undefined, statistics: false, closureIndex: false });
const admin = new pg.Client({ connectionString: databaseUrl });
await admin.connect();

const postgresCpu = () => postgresCpuSeconds(admin, appName);

const maintenance = () => ['closure', 'jit'].reduce((n, name) => ({ count: n.count + (stats.get(name)?.count ?? 0), ms: n.ms + (stats.get(name)?.ms ?? 0) }), { count: 0, ms: 0 });
const allStatements = () => [...stats.values()].reduce((n, s) => ({ count: n.count + s.count, ms: n.ms + s.ms }), { count: 0, ms: 0 });
const results: Record<string, unknown> = { date: new Date().toISOString(), size, tuples: dataset.tuples.length };

try {
  // A labeled block, so that --seed-only leaves it and the schema is still dropped.
  bench: {
  await ds.migrate();
  const store = (await ds.createStore({ id: ulid(), name: 'closure-bench' })).id;

  // --- seeding
  const batches: TupleKey[][] = [];
  for (let i = 0; i < dataset.tuples.length; i += 100) batches.push(dataset.tuples.slice(i, i + 100));
  let next = 0;
  const seedStarted = performance.now();
  await Promise.all(Array.from({ length: 8 }, async () => {
    while (next < batches.length) await ds.writeTuples(store, { writes: batches[next++]!, deletes: [] });
  }));
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  const seedMaintenance = maintenance();
  const seedAll = allStatements();
  await admin.query(`ANALYZE ${schema}.tuple; ANALYZE ${schema}.tuple_closure`);
  const [{ rows: closureRows }] = [await admin.query<{ n: string }>(`SELECT count(*) AS n FROM ${schema}.tuple_closure WHERE store = $1`, [store])];
  results.seed = {
    tuplesPerSecond: Math.round(dataset.tuples.length / seedSeconds),
    writes: batches.length,
    closureRows: Number(closureRows[0]!.n),
    maintenanceStatements: seedMaintenance.count,
    maintenanceShareOfStatementTime: +(seedMaintenance.ms / seedAll.ms).toFixed(3),
    load: load(),
  };
  log(`seed: ${JSON.stringify(results.seed)}`);
  if (args['seed-only']) {
    const { rows } = await admin.query<{ n: string }>(`SELECT count(*) AS n FROM ${schema}.tuple_closure_excluded WHERE store = $1 AND stale`, [store]);
    log(`max work ${args['max-work'] ?? 'default'}: ${rows[0]?.n} stale kinds; all statements ${seedAll.count} (${(seedAll.ms / batches.length).toFixed(2)} ms of statement time per write)`);
    break bench;
  }

  // --- churn of recursive edges: delete one, write it back
  const edges = dataset.tuples.filter((t) => (t.object.startsWith('team:') && t.user.startsWith('team:')) || t.relation === 'parent');
  const churn = Array.from({ length: Math.min(Number(args.churn), edges.length) }, (_, i) => edges[(i * 7919) % edges.length]!);
  const before = maintenance();
  const churnStarted = performance.now();
  for (const edge of churn) {
    await ds.writeTuples(store, { writes: [], deletes: [edge] });
    await ds.writeTuples(store, { writes: [edge], deletes: [] });
  }
  const churnMs = performance.now() - churnStarted;
  const after = maintenance();
  results.churn = { writes: churn.length * 2, msPerWrite: +(churnMs / (churn.length * 2)).toFixed(2), maintenanceMsPerWrite: +((after.ms - before.ms) / (churn.length * 2)).toFixed(2), load: load() };
  log(`churn: ${JSON.stringify(results.churn)}`);

  // --- checks, both ways, interleaved
  const kinds: [string, GithubCheck[]][] = [['path ≤ 2', dataset.short], ['path ≥ 5', dataset.long], ['mix', dataset.mixed]];
  const checkRows: Record<string, unknown>[] = [];
  let disagreements = 0;
  for (const [kind, cases] of kinds) {
    for (const [way, reader] of [['walk', () => walking.tupleReader(store)], ['index', () => ds.tupleReader(store)], ['walk', () => walking.tupleReader(store)], ['index', () => ds.tupleReader(store)]] as [string, () => TupleReader][]) {
      let statements = 0;
      const pgBefore = await postgresCpu();
      const cpuBefore = process.cpuUsage();
      const started = performance.now();
      for (const c of cases) {
        const result = await engine.check(reader(), { object: c.object, relation: c.relation, user: c.user });
        statements += result.readCount ?? 0;
        if (result.allowed !== c.expected) disagreements++;
      }
      const ms = performance.now() - started;
      const cpu = process.cpuUsage(cpuBefore);
      const pgCpu = cpuSpent(pgBefore, await postgresCpu());
      const row = {
        kind,
        way,
        checks: cases.length,
        statementsPerCheck: +(statements / cases.length).toFixed(2),
        msPerCheck: +(ms / cases.length).toFixed(3),
        nodeCpuMicrosPerCheck: Math.round((cpu.user + cpu.system) / cases.length),
        postgresCpuMicrosPerCheck: Math.round((1e6 * pgCpu) / cases.length),
        load: loadavg()[0]!.toFixed(1),
      };
      checkRows.push(row);
      log(JSON.stringify(row));
    }
  }
  results.checks = checkRows;
  results.disagreements = disagreements;
  log(`disagreements with the reference walk: ${disagreements}`);

  const rebuildStarted = performance.now();
  const [rebuilt] = await ds.rebuildClosureIndex(store);
  results.rebuild = { rows: rebuilt?.rows, ms: Math.round(performance.now() - rebuildStarted), load: load() };
  log(`rebuild: ${JSON.stringify(results.rebuild)}`);
  if (disagreements > 0) process.exitCode = 1;
  }
} finally {
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin.end();
  await Promise.all(pools.map((p) => p.end()));
}
if (!args['seed-only']) {
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  const file = new URL(`./results/${String(results.date).slice(0, 10)}-closure-index-${size}.json`, import.meta.url);
  writeFileSync(file, JSON.stringify(results, null, 2));
  log(`results written to ${file.pathname}`);
}
