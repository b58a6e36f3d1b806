// `npx tsx bench/uncached.ts --size 100k`: uncached Check on the GitHub-like dataset of issue 18
// (github-dataset.ts) on PostgreSQL, beside the floors measured in the same run: Check rows by
// granting-path length at concurrency 1 and 64, BatchCheck(100), and the CPU each check costs
// the server and PostgreSQL (from /proc). Every answer is cross-checked with the reference walk.
// `--keep` leaves the schema for EXPLAIN; `--profile DIR` profiles the server (lib/cpu-profile.mjs).
// `--sub-results`: the decision cache on with its L1 off (no decision is reused) and sub-problem
// results on; every request of a row is a case not asked before (so no answer is reused whole),
// the cross-check runs after the rows, and each row reports the sub-result hit rate.
// `--closure-index on|off` (default off, the server's default): RELATA_CLOSURE_INDEX of the server,
// so that its writers maintain the index while seeding and Check reads it.
// `--read-coalescing on|off|N` (default: the server's default): RELATA_READ_COALESCING of the server.
// `--count-statements`: each Check row also reports statements per check, from the transactions
// of pg_stat_database (each autocommit statement is one), so give the run a database of its own.
// `--workers N|auto` (default 1): RELATA_WORKERS of the server; its CPU figures then sum the
// primary and every worker process. `--connections N` (default 1): the Check rows spread their
// requests over N connections of their own (the server's workers take connections in turn, so
// one connection reaches one worker); floors and BatchCheck keep one.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { transformDslToModel } from '../src/dsl/index.js';
import type { TupleKey } from '../src/model/index.js';
import { noopRpcFloor, pointReadFloor } from './floors.js';
import { databaseFootprint, describeFootprint, peakRssMiB, type DatabaseFootprint } from './lib/footprint.js';
import { generateGithubDataset, githubSizes, type GithubCheck, type GithubSize } from './github-dataset.js';
import { runClosedLoop, type ClosedLoopOptions } from './lib/closed-loop.js';
import { BenchRecorder, log } from './lib/recorder.js';
import { RelataClient } from './lib/relata-client.js';
import { cpuSpent, postgresCpuSeconds, withApplicationName } from './lib/postgres-cpu.js';
import { startServer } from './lib/server-process.js';
import type { LatencySummary } from './lib/stats.js';
import { renderTable } from './report.js';

