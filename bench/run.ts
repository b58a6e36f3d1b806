// `npm run bench`: seeds the multi-tenant dataset into Relata (PostgreSQL), measures the floors,
// Relata (cache off, then the decision cache's L1 hits, L2 hits and misses, hit ratios, and the
// staleness across replicas) and the peers (embedded SpiceDB, casbin) on the same request mix in
// one run, cross-checks every answer, prints the tables and writes bench/results/<date>.json.
// `--seed import` (the default for `large`) loads through the bulk import path (COPY), streaming
// the generator, and reports load time, the database's size and the servers' peak RSS.
import { execSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { transformDslToModel } from '../src/dsl/index.js';
import type { TupleKey } from '../src/model/index.js';
import { CONDITION_NOW, generateDataset, generateDatasetStream, presets, type CheckCase, type Dataset, type PresetName } from './dataset.js';
import { authRows } from './auth-rows.js';
import { cacheTierRows, checkExpecting, warmPath, withFreshContext, type AimResult, type CacheReplica } from './cache-rows.js';
import { mapLookupFloor, noopRpcFloor, pointReadFloor } from './floors.js';
import { postgresFreshLoadRows, renderFreshLoadAims, type FreshLoadAim } from './fresh-load.js';
import { describeLookups, lookupsBetween, readLookupCounters } from './lib/cache-metrics.js';
import { databaseFootprint, describeFootprint, peakRssMiB, type DatabaseFootprint } from './lib/footprint.js';
import { seedByImport } from './lib/import-seed.js';
import { cpuSpent, postgresCpuSeconds, withApplicationName } from './lib/postgres-cpu.js';
import type { LatencySummary } from './lib/stats.js';
import { runClosedLoop, type ClosedLoopOptions } from './lib/closed-loop.js';
import { BenchRecorder, log } from './lib/recorder.js';
import { deleteKeysUnder, runKeyPrefix } from './lib/redis-prefix.js';
import { RelataClient } from './lib/relata-client.js';
import { freePort, startServer, type ServerProcess } from './lib/server-process.js';
import { AuthzenClient } from './lib/authzen-client.js';
import { CasbinPeer } from './peers/casbin.js';
import { SpiceDbPeer } from './peers/spicedb.js';
import { renderAims, renderCacheStats, renderStaleness, renderTable } from './report.js';
import { measureStaleness, type StalenessResult } from './staleness.js';

const { values: args } = parseArgs({
  options: {
    preset: { type: 'string', default: 'small' },
    requests: { type: 'string', default: '3000' },
    seconds: { type: 'string', default: '10' },
    'cases-per-kind': { type: 'string', default: '200' },
    'skip-peers': { type: 'boolean', default: false },
    // `write`: 100-tuple Write calls (a measured row); `import`: the bulk import path, streamed.
    seed: { type: 'string' },
    'skip-fresh-load': { type: 'boolean', default: false },
    // Leaves out the ListObjects rows of the largest answer (1M objects in `large`).
    'skip-list-many': { type: 'boolean', default: false },
    'staleness-ms': { type: 'string', default: '1000' },
    'staleness-trials': { type: 'string', default: '20' },
    'database-url': { type: 'string', default: process.env.RELATA_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test' },
    'redis-url': { type: 'string', default: process.env.RELATA_BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379' },
  },
});
const preset = args.preset as PresetName;
if (!presets[preset]) throw new Error(`--preset must be one of ${Object.keys(presets).join(', ')}`);
const requests = Number(args.requests);
const maxSeconds = Number(args.seconds);
const loop = (concurrency: number, count = requests): ClosedLoopOptions => ({ concurrency, requests: concurrency === 1 ? Math.min(count, 1000) : count, maxSeconds });
const seedMode = args.seed ?? (preset === 'large' ? 'import' : 'write');
if (seedMode !== 'import' && seedMode !== 'write') throw new Error('--seed must be import or write');
// Streamed: the import pulls the tuples from the generator and nothing holds them all (10M tuple
// objects would take GBs); the peers and the fresh-load rows need them all in memory.
const streamed = seedMode === 'import' && args['skip-peers'] && args['skip-fresh-load'];
if (preset === 'large' && !streamed) {
  throw new Error('--preset large is loaded streamed: it needs --seed import (its default), --skip-peers and --skip-fresh-load');
}
const casesPerKind = Number(args['cases-per-kind']);
const streamTuples = () => generateDatasetStream(presets[preset], 42, casesPerKind);

/** The request mixes without the tuples: a first pass over the generator, dropping each tuple. */
function withoutTuples(): Dataset {
  const stream = streamTuples();
  for (let step = stream.next(); ; step = stream.next()) if (step.done) return { ...step.value, tuples: [] };
}

const model = transformDslToModel(readFileSync(new URL('../schema-examples/multi-tenant/model.fga', import.meta.url), 'utf8'));
log(`generating the ${preset} dataset${streamed ? ' (request mixes now, tuples streamed into the import)' : ''}`);
const dataset = streamed ? withoutTuples() : generateDataset(presets[preset], 42, casesPerKind);
let tupleCount = dataset.tuples.length;
if (!streamed) log(`${tupleCount} tuples`);

const run = Date.now().toString(36);
const schema = `relata_bench_${run}`;
const databaseUrl = args['database-url'];
const redisUrl = args['redis-url'];
const redisPrefix = runKeyPrefix(run);
const stalenessBoundMs = Number(args['staleness-ms']);
const rec = new BenchRecorder();
const { rows, floors, disagreements, serverUsage, cacheStats, loopDelay } = rec;
const aims: AimResult[] = [];
const staleness: StalenessResult[] = [];
const freshLoad: FreshLoadAim[] = [];
let load: { mode: string; tuples: number; seconds: number; benchCpuMicrosPerTuple?: number; vacuumAnalyzeSeconds: number; footprint: DatabaseFootprint } | undefined;
const peakRss: Record<string, number> = {};
const postgresCpuPerRequest: Record<string, number> = {};

const checkKinds = Object.entries(dataset.checks) as [keyof typeof dataset.checks, CheckCase[]][];
const mixed = checkKinds.flatMap(([, cases]) => cases);

/** A cache-off row with the CPU its server's PostgreSQL backends spent per request too. */
async function measureWithPostgres(server: ServerProcess, name: string, concurrency: number, run: () => Promise<LatencySummary>) {
  const before = await postgresCpuSeconds(admin, appName);
  let requests = 0;
  const counted = async () => {
    const summary = await run();
    requests = summary.count + summary.errors + (summary.warmup ?? 0);
    return summary;
  };
  await rec.measure(server, name, concurrency, 'rpc+read', counted, async () => {
    const micros = (1e6 * cpuSpent(before, await postgresCpuSeconds(admin, appName))) / requests;
    postgresCpuPerRequest[`${name}@${concurrency}`] = micros;
    return `postgres cpu ${micros.toFixed(0)} µs/req`;
  });
}

/** Each kind of Check alone; with the cache off, a floor of one RPC plus one indexed read. */
async function checkRows(client: RelataClient, server: ServerProcess, label: string) {
  await warmPath((i) => client.check(mixed[i % mixed.length]!));
  for (const [kind, cases] of checkKinds) {
    for (const concurrency of [1, 64]) {
      await measureWithPostgres(server, `Check ${kind} (${label})`, concurrency, () => runClosedLoop(loop(concurrency), (i) => client.check(cases[i % cases.length]!)));
    }
  }
  // The same requests as the cache-on miss rows (a new context field each time), for their comparison.
  let nonce = 0;
  for (const [kind, cases] of checkKinds) {
    for (const concurrency of [1, 64]) {
      await measureWithPostgres(server, `Check ${kind} (${label}, fresh context)`, concurrency, () =>
        runClosedLoop(loop(concurrency), (i) => client.check(withFreshContext(cases[i % cases.length]!, nonce++))),
      );
    }
  }
}

/** `authzen`: the same batches as AuthZEN `/evaluations` over HTTP, when the server serves HTTP. */
async function batchCheckRows(client: RelataClient, server: ServerProcess, label: string, authzen?: AuthzenClient) {
  const batches = Array.from({ length: 20 }, (_, b) => Array.from({ length: 100 }, (_, i) => mixed[(b * 100 + i * 7) % mixed.length]!));
  const httpServed = authzen !== undefined && (await authzen.evaluations(batches[0]!).then(() => true, () => false));
  for (const concurrency of [1, 8]) {
    await rec.measure(server, `BatchCheck(100) (${label})`, concurrency, undefined, () => runClosedLoop(loop(concurrency, 200), (i) => client.batchCheck(batches[i % batches.length]!)));
    if (httpServed) {
      await rec.measure(server, `AuthZEN /evaluations(100) HTTP (${label})`, concurrency, undefined, () => runClosedLoop(loop(concurrency, 200), (i) => authzen.evaluations(batches[i % batches.length]!)));
    }
  }
  if (authzen && !httpServed) log('AuthZEN row skipped: the server does not serve HTTP (RELATA_HTTP_ADDR)');
}

async function crossCheck(client: RelataClient, spicedb: SpiceDbPeer | undefined, casbin: CasbinPeer | undefined) {
  const all = checkKinds.flatMap(([, cases]) => cases);
  let index = 0;
  const worker = async () => {
    while (index < all.length) {
      const c = all[index++]!;
      const relata = await client.check(c);
      if (relata !== c.expected) rec.disagree(`Relata says ${relata}, expected ${c.expected}: ${c.object}#${c.relation}@${c.user}`);
      if (spicedb) {
        const peer = await spicedb.check(c);
        if (peer !== relata) rec.disagree(`SpiceDB says ${peer}, Relata ${relata}: ${c.object}#${c.relation}@${c.user}`);
      }
      if (casbin && c.kind === 'deep') {
        const peer = await casbin.check(c);
        if (peer !== relata) rec.disagree(`casbin says ${peer}, Relata ${relata}: ${c.object}#${c.relation}@${c.user}`);
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  log(`cross-check: ${all.length} checks, ${disagreements.length} disagreements`);
}

const admin = new pg.Client({ connectionString: databaseUrl });
await admin.connect();
// Unary ListObjects returns whole answers here (OpenFGA's cap is 1,000) so that the 100k case is
// measured in full; the list deadline is raised so that a loaded run measures instead of truncating
// (`large`'s streamed 1M-object list included).
const maxListObjectsResults = 1_000_000;
const appName = `relata_bench_${run}`;
const env = {
  // Its backends found by application_name, for the PostgreSQL CPU of the cache-off rows.
  RELATA_DATASTORE_URL: withApplicationName(databaseUrl, appName),
  RELATA_DATASTORE_SCHEMA: schema,
  RELATA_MAX_CHECKS_PER_BATCH_CHECK: '100',
  RELATA_LIST_OBJECTS_MAX_RESULTS: String(maxListObjectsResults),
  RELATA_LIST_DEADLINE_MS: '120000',
  RELATA_REQUEST_TIMEOUT_MS: '120000',
};
const httpAddr = `127.0.0.1:${await freePort()}`;
const server = await startServer({ ...env, RELATA_CACHE_ENABLED: 'false', RELATA_HTTP_ADDR: httpAddr });
const cacheServers: ServerProcess[] = [];
const cacheClients: RelataClient[] = [];
const client = new RelataClient(server.address);
let spicedb: SpiceDbPeer | undefined;
try {
  await client.setUp(`bench-${preset}`, model);
  const loadStarted = performance.now();
  let importCpu: number | undefined;
  if (seedMode === 'import') {
    log('seeding through the bulk import path (COPY into a staging table, batches of 10,000, 2 in flight)');
    const imported = await seedByImport(streamed ? streamTuples() : dataset.tuples[Symbol.iterator](), { databaseUrl, schema, storeId: client.storeId });
    tupleCount = imported.tuples;
    importCpu = imported.benchCpuMicrosPerTuple;
    log(`imported ${imported.tuples} tuples in ${imported.seconds.toFixed(1)} s (${Math.round(imported.tuples / imported.seconds)} tuples/s; bench process ${imported.benchCpuMicrosPerTuple.toFixed(1)} µs CPU per tuple)`);
  } else {
    log(`seeding through Write (batches of 100, 8 concurrent writers)`);
    const batches: TupleKey[][] = [];
    for (let i = 0; i < dataset.tuples.length; i += 100) batches.push(dataset.tuples.slice(i, i + 100));
    await rec.measure(server, 'Write (100 tuples)', 8, undefined, () => runClosedLoop({ concurrency: 8, requests: batches.length, maxSeconds: 3600, warmup: 0 }, (i) => client.write(batches[i]!)), 'seeding; tuples/s = ops/s x 100');
  }
  const loadSeconds = (performance.now() - loadStarted) / 1000;
  // As an operator would after a bulk load: the visibility map set (index-only scans) and the
  // statistics, instead of autovacuum doing it in the middle of the measured rows.
  const vacuumStarted = performance.now();
  await admin.query(`VACUUM (ANALYZE) ${schema}.tuple`);
  const vacuumAnalyzeSeconds = (performance.now() - vacuumStarted) / 1000;
  load = { mode: seedMode, tuples: tupleCount, seconds: loadSeconds, benchCpuMicrosPerTuple: importCpu, vacuumAnalyzeSeconds, footprint: await databaseFootprint(admin, schema) };
  log(`loaded ${tupleCount} tuples in ${loadSeconds.toFixed(1)} s, VACUUM (ANALYZE) ${vacuumAnalyzeSeconds.toFixed(1)} s; ${describeFootprint(load.footprint)}; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);

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
    await rec.floor('rpc', concurrency, () => noopRpcFloor(client, loop(concurrency)), { server });
    await rec.floor('read', concurrency, () => pointReadFloor(databaseUrl, schema, pointKeys, loop(concurrency)));
    const decisions = dataset.checks.directAllowed.map((c) => `${c.object}#${c.relation}@${c.user}`);
    await rec.floor('map', concurrency, () => mapLookupFloor(decisions, { ...loop(concurrency), requests: 100_000 }));
    rec.sumFloor('rpc+read', 'rpc', 'read', concurrency);
  }

  log('Relata, decision cache off');
  await checkRows(client, server, 'cache off');
  // The same mix on a second store loaded through Write and served at once: no manual ANALYZE,
  // autovacuum off on its tables; only Relata's statistics keeper gives its plans statistics.
  // Both are measured paired (request by request), so that the machine's noise cancels out.
  const analyzed = { label: 'cache off, analyzed', server, client };
  if (!args['skip-fresh-load']) freshLoad.push(...(await postgresFreshLoadRows(rec, { analyzed, env, admin, schema: `${schema}_fresh`, model, tuples: dataset.tuples, mix: mixed, loop })));
  await batchCheckRows(client, server, 'cache off', new AuthzenClient(`http://${httpAddr}`, client.storeId));
  const lists = args['skip-list-many'] ? dataset.listObjects.slice(0, 2) : dataset.listObjects;
  for (const list of lists) {
    // Over the highest RELATA_LIST_OBJECTS_MAX_RESULTS (1M: `large`'s many-list has 1,001,5xx),
    // a unary answer is cut by design; only the streamed form is whole.
    const unary = list.expectedCount <= maxListObjectsResults;
    if (!unary) log(`ListObjects ${list.label}: unary form skipped, ${list.expectedCount} results are over the ${maxListObjectsResults} cap`);
    for (const form of unary ? (['unary', 'streamed'] as const) : (['streamed'] as const)) {
      let count = 0;
      const name = form === 'unary' ? `ListObjects ${list.label}` : `StreamedListObjects ${list.label}`;
      await rec.measure(server, name, 1, undefined, () =>
        runClosedLoop({ concurrency: 1, requests: 20, maxSeconds, warmup: 1 }, async () => {
          const context = { current_time: CONDITION_NOW };
          count = form === 'unary' ? (await client.listObjects(list.type, list.relation, list.user, context)).length : await client.streamedListObjects(list.type, list.relation, list.user, context);
        }),
      );
      if (count !== list.expectedCount) rec.disagree(`${name}: Relata returned ${count}, expected ${list.expectedCount}`);
    }
  }

  // relata.v1 ListObjectsPage on the 1,000-result user: the first page computes and keeps the
  // snapshot's answer (a fresh context key each time, so nothing is reused), later pages slice it.
  const paged = dataset.listObjects[1]!;
  let nonce = 0;
  let firstToken = '';
  await rec.measure(server, `ListObjectsPage ${paged.label}: first page of 100`, 1, undefined, () =>
    runClosedLoop({ concurrency: 1, requests: 20, maxSeconds, warmup: 1 }, async () => {
      firstToken = (await client.listObjectsPage(paged.type, paged.relation, paged.user, 100, '', { current_time: CONDITION_NOW, bench_nonce: nonce++ })).continuation_token;
    }),
  );
  const pagedContext = { current_time: CONDITION_NOW, bench_nonce: nonce - 1 };
  await rec.measure(server, `ListObjectsPage ${paged.label}: second page (sliced from the kept answer)`, 1, undefined, () =>
    runClosedLoop({ concurrency: 1, requests: 200, maxSeconds, warmup: 5 }, () => client.listObjectsPage(paged.type, paged.relation, paged.user, 100, firstToken, pagedContext)),
  );
  let pagedCount = 0;
  for (let token = ''; ; ) {
    const page = await client.listObjectsPage(paged.type, paged.relation, paged.user, 100, token, pagedContext);
    pagedCount += page.objects.length;
    token = page.continuation_token;
    if (!token) break;
  }
  if (pagedCount !== paged.expectedCount) rec.disagree(`ListObjectsPage ${paged.label}: pages held ${pagedCount} objects, expected ${paged.expectedCount}`);

  const someResource = dataset.checks.deepAllowed[0]!.object;
  for (const [label, object, relation] of [
    ['ListUsers resource#viewer (inherited from folder, project, tenant, groups)', someResource, 'viewer'],
    ['ListUsers group#member (nested)', 'group:t0g0', 'member'],
  ] as const) {
    let count = 0;
    await rec.measure(server, label, 1, undefined, async () => {
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
      if (found !== list.expectedCount) rec.disagree(`SpiceDB LookupResources ${list.label}: ${found}, expected ${list.expectedCount}`);
    }
  }
  log('cross-checking every request of the mix');
  await crossCheck(client, spicedb, casbin);

  log('Relata, decision cache on: replica A (L1 + Redis L2), B (Redis L2 only, L1 off), C (L1 + L2), sharing PostgreSQL and Redis');
  peakRss['cache off'] = peakRssMiB(server.pid);
  await server.stop();
  // Redis failures (e.g. a command timing out on a starved machine) are counted from /metrics
  // rather than logged one line each.
  const cacheEnv = { ...env, RELATA_REDIS_URL: redisUrl, RELATA_REDIS_KEY_PREFIX: redisPrefix, RELATA_CACHE_STALENESS_MS: String(stalenessBoundMs), RELATA_LOG_LEVEL: 'error' };
  const startReplica = async (label: string, extra: Record<string, string> = {}, authorization?: string): Promise<CacheReplica> => {
    const started = await startServer({ ...cacheEnv, ...extra });
    cacheServers.push(started);
    const replicaClient = new RelataClient(started.address, { authorization });
    replicaClient.storeId = client.storeId;
    replicaClient.modelId = client.modelId;
    cacheClients.push(replicaClient);
    return { label, server: started, client: replicaClient };
  };
  const [a, b, c] = await Promise.all([startReplica('replica A'), startReplica('replica B, L1 off', { RELATA_CACHE_L1_MAX_ENTRIES: '0' }), startReplica('replica C')]);

  aims.push(...(await cacheTierRows(rec, a, b, { loop, redisUrl, redisFloorKey: `${redisPrefix}floor`, checkKinds })));
  await batchCheckRows(a.client, a.server, `cache on, ${a.label}`);

  // Replica D: replica A's config with authentication on (a preshared key until API clients land).
  const benchKey = randomBytes(24).toString('base64url');
  const d = await startReplica('replica D', { RELATA_AUTHN_METHOD: 'preshared', RELATA_AUTHN_PRESHARED_KEYS: benchKey }, `Bearer ${benchKey}`);
  aims.push(...(await authRows(rec, a, d, checkKinds.flatMap(([, cases]) => cases), loop, 'preshared')));

  // Hit ratio of the same request mix read-only and with 1% writes (each write invalidates, on
  // every replica, the cached decisions that may depend on what it wrote).
  const mixRow = async (name: string, statsLabel: string, send: (i: number) => Promise<unknown>) => {
    const before = await readLookupCounters(a.server.metricsAddress);
    await rec.measure(a.server, name, 64, `rpc (${a.label})`, () => runClosedLoop(loop(64), send), async () => {
      cacheStats[statsLabel] = lookupsBetween(before, await readLookupCounters(a.server.metricsAddress));
      return describeLookups(cacheStats[statsLabel]!);
    });
  };
  await mixRow(`Check mix read-only (cache on, ${a.label})`, 'check mix read-only', (i) => checkExpecting(rec, a.client, mixed[i % mixed.length]!, 'Check mix read-only'));
  // The writes grant a new user on an object of the mix, as an application's writes touch the
  // objects it checks: they invalidate decisions the reads want, yet change none of their answers.
  let writes = 0;
  await mixRow(`Check mix + 1% writes (cache on, ${a.label})`, 'check mix + 1% writes', (i) => {
    if (i % 100 !== 99) return checkExpecting(rec, a.client, mixed[i % mixed.length]!, 'Check mix + 1% writes');
    const w = writes++;
    return a.client.write([{ object: mixed[(w * 37) % mixed.length]!.object, relation: 'viewer', user: `user:bench_writer${w}` }]);
  });
  for (const [label, stats] of Object.entries(cacheStats)) {
    log(`decision cache, ${label}: hit ratio ${(100 * stats.ratio).toFixed(1)}% (l1 ${stats.l1}, l2 ${stats.l2}, in-flight ${stats.inFlight}, miss ${stats.miss})`);
  }

  log(`cross-replica staleness (bound ${stalenessBoundMs} ms): revoke through ${a.label}, read through ${b.label} and ${c.label}`);
  const stalenessOptions = { trials: Number(args['staleness-trials']), boundMs: stalenessBoundMs, giveUpMs: stalenessBoundMs + 10_000 };
  staleness.push(await measureStaleness(rec, a.client, b, { ...stalenessOptions, idPrefix: 'bench_stale_b' }));
  staleness.push(await measureStaleness(rec, a.client, c, { ...stalenessOptions, idPrefix: 'bench_stale_c' }));
  for (const replica of [a, b, c, d]) peakRss[replica.label] = peakRssMiB(replica.server.pid);
  log(`servers' peak RSS (VmHWM): ${Object.entries(peakRss).map(([label, mib]) => `${label} ${mib.toFixed(0)} MiB`).join(', ')}`);
} finally {
  spicedb?.close();
  client.close();
  for (const cacheClient of cacheClients) cacheClient.close();
  await Promise.all([server, ...cacheServers].map((s) => s.stop()));
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin.end();
  log(`deleted ${await deleteKeysUnder(redisUrl, redisPrefix)} Redis keys under ${redisPrefix}`);
}

const table = renderTable(rows, floors);
const cacheSummary = [renderAims(aims), renderFreshLoadAims(freshLoad), renderCacheStats(cacheStats), renderStaleness(staleness)].join('\n\n');
console.log(`\n${table}\n\n${cacheSummary}\n`);
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
const results = { date, revision, preset, tuples: tupleCount, load, peakRssMiB: peakRss, postgresCpuPerRequest, machine, floors, rows, serverUsage, loopDelay, cacheStats, aims, freshLoad, staleness, disagreements, table, cacheSummary };
writeFileSync(file, JSON.stringify(results, null, 2));
log(`results written to ${file.pathname}`);
if (disagreements.length > 0) {
  console.error(`${disagreements.length} disagreements: the run fails`);
  process.exitCode = 1;
}
