// `npm run bench`: seeds the multi-tenant dataset into Relata (PostgreSQL), measures the floors,
// Relata (cache off and on) and the peers (embedded SpiceDB, casbin) on the same request mix in
// one run, cross-checks every answer, prints the table and writes bench/results/<date>.json.
import { execSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { transformDslToModel } from '../src/dsl/index.js';
import type { TupleKey } from '../src/model/index.js';
import { CONDITION_NOW, generateDataset, presets, type CheckCase, type PresetName } from './dataset.js';
import { mapLookupFloor, noopRpcFloor, pointReadFloor } from './floors.js';
import { runClosedLoop, type ClosedLoopOptions } from './lib/closed-loop.js';
import { RelataClient } from './lib/relata-client.js';
import { freePort, startServer, type ServerProcess } from './lib/server-process.js';
import type { LatencySummary } from './lib/stats.js';
import { CasbinPeer } from './peers/casbin.js';
import { SpiceDbPeer } from './peers/spicedb.js';
import { renderTable, type ResultRow } from './report.js';

const { values: args } = parseArgs({
  options: {
    preset: { type: 'string', default: 'small' },
    requests: { type: 'string', default: '3000' },
    seconds: { type: 'string', default: '10' },
    'cases-per-kind': { type: 'string', default: '200' },
    'skip-peers': { type: 'boolean', default: false },
    'database-url': { type: 'string', default: process.env.RELATA_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test' },
    'redis-url': { type: 'string', default: process.env.RELATA_BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379' },
  },
});
const preset = args.preset as PresetName;
if (!presets[preset]) throw new Error(`--preset must be one of ${Object.keys(presets).join(', ')}`);
const requests = Number(args.requests);
const maxSeconds = Number(args.seconds);
const loop = (concurrency: number, count = requests): ClosedLoopOptions => ({ concurrency, requests: concurrency === 1 ? Math.min(count, 1000) : count, maxSeconds });
const log = (message: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);

const model = transformDslToModel(readFileSync(new URL('../schema-examples/multi-tenant/model.fga', import.meta.url), 'utf8'));
log(`generating the ${preset} dataset`);
const dataset = generateDataset(presets[preset], 42, Number(args['cases-per-kind']));
log(`${dataset.tuples.length} tuples`);

const schema = `relata_bench_${Date.now().toString(36)}`;
const databaseUrl = args['database-url'];
const rows: ResultRow[] = [];
const floors: Record<string, LatencySummary> = {};
const disagreements: string[] = [];
const serverUsage: Record<string, { cpuPercent: number; rssMiB: number }> = {};
const cacheStats: Record<string, { l1: number; l2: number; inFlight: number; miss: number; ratio: number }> = {};

async function measure(server: ServerProcess, name: string, concurrency: number, floor: string | undefined, run: () => Promise<LatencySummary>, note?: string) {
  const before = server.usage();
  const summary = await run();
  const after = server.usage();
  const usage = { cpuPercent: (100 * (after.cpuSeconds - before.cpuSeconds)) / summary.seconds, rssMiB: after.rssMiB };
  serverUsage[`${name}@${concurrency}`] = usage;
  const usageNote = `server cpu ${usage.cpuPercent.toFixed(0)}%, rss ${usage.rssMiB.toFixed(0)} MiB`;
  rows.push({ name, concurrency, summary, floor, note: note ? `${note}; ${usageNote}` : usageNote });
  log(`${name} c=${concurrency}: p50 ${summary.p50.toFixed(3)} ms, p99 ${summary.p99.toFixed(3)} ms, ${summary.throughput.toFixed(0)}/s, errors ${summary.errors}, ${usageNote}`);
}

const checkKinds = Object.entries(dataset.checks) as [keyof typeof dataset.checks, CheckCase[]][];

async function checkWorkloads(client: RelataClient, server: ServerProcess, label: string) {
  // A cached answer needs no read: its floor is the bare RPC.
  const floor = label === 'cache on' ? 'rpc' : 'rpc+read';
  for (const [kind, cases] of checkKinds) {
    for (const concurrency of [1, 64]) {
      await measure(server, `Check ${kind} (${label})`, concurrency, floor, () => runClosedLoop(loop(concurrency), (i) => client.check(cases[i % cases.length]!)));
    }
  }
  const mixed = checkKinds.flatMap(([, cases]) => cases);
  const batches = Array.from({ length: 20 }, (_, b) => Array.from({ length: 100 }, (_, i) => mixed[(b * 100 + i * 7) % mixed.length]!));
  for (const concurrency of [1, 8]) {
    await measure(server, `BatchCheck(100) (${label})`, concurrency, undefined, () => runClosedLoop(loop(concurrency, 200), (i) => client.batchCheck(batches[i % batches.length]!)));
  }
}

async function crossCheck(client: RelataClient, spicedb: SpiceDbPeer | undefined, casbin: CasbinPeer | undefined) {
  const all = checkKinds.flatMap(([, cases]) => cases);
  let index = 0;
  const worker = async () => {
    while (index < all.length) {
      const c = all[index++]!;
      const relata = await client.check(c);
      if (relata !== c.expected) disagreements.push(`Relata says ${relata}, expected ${c.expected}: ${c.object}#${c.relation}@${c.user}`);
      if (spicedb) {
        const peer = await spicedb.check(c);
        if (peer !== relata) disagreements.push(`SpiceDB says ${peer}, Relata ${relata}: ${c.object}#${c.relation}@${c.user}`);
      }
      if (casbin && c.kind === 'deep') {
        const peer = await casbin.check(c);
        if (peer !== relata) disagreements.push(`casbin says ${peer}, Relata ${relata}: ${c.object}#${c.relation}@${c.user}`);
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  log(`cross-check: ${all.length} checks, ${disagreements.length} disagreements`);
}

const admin = new pg.Client({ connectionString: databaseUrl });
await admin.connect();
const env = { RELATA_DATASTORE_URL: databaseUrl, RELATA_DATASTORE_SCHEMA: schema, RELATA_MAX_CHECKS_PER_BATCH_CHECK: '100' };
let server = await startServer({ ...env, RELATA_CACHE_ENABLED: 'false' });
const client = new RelataClient(server.address);
let spicedb: SpiceDbPeer | undefined;
try {
  await client.setUp(`bench-${preset}`, model);
  log(`seeding through Write (batches of 100, 8 concurrent writers)`);
  const batches: TupleKey[][] = [];
  for (let i = 0; i < dataset.tuples.length; i += 100) batches.push(dataset.tuples.slice(i, i + 100));
  await measure(server, 'Write (100 tuples)', 8, undefined, () => runClosedLoop({ concurrency: 8, requests: batches.length, maxSeconds: 3600, warmup: 0 }, (i) => client.write(batches[i]!)), 'seeding; tuples/s = ops/s x 100');
  await admin.query(`ANALYZE ${schema}.tuple`);

  log('floors');
  const pointKeys = dataset.checks.directAllowed.map((c) => ({
    storeId: client.storeId,
    objectType: 'resource',
    objectId: c.object.slice('resource:'.length),
    relation: 'owner',
    userType: 'user',
    userId: c.user.slice('user:'.length),
  }));
  for (const concurrency of [1, 64]) {
    floors[`rpc@${concurrency}`] = await noopRpcFloor(client, loop(concurrency));
    floors[`read@${concurrency}`] = await pointReadFloor(databaseUrl, schema, pointKeys, loop(concurrency));
    floors[`map@${concurrency}`] = await mapLookupFloor(dataset.checks.directAllowed.map((c) => `${c.object}#${c.relation}@${c.user}`), { ...loop(concurrency), requests: 100_000 });
    const rpc = floors[`rpc@${concurrency}`]!;
    const read = floors[`read@${concurrency}`]!;
    floors[`rpc+read@${concurrency}`] = { ...rpc, p50: rpc.p50 + read.p50, p95: rpc.p95 + read.p95, p99: rpc.p99 + read.p99, throughput: Math.min(rpc.throughput, read.throughput) };
    for (const name of ['rpc', 'read', 'map']) rows.push({ name: `floor: ${name}`, concurrency, summary: floors[`${name}@${concurrency}`]! });
  }

  log('Relata, decision cache off');
  await checkWorkloads(client, server, 'cache off');
  for (const list of dataset.listObjects) {
    let count = 0;
    await measure(server, `ListObjects ${list.label}`, 1, undefined, () =>
      runClosedLoop({ concurrency: 1, requests: 20, maxSeconds, warmup: 1 }, async () => {
        count = await client.streamedListObjects(list.type, list.relation, list.user, { current_time: CONDITION_NOW });
      }),
    );
    if (count !== list.expectedCount) disagreements.push(`ListObjects ${list.label}: Relata returned ${count}, expected ${list.expectedCount}`);
  }

  const someResource = dataset.checks.deepAllowed[0]!.object;
  for (const [label, object, relation] of [
    ['ListUsers resource#viewer (inherited from folder, project, tenant, groups)', someResource, 'viewer'],
    ['ListUsers group#member (nested)', 'group:t0g0', 'member'],
  ] as const) {
    let count = 0;
    await measure(server, label, 1, undefined, async () => {
      const summary = await runClosedLoop({ concurrency: 1, requests: 20, maxSeconds, warmup: 1 }, async () => {
        count = await client.listUsers(object, relation, 'user', { current_time: CONDITION_NOW });
      });
      return summary;
    });
    log(`${label}: ${count} users`);
  }

  let casbin: CasbinPeer | undefined;
  if (!args['skip-peers']) {
    log('peers: loading SpiceDB (embedded, memory datastore) and casbin');
    spicedb = await SpiceDbPeer.start(model);
    await spicedb.load(dataset.tuples);
    casbin = await CasbinPeer.start(dataset.tuples);
    for (const [kind, cases] of checkKinds) {
      for (const concurrency of [1, 64]) {
        const summary = await runClosedLoop({ ...loop(concurrency), maxSeconds: Math.min(maxSeconds, 8), warmup: 5 }, (i) => spicedb!.check(cases[i % cases.length]!));
        rows.push({ name: `SpiceDB Check ${kind}`, concurrency, summary, floor: 'rpc+read' });
        log(`SpiceDB ${kind} c=${concurrency}: p50 ${summary.p50.toFixed(3)} ms, ${summary.throughput.toFixed(0)}/s`);
      }
    }
    const deep = dataset.checks.deepAllowed;
    rows.push({ name: 'casbin enforce (deep allowed)', concurrency: 1, summary: await runClosedLoop(loop(1), (i) => casbin!.check(deep[i % deep.length]!)) });
    for (const list of dataset.listObjects) {
      const found = await spicedb.lookupResources(list.type, list.relation, list.user, { current_time: CONDITION_NOW });
      if (found !== list.expectedCount) disagreements.push(`SpiceDB LookupResources ${list.label}: ${found}, expected ${list.expectedCount}`);
    }
  }
  log('cross-checking every request of the mix');
  await crossCheck(client, spicedb, casbin);

  log('Relata, decision cache on (L1 + Redis L2)');
  await server.stop();
  const metricsPort = await freePort();
  server = await startServer({ ...env, RELATA_REDIS_URL: args['redis-url'], RELATA_METRICS_ADDR: `127.0.0.1:${metricsPort}` });
  const cacheLookups = async () => {
    const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    const counts: Record<string, number> = {};
    for (const match of text.matchAll(/^relata_decision_cache_lookups_total\{result="([^"]+)"\} (\d+)/gm)) counts[match[1]!] = Number(match[2]);
    return counts;
  };
  const hitRatio = (before: Record<string, number>, after: Record<string, number>) => {
    const delta = (k: string) => (after[k] ?? 0) - (before[k] ?? 0);
    const hits = delta('l1') + delta('l2') + delta('in-flight');
    const total = hits + delta('miss');
    return { l1: delta('l1'), l2: delta('l2'), inFlight: delta('in-flight'), miss: delta('miss'), ratio: total ? hits / total : NaN };
  };
  const lookupsAtStart = await cacheLookups();
  const cached = new RelataClient(server.address);
  cached.storeId = client.storeId;
  cached.modelId = client.modelId;
  await checkWorkloads(cached, server, 'cache on');
  cacheStats['read-only check workloads'] = hitRatio(lookupsAtStart, await cacheLookups());
  const lookupsBeforeWrites = await cacheLookups();
  const mixed = checkKinds.flatMap(([, cases]) => cases);
  let writes = 0;
  await measure(server, 'Check mix + 1% writes (cache on)', 64, 'rpc', () =>
    runClosedLoop(loop(64), (i) => {
      if (i % 100 !== 99) return cached.check(mixed[i % mixed.length]!);
      const tuple = { object: `resource:bench_w${writes++}`, relation: 'owner', user: 'user:bench_writer' };
      return cached.write([tuple]);
    }),
  );
  cacheStats['check mix + 1% writes'] = hitRatio(lookupsBeforeWrites, await cacheLookups());
  for (const [label, stats] of Object.entries(cacheStats)) {
    log(`decision cache, ${label}: hit ratio ${(100 * stats.ratio).toFixed(1)}% (l1 ${stats.l1}, l2 ${stats.l2}, in-flight ${stats.inFlight}, miss ${stats.miss})`);
  }
  cached.close();
} finally {
  spicedb?.close();
  client.close();
  await server.stop();
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin.end();
}

const table = renderTable(rows, floors);
console.log(`\n${table}\n`);
for (const d of disagreements) console.log(`DISAGREEMENT: ${d}`);
const revision = (() => {
  try {
    return execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
})();
const date = new Date().toISOString();
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
const file = new URL(`./results/${date.slice(0, 10)}-${preset}.json`, import.meta.url);
const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version };
writeFileSync(file, JSON.stringify({ date, revision, preset, tuples: dataset.tuples.length, machine, floors, rows, serverUsage, cacheStats, disagreements, table }, null, 2));
log(`results written to ${file.pathname}`);
if (disagreements.length > 0) {
  console.error(`${disagreements.length} disagreements: the run fails`);
  process.exitCode = 1;
}