const { values: args } = parseArgs({
  options: {
    size: { type: 'string', default: '100k' },
    requests: { type: 'string', default: '3000' },
    seconds: { type: 'string', default: '10' },
    'cases-per-kind': { type: 'string', default: '200' },
    rows: { type: 'string', default: 'all' },
    profile: { type: 'string' },
    keep: { type: 'boolean', default: false },
    'sub-results': { type: 'boolean', default: false },
    'closure-index': { type: 'string', default: 'off' },
    'read-coalescing': { type: 'string' },
    'count-statements': { type: 'boolean', default: false },
    workers: { type: 'string', default: '1' },
    connections: { type: 'string', default: '1' },
    label: { type: 'string', default: '' },
    'database-url': { type: 'string', default: process.env.RELATA_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test' },
  },
});
const size = args.size as GithubSize;
if (!githubSizes[size]) throw new Error(`--size must be one of ${Object.keys(githubSizes).join(', ')}`);
const requests = Number(args.requests);
const maxSeconds = Number(args.seconds);
const loop = (concurrency: number, count = requests): ClosedLoopOptions => ({ concurrency, requests: concurrency === 1 ? Math.min(count, 1000) : count, maxSeconds });

const model = transformDslToModel(readFileSync(new URL('../schema-examples/github/model.fga', import.meta.url), 'utf8'));
log(`generating the github ${size} dataset`);
const dataset = generateGithubDataset(githubSizes[size], 18, Number(args['cases-per-kind']));
log(`${dataset.tuples.length} tuples; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);

const run = Date.now().toString(36);
const schema = `relata_bench_gh_${run}`;
const appName = `relata_bench_${run}`;
const databaseUrl = args['database-url'];
const rec = new BenchRecorder();
const admin = new pg.Client({ connectionString: databaseUrl });
await admin.connect();

const postgresCpu = () => postgresCpuSeconds(admin, appName);

const env: Record<string, string> = {
  // In the URL, application_name overrides the pool's own, so the server's backends can be found.
  RELATA_DATASTORE_URL: withApplicationName(databaseUrl, appName),
  RELATA_DATASTORE_SCHEMA: schema,
  RELATA_MAX_CHECKS_PER_BATCH_CHECK: '100',
  RELATA_REQUEST_TIMEOUT_MS: '60000',
  RELATA_CACHE_ENABLED: 'false',
  RELATA_CLOSURE_INDEX: args['closure-index'] === 'on' ? 'on' : 'off',
};
if (args['read-coalescing'] !== undefined) env.RELATA_READ_COALESCING = args['read-coalescing'];
if (args.workers !== '1') env.RELATA_WORKERS = args.workers;
const subResults = args['sub-results'];
if (subResults) {
  env.RELATA_CACHE_ENABLED = 'true';
  env.RELATA_CACHE_L1_MAX_ENTRIES = '0';
}
if (args.profile) {
  env.NODE_OPTIONS = `--import ${new URL('./lib/cpu-profile.mjs', import.meta.url).pathname}`;
  env.RELATA_BENCH_PROFILE_DIR = args.profile;
}
const server = await startServer(env);
const client = new RelataClient(server.address);
const connections = Number(args.connections);
if (!Number.isInteger(connections) || connections < 1 || connections > 256) throw new Error('--connections must be an integer from 1 to 256');
const checkClients = connections === 1 ? [client] : Array.from({ length: connections }, () => new RelataClient(server.address, { ownConnection: true }));
const cpuPerCheck: Record<string, { serverMicros: number; postgresMicros: number; statements?: number }> = {};

/**
 * The database's committed transactions so far, after waiting for the backends' pending counts:
 * PostgreSQL 15 flushes them at most once a second, and a backend that could not take the lock
 * then retries after 10 s (with 2 s, counts spilled into the next row).
 */
async function transactions(): Promise<number> {
  await new Promise((r) => setTimeout(r, 11_000));
  const { rows } = await admin.query<{ n: string }>('SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = current_database()');
  return Number(rows[0]!.n);
}

/** A row with the CPU of the server and of its PostgreSQL backends, per check. */
async function measure(name: string, concurrency: number, checksPerRequest: number, floor: string | undefined, runIt: () => Promise<LatencySummary>): Promise<void> {
  const statementsBefore = args['count-statements'] ? await transactions() : 0;
  const pgBefore = await postgresCpu();
  const serverBefore = server.usage().cpuSeconds;
  let serverSeconds = 0;
  let checks = 0;
  await rec.measure(server, name, concurrency, floor, async () => {
    const summary = await runIt();
    serverSeconds = server.usage().cpuSeconds - serverBefore;
    checks = (summary.count + summary.errors + (summary.warmup ?? 0)) * checksPerRequest;
    return summary;
  }, async () => {
    const pgSeconds = cpuSpent(pgBefore, await postgresCpu());
    const load = loadavg()[0]!;
    const statements = args['count-statements'] ? ((await transactions()) - statementsBefore) / checks : undefined;
    const usage = { serverMicros: (1e6 * serverSeconds) / checks, postgresMicros: (1e6 * pgSeconds) / checks, ...(statements === undefined ? {} : { statements }) };
    cpuPerCheck[`${name}@${concurrency}`] = usage;
    const reuse = subResults ? `; ${await subResultHits()}` : '';
    const counted = statements === undefined ? '' : `; ${statements.toFixed(2)} statements/check`;
    return `cpu/check server ${usage.serverMicros.toFixed(0)} µs + postgres ${usage.postgresMicros.toFixed(0)} µs = ${(usage.serverMicros + usage.postgresMicros).toFixed(0)} µs; load ${load.toFixed(2)}${counted}${reuse}`;
  });
}

/** Sub-result hits / lookups since the previous call, from the server's /metrics. */
let lastLookups = { hit: 0, miss: 0 };
async function subResultHits(): Promise<string> {
  const text = await (await fetch(`http://${server.metricsAddress}/metrics`)).text();
  const count = (result: string) => Number(new RegExp(`^relata_subresult_cache_lookups_total\\{result="${result}"\\} (\\d+)`, 'm').exec(text)?.[1] ?? 0);
  const now = { hit: count('hit'), miss: count('miss') };
  const hits = now.hit - lastLookups.hit;
  const lookups = hits + now.miss - lastLookups.miss;
  lastLookups = now;
  return `sub-result hits ${hits}/${lookups} (${lookups ? ((100 * hits) / lookups).toFixed(1) : '-'}%)`;
}

/**
 * Requests of a kind: the cases in turn, or with --sub-results only requests never asked before
 * in the run (kinds share cases), so that every hit is a sub-problem, never a whole answer.
 */
const cursors = new Map<GithubCheck[], number>();
const asked = new Set<string>();
function caseOf(cases: GithubCheck[], i: number): GithubCheck {
  if (!subResults) return cases[i % cases.length]!;
  let next = cursors.get(cases) ?? 0;
  while (next < cases.length && asked.has(`${cases[next]!.object}#${cases[next]!.relation}@${cases[next]!.user}`)) next++;
  cursors.set(cases, next + 1);
  if (next >= cases.length) {
    if (next === cases.length) log(`--sub-results: every case of a kind was asked (${cases.length}); answers repeat from here, so later hit rates count whole answers too`);
    return cases[next % cases.length]!;
  }
  const c = cases[next]!;
  asked.add(`${c.object}#${c.relation}@${c.user}`);
  return c;
}

const wants = (row: string) => args.rows === 'all' || args.rows.split(',').includes(row);
let disagreements = 0;
let footprint: DatabaseFootprint | undefined;
let peakRss: number | undefined;
try {
  await client.setUp(`bench-github-${size}`, model);
  for (const other of checkClients) Object.assign(other, { storeId: client.storeId, modelId: client.modelId });
  log('seeding through Write (batches of 100, 8 concurrent writers)');
  const batches: TupleKey[][] = [];
  for (let i = 0; i < dataset.tuples.length; i += 100) batches.push(dataset.tuples.slice(i, i + 100));
  const seeding = await rec.measure(server, 'Write (100 tuples)', 8, undefined, () => runClosedLoop({ concurrency: 8, requests: batches.length, maxSeconds: 3600, warmup: 0 }, (i) => client.write(batches[i]!)), 'seeding; tuples/s = ops/s x 100');
  await admin.query(`ANALYZE ${schema}.tuple`);
  footprint = await databaseFootprint(admin, schema);
  log(`loaded ${dataset.tuples.length} tuples through Write in ${seeding.seconds.toFixed(1)} s; ${describeFootprint(footprint)}`);

  const all = [...dataset.short, ...dataset.long, ...dataset.mixed];
  const batchesOf100: GithubCheck[][] = Array.from({ length: 20 }, (_, b) => Array.from({ length: 100 }, (_, i) => dataset.mixed[(b * 100 + i * 7) % dataset.mixed.length]!));
  const crossCheck = async () => {
    log('cross-checking every case with the reference walk');
    for (const c of all) {
      const allowed = await client.check(c);
      if (allowed !== c.expected) {
        disagreements++;
        rec.disagree(`Relata says ${allowed}, the reference walk ${c.expected}: ${c.object}#${c.relation}@${c.user}`);
      }
    }
    for (const batch of batchesOf100.slice(0, 3)) {
      const answers = await client.batchCheck(batch);
      answers.forEach((a, i) => {
        if (a !== batch[i]!.expected) {
          disagreements++;
          rec.disagree(`BatchCheck says ${a}, the reference walk ${batch[i]!.expected}: ${batch[i]!.object}#${batch[i]!.relation}@${batch[i]!.user}`);
        }
      });
    }
    log(`cross-check: ${all.length} checks + 300 in batches, ${disagreements} disagreements`);
  };
  // With sub-results on, asking every case first would leave every answer cached for the rows.
  if (!subResults) await crossCheck();

  log('floors');
  const pointKeys = dataset.short
    .filter((c) => c.expected && c.pathTuples === 1)
    .map((c) => ({ storeId: client.storeId, objectType: 'document', objectId: c.object.slice('document:'.length), relation: c.relation, userType: 'user', userId: c.user.slice('user:'.length) }));
  const kinds: [string, GithubCheck[]][] = [
    ['path ≤ 2 tuples', dataset.short],
    ['path ≥ 5 tuples', dataset.long],
    ['mix 1-13 tuples', dataset.mixed],
  ];
  for (const concurrency of [1, 64]) {
    await rec.floor('rpc', concurrency, () => noopRpcFloor(client, loop(concurrency)), { server });
    await rec.floor('read', concurrency, () => pointReadFloor(databaseUrl, schema, pointKeys, loop(concurrency)));
    rec.sumFloor('rpc+read', 'rpc', 'read', concurrency);
    for (const [kind, cases] of kinds) {
      if (!wants('check')) break;
      await measure(`Check ${kind}, ${subResults ? 'sub-results on' : 'uncached'}`, concurrency, 1, 'rpc+read', () => runClosedLoop(loop(concurrency), (i) => checkClients[i % connections]!.check(caseOf(cases, i))));
    }
  }
  if (wants('batch')) {
    for (const concurrency of [1, 8]) {
      await measure(`BatchCheck(100) mix, ${subResults ? 'sub-results on' : 'uncached'}`, concurrency, 100, undefined, () => runClosedLoop(loop(concurrency, 200), (i) => client.batchCheck(batchesOf100[i % batchesOf100.length]!)));
    }
  }
  if (subResults) await crossCheck();
  peakRss = peakRssMiB(server.pid);
  log(`server peak RSS (VmHWM) ${peakRss.toFixed(0)} MiB${args.workers === '1' ? '' : ' (the primary only; workers: see serverUsage)'}`);
} finally {
  for (const each of new Set([client, ...checkClients])) each.close();
  await server.stop();
  if (args.keep) log(`kept schema ${schema}`);
  else await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin.end();
}

const table = renderTable(rec.rows, rec.floors);
console.log(`\n${table}\n`);
for (const d of rec.disagreements) console.log(`DISAGREEMENT: ${d}`);
const date = new Date().toISOString();
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
const file = new URL(`./results/${date.slice(0, 10)}-github-${size}${args.label ? `-${args.label}` : ''}.json`, import.meta.url);
writeFileSync(file, JSON.stringify({ date, size, workers: args.workers, connections, tuples: dataset.tuples.length, loadavg: loadavg(), footprint, peakRssMiB: peakRss, floors: rec.floors, rows: rec.rows, serverUsage: rec.serverUsage, cpuPerCheck, disagreements: rec.disagreements, table }, null, 2));
log(`results written to ${file.pathname}`);
if (disagreements > 0) process.exitCode = 1;
