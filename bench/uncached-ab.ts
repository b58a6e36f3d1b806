// `npx tsx bench/uncached-ab.ts --size 10k --baseline /path/to/other/checkout`: uncached Check of
// the GitHub-like dataset (github-dataset.ts) on two Relata servers at once, this checkout's and
// the baseline checkout's, both on the same PostgreSQL store (seeded once, through this server's
// Write), in short alternating rounds (the order flips every round) so that the machine's drifting
// load weighs on both alike. Per kind of check and per server: the median over rounds of the
// server's CPU per check and of its PostgreSQL backends' CPU per check (from /proc; backends found
// by application_name), and of the p50 latency; the load average with each round. Every answer of
// both servers is cross-checked with the reference walk. Cache off, closure index off (the
// defaults). Each side runs what `relata serve` picks (compiled dist/ when built from its current
// sources, else tsx) unless `--runtime` / `--baseline-runtime` force dist or tsx (RELATA_RUNTIME;
// a baseline older than bin/runtime.js always runs tsx). `--baseline .` with two runtimes compares
// compiled and tsx on the same code; `--baseline-database-url` connects the baseline server
// another way to the same database (e.g. PostgreSQL's Unix socket:
// `postgres://postgres@localhost/test?host=/var/run/postgresql`). Results go to
// bench/results/<date>-github-<size>-ab-c<concurrency>[-<label>].json.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { transformDslToModel } from '../src/dsl/index.js';
import type { TupleKey } from '../src/model/index.js';
import { median } from './lib/alternating-rounds.js';
import { runClosedLoop } from './lib/closed-loop.js';
import { postgresCpuSeconds as backendCpuSeconds, cpuSpent } from './lib/postgres-cpu.js';
import { RelataClient } from './lib/relata-client.js';
import { startServer, type ServerProcess } from './lib/server-process.js';
import { generateGithubDataset, githubSizes, type GithubCheck, type GithubSize } from './github-dataset.js';

