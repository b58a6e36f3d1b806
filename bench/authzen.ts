// `npx tsx bench/authzen.ts [--preset tiny]`: AuthZEN `/evaluations` of 100 items over HTTP/JSON
// beside BatchCheck(100) over gRPC, on one Relata server (a child process, PostgreSQL, decision
// cache off), the same batches of the multi-tenant dataset, every answer cross-checked. Prints the
// rows with the machine's load average and writes bench/results/authzen-<date>.json.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { transformDslToModel } from '../src/dsl/index.js';
import { generateDataset, presets, type PresetName } from './dataset.js';
import { AuthzenClient } from './lib/authzen-client.js';
import { runClosedLoop } from './lib/closed-loop.js';
import { log } from './lib/recorder.js';
import { RelataClient } from './lib/relata-client.js';
import { freePort } from './lib/server-process.js';
import type { LatencySummary } from './lib/stats.js';

const { values: args } = parseArgs({
  options: {
    preset: { type: 'string', default: 'tiny' },
    requests: { type: 'string', default: '300' },
    seconds: { type: 'string', default: '20' },
    'database-url': { type: 'string', default: process.env.RELATA_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test' },
  },
});
const preset = args.preset as PresetName;
if (!presets[preset]) throw new Error(`--preset must be one of ${Object.keys(presets).join(', ')}`);
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const model = transformDslToModel(readFileSync(new URL('../schema-examples/multi-tenant/model.fga', import.meta.url), 'utf8'));
const dataset = generateDataset(presets[preset], 42, 200);
const mixed = Object.values(dataset.checks).flat();
const batches = Array.from({ length: 20 }, (_, b) => Array.from({ length: 100 }, (_, i) => mixed[(b * 100 + i * 7) % mixed.length]!));

const schema = `relata_bench_authzen_${Date.now().toString(36)}`;
const grpcAddr = `127.0.0.1:${await freePort()}`;
const httpAddr = `127.0.0.1:${await freePort()}`;
const child = spawn(process.execPath, ['--import', 'tsx', 'bench/authzen-server.ts'], {
  cwd: repoRoot,
  stdio: ['ignore', 'inherit', 'inherit'],
  env: {
    ...process.env,
    RELATA_DATASTORE_URL: args['database-url'],
    RELATA_DATASTORE_SCHEMA: schema,
    RELATA_GRPC_ADDR: grpcAddr,
    RELATA_METRICS_ADDR: '127.0.0.1:0',
    RELATA_LOG_LEVEL: 'warn',
    RELATA_CACHE_ENABLED: 'false',
    RELATA_MAX_CHECKS_PER_BATCH_CHECK: '100',
    RELATA_REQUEST_TIMEOUT_MS: '60000',
    BENCH_HTTP_ADDR: httpAddr,
  },
});

function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function waitForHttp(): Promise<void> {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`http://${httpAddr}/.well-known/authzen-configuration/01HV8V4QW3S6Y8F2N1G5K7M9PA`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('the bench server did not start');
}

interface Row {
  name: string;
  concurrency: number;
  summary: LatencySummary;
  serverCpuPerBatchMs: number;
  load: number[];
}

const rows: Row[] = [];
const admin = new pg.Client({ connectionString: args['database-url'] });
try {
  await waitForHttp();
  const client = new RelataClient(grpcAddr);
  await client.setUp(`bench-authzen-${preset}`, model);
  log(`seeding ${dataset.tuples.length} tuples`);
  for (let i = 0; i < dataset.tuples.length; i += 100) await client.write(dataset.tuples.slice(i, i + 100));
  await admin.connect();
  await admin.query(`ANALYZE ${schema}.tuple`);
  const authzen = new AuthzenClient(`http://${httpAddr}`, client.storeId);

  let disagreements = 0;
  for (const batch of batches) {
    const [viaGrpc, viaAuthzen] = await Promise.all([client.batchCheck(batch), authzen.evaluations(batch)]);
    batch.forEach((c, i) => {
      if (viaGrpc[i] !== c.expected || viaAuthzen[i] !== c.expected) disagreements++;
    });
  }
  log(`cross-check: ${batches.length * 100} decisions, ${disagreements} disagreements`);

  const measure = async (name: string, concurrency: number, send: (i: number) => Promise<unknown>) => {
    const before = cpuSeconds(child.pid!);
    const summary = await runClosedLoop({ concurrency, requests: Number(args.requests), maxSeconds: Number(args.seconds), warmup: 20 }, send);
    const serverCpuPerBatchMs = ((cpuSeconds(child.pid!) - before) * 1000) / Math.max(1, summary.count + 20);
    rows.push({ name, concurrency, summary, serverCpuPerBatchMs, load: loadavg() });
    log(`${name} c=${concurrency}: ${summary.throughput.toFixed(1)} batches/s, p50 ${summary.p50.toFixed(1)} ms, p99 ${summary.p99.toFixed(1)} ms, errors ${summary.errors}, server CPU ${serverCpuPerBatchMs.toFixed(2)} ms/batch, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  };
  for (const concurrency of [1, 8]) {
    // Alternated, so that the machine's drift hits both forms alike.
    await measure('BatchCheck(100) gRPC', concurrency, (i) => client.batchCheck(batches[i % batches.length]!));
    await measure('AuthZEN /evaluations(100) HTTP', concurrency, (i) => authzen.evaluations(batches[i % batches.length]!));
  }
  const date = new Date().toISOString();
  mkdirSync(new URL('results/', import.meta.url), { recursive: true });
  writeFileSync(new URL(`results/authzen-${date.slice(0, 19).replace(/:/g, '-')}.json`, import.meta.url), JSON.stringify({ date, preset, tuples: dataset.tuples.length, cpus: cpus().length, disagreements, rows }, null, 2));
  console.log('\n| row | c | batches/s | p50 ms | p99 ms | errors | server CPU ms/batch | load 1m |\n|---|---|---|---|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.name} | ${r.concurrency} | ${r.summary.throughput.toFixed(1)} | ${r.summary.p50.toFixed(1)} | ${r.summary.p99.toFixed(1)} | ${r.summary.errors} | ${r.serverCpuPerBatchMs.toFixed(2)} | ${r.load[0].toFixed(2)} |`);
} finally {
  child.kill('SIGTERM');
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
  await admin.end().catch(() => undefined);
}