const { values: args } = parseArgs({
  options: {
    size: { type: 'string', default: '10k' },
    baseline: { type: 'string' },
    rounds: { type: 'string', default: '6' },
    requests: { type: 'string', default: '300' },
    batches: { type: 'string', default: '10' },
    concurrency: { type: 'string', default: '1' },
    runtime: { type: 'string' },
    'baseline-runtime': { type: 'string' },
    'baseline-database-url': { type: 'string' },
    label: { type: 'string' },
    'database-url': { type: 'string', default: process.env.RELATA_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test' },
  },
});
const size = args.size as GithubSize;
if (!githubSizes[size]) throw new Error(`--size must be one of ${Object.keys(githubSizes).join(', ')}`);
if (!args.baseline) throw new Error('--baseline DIR: the other checkout (with its node_modules) to compare with');
for (const flag of ['runtime', 'baseline-runtime'] as const) {
  if (args[flag] !== undefined && args[flag] !== 'dist' && args[flag] !== 'tsx') throw new Error(`--${flag} must be dist or tsx`);
}
const log = (message: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);
const load = () => loadavg()[0]!.toFixed(2);

const model = transformDslToModel(readFileSync(new URL('../schema-examples/github/model.fga', import.meta.url), 'utf8'));
const dataset = generateGithubDataset(githubSizes[size], 18, 200);
const run = Date.now().toString(36);
const schema = `relata_bench_ab_${run}`;
const databaseUrl = args['database-url'];
const admin = new pg.Client({ connectionString: databaseUrl });
await admin.connect();

interface Side {
  name: string;
  appName: string;
  server: ServerProcess;
  client: RelataClient;
}

async function startSide(name: string, start: typeof startServer, runtime: string | undefined, url = databaseUrl): Promise<Side> {
  const appName = `relata_ab_${name}_${run}`;
  const server = await start({
    ...(runtime ? { RELATA_RUNTIME: runtime } : {}),
    RELATA_DATASTORE_URL: `${url}${url.includes('?') ? '&' : '?'}application_name=${appName}`,
    RELATA_DATASTORE_SCHEMA: schema,
    RELATA_MAX_CHECKS_PER_BATCH_CHECK: '100',
    RELATA_REQUEST_TIMEOUT_MS: '60000',
    RELATA_CACHE_ENABLED: 'false',
    RELATA_HTTP_ADDR: 'off',
  });
  return { name, appName, server, client: new RelataClient(server.address) };
}

const sides: Side[] = [];
const results: Record<string, { serverMicros: number[]; postgresMicros: number[]; p50: number[]; checksPerSecond: number[]; load: string[] }> = {};
let disagreements = 0;
try {
  sides.push(await startSide('new', startServer, args.runtime));
  const baseline = (await import(pathToFileURL(resolve(args.baseline!, 'test/helpers/server-process.ts')).href)) as { startServer: typeof startServer };
  sides.push(await startSide('base', baseline.startServer, args['baseline-runtime'], args['baseline-database-url']));
  const [first, second] = sides as [Side, Side];
  await first.client.setUp(`bench-ab-${size}`, model);
  second.client.storeId = first.client.storeId;
  second.client.modelId = first.client.modelId;
  for (let i = 0; i < dataset.tuples.length; i += 100) await first.client.write(dataset.tuples.slice(i, i + 100) as TupleKey[]);
  await admin.query(`ANALYZE ${schema}.tuple`);
  log(`${dataset.tuples.length} tuples seeded into ${schema}; load ${load()}`);

  const check = async (side: Side, c: GithubCheck) => {
    if ((await side.client.check(c)) !== c.expected) disagreements++;
  };
  const batchOf = (b: number) => Array.from({ length: 100 }, (_, i) => dataset.mixed[(b * 100 + i * 7) % dataset.mixed.length]!);
  const batch = async (side: Side, b: number) => {
    const cases = batchOf(b);
    (await side.client.batchCheck(cases)).forEach((a, i) => {
      if (a !== cases[i]!.expected) disagreements++;
    });
  };
  // Warm-up: every case once on each server (JIT, prepared statements on the pools' connections).
  for (const side of sides) for (const c of [...dataset.short, ...dataset.long, ...dataset.mixed]) await check(side, c);

  const concurrency = Number(args.concurrency);
  const requests = Number(args.requests);
  const kinds: [string, number, (side: Side, i: number) => Promise<void>][] = [
    ['Check path ≤ 2 tuples', requests, (side, i) => check(side, dataset.short[i % dataset.short.length]!)],
    ['Check path ≥ 5 tuples', requests, (side, i) => check(side, dataset.long[i % dataset.long.length]!)],
    ['Check mix 1-13 tuples', requests, (side, i) => check(side, dataset.mixed[i % dataset.mixed.length]!)],
    ['BatchCheck(100) mix', Number(args.batches), (side, i) => batch(side, i)],
  ];
  for (let round = 0; round < Number(args.rounds); round++) {
    const order = round % 2 === 0 ? sides : [...sides].reverse();
    for (const [kind, count, send] of kinds) {
      const checksPerRequest = kind.startsWith('Batch') ? 100 : 1;
      for (const side of order) {
        const pgBefore = await backendCpuSeconds(admin, side.appName);
        const serverBefore = side.server.usage().cpuSeconds;
        const summary = await runClosedLoop({ concurrency, requests: count, maxSeconds: 60, warmup: 0 }, (i) => send(side, i));
        const serverSeconds = side.server.usage().cpuSeconds - serverBefore;
        const pgSeconds = cpuSpent(pgBefore, await backendCpuSeconds(admin, side.appName));
        const checks = (summary.count + summary.errors) * checksPerRequest;
        const key = `${kind}@${side.name}`;
        const entry = (results[key] ??= { serverMicros: [], postgresMicros: [], p50: [], checksPerSecond: [], load: [] });
        entry.serverMicros.push((1e6 * serverSeconds) / checks);
        entry.postgresMicros.push((1e6 * pgSeconds) / checks);
        entry.p50.push(summary.p50);
        entry.checksPerSecond.push(summary.throughput * checksPerRequest);
        entry.load.push(load());
        log(`round ${round} ${kind} ${side.name}: p50 ${summary.p50.toFixed(2)} ms, CPU per check server ${entry.serverMicros.at(-1)!.toFixed(0)} µs + postgres ${entry.postgresMicros.at(-1)!.toFixed(0)} µs, errors ${summary.errors}; load ${load()}`);
      }
    }
  }
} finally {
  for (const side of sides) {
    side.client.close();
    await side.server.stop();
  }
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin.end();
}

const lines = ['| row | server | p50 ms | checks/s | server CPU µs/check | PostgreSQL CPU µs/check | load |', '|---|---|---:|---:|---:|---:|---|'];
for (const [key, r] of Object.entries(results)) {
  const [kind, side] = key.split('@');
  const loads = r.load.map(Number);
  lines.push(`| ${kind} c=${args.concurrency} | ${side} | ${median(r.p50).toFixed(2)} | ${median(r.checksPerSecond).toFixed(0)} | ${median(r.serverMicros).toFixed(0)} | ${median(r.postgresMicros).toFixed(0)} | ${Math.min(...loads).toFixed(1)}-${Math.max(...loads).toFixed(1)} |`);
}
const table = lines.join('\n');
console.log(`\nmedians over ${args.rounds} alternating rounds; ${disagreements} disagreements with the reference walk\n\n${table}\n`);
const date = new Date().toISOString();
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
const file = new URL(`./results/${date.slice(0, 10)}-github-${size}-ab-c${args.concurrency}${args.label ? `-${args.label}` : ''}.json`, import.meta.url);
writeFileSync(file, JSON.stringify({ date, size, tuples: dataset.tuples.length, baseline: args.baseline, runtime: args.runtime, baselineRuntime: args['baseline-runtime'], baselineDatabaseUrl: args['baseline-database-url'], rounds: Number(args.rounds), results, disagreements, table }, null, 2));
log(`results written to ${file.pathname}`);
if (disagreements > 0) process.exitCode = 1;
