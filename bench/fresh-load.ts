// Fresh load vs analyzed: the Check mix (cache off) on a store loaded through Write and served at
// once, with no manual ANALYZE and autovacuum off on its tables (PGlite has none), beside the
// same mix on a store analyzed by hand. Relata's statistics keeper must make them alike (aim:
// fresh p50 and p99 within 1.5x of analyzed). run.ts adds the PostgreSQL rows to its table; run
// alone it measures PostgreSQL and PGlite:
//
//   npx tsx bench/fresh-load.ts [--preset small] [--backends postgres,pglite] [--requests 2000]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { transformDslToModel } from '../src/dsl/index.js';
import type { AuthorizationModel, TupleKey } from '../src/model/index.js';
import { generateDataset, presets, type CheckCase, type PresetName } from './dataset.js';
import { runClosedLoop, type ClosedLoopOptions } from './lib/closed-loop.js';
import { BenchRecorder, log } from './lib/recorder.js';
import { RelataClient } from './lib/relata-client.js';
import { startServer, type ServerProcess } from './lib/server-process.js';
import { LatencyRecorder, type LatencySummary } from './lib/stats.js';
import { ratio, renderTable } from './report.js';

export interface FreshLoadAim {
  backend: string;
  concurrency: number;
  analyzed: LatencySummary;
  fresh: LatencySummary;
  met: boolean;
}

/** Seeds through Write as the bench does: batches of 100, 8 concurrent writers. */
export async function seedThroughWrite(client: RelataClient, tuples: readonly TupleKey[]): Promise<LatencySummary> {
  const batches: TupleKey[][] = [];
  for (let i = 0; i < tuples.length; i += 100) batches.push(tuples.slice(i, i + 100));
  return runClosedLoop({ concurrency: 8, requests: batches.length, maxSeconds: 3600, warmup: 0 }, (i) => client.write(batches[i]!));
}

export interface MixTarget {
  label: string;
  server: ServerProcess;
  client: RelataClient;
}

/**
 * The Check mix against several stores at once, paired: each request goes to every target in
 * turn (the order alternating), so that a shared, noisy machine slows all of them alike and the
 * ratio between them holds. One row per target at c=1 and at c=64; answers are cross-checked.
 */
export async function pairedCheckMixRows(rec: BenchRecorder, targets: readonly MixTarget[], mix: readonly CheckCase[], loop: (c: number) => ClosedLoopOptions): Promise<LatencySummary[][]> {
  const results: LatencySummary[][] = targets.map(() => []);
  for (const concurrency of [1, 64]) {
    const options = loop(concurrency);
    const send = async (t: MixTarget, c: CheckCase) => {
      const allowed = await t.client.check(c);
      if (allowed !== c.expected) rec.disagree(`Check mix (${t.label}): ${c.object}#${c.relation}@${c.user} is ${allowed}, expected ${c.expected}`);
    };
    const warmup = Math.min(200, Math.ceil(options.requests / 10));
    for (let i = 0; i < warmup; i++) for (const t of targets) await send(t, mix[i % mix.length]!);
    const recorders = targets.map(() => new LatencyRecorder());
    const before = targets.map((t) => t.server.usage());
    const deadline = performance.now() + options.maxSeconds * 1000;
    const started = performance.now();
    let next = 0;
    const worker = async () => {
      while (next < options.requests && performance.now() < deadline) {
        const i = next++;
        const c = mix[i % mix.length]!;
        for (let k = 0; k < targets.length; k++) {
          const j = i % 2 === 0 ? k : targets.length - 1 - k;
          const t0 = performance.now();
          try {
            await send(targets[j]!, c);
            recorders[j]!.record(performance.now() - t0);
          } catch {
            recorders[j]!.recordError();
          }
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    const seconds = (performance.now() - started) / 1000;
    targets.forEach((t, j) => {
      const summary = recorders[j]!.summarize(seconds, warmup);
      const cpu = t.server.usage().cpuSeconds - before[j]!.cpuSeconds;
      const note = `paired with ${targets.filter((o) => o !== t).map((o) => o.label).join(', ')}; server cpu ${((1e6 * cpu) / (summary.count + warmup)).toFixed(0)} µs/req`;
      rec.rows.push({ name: `Check mix (${t.label})`, concurrency, summary, floor: 'rpc+read', note });
      log(`Check mix (${t.label}) c=${concurrency}: p50 ${summary.p50.toFixed(3)} ms, p95 ${summary.p95.toFixed(3)} ms, p99 ${summary.p99.toFixed(3)} ms, errors ${summary.errors}`);
      results[j]!.push(summary);
    });
  }
  return results;
}

/** Fresh p50 and p99 within 1.5x of the analyzed row's. */
export function freshLoadAims(backend: string, analyzed: LatencySummary[], fresh: LatencySummary[]): FreshLoadAim[] {
  return [1, 64].map((concurrency, i) => {
    const [a, f] = [analyzed[i]!, fresh[i]!];
    return { backend, concurrency, analyzed: a, fresh: f, met: f.p50 <= 1.5 * a.p50 && f.p99 <= 1.5 * a.p99 };
  });
}

export function renderFreshLoadAims(aims: readonly FreshLoadAim[]): string {
  return aims
    .map((a) => `- ${a.backend} fresh load, no manual ANALYZE, c=${a.concurrency}: aim "p50 and p99 within 1.5x of analyzed": **${a.met ? 'met' : 'not met'}** (p50 ${ratio(a.fresh.p50, a.analyzed.p50)}, p95 ${ratio(a.fresh.p95, a.analyzed.p95)}, p99 ${ratio(a.fresh.p99, a.analyzed.p99)})`)
    .join('\n');
}

/**
 * run.ts's rows: a second schema and server, loaded through Write and measured at once, paired
 * with `analyzed` (a server on a store analyzed by hand). The schema is dropped afterwards.
 */
export async function postgresFreshLoadRows(
  rec: BenchRecorder,
  options: { analyzed: MixTarget; env: Record<string, string>; admin: pg.Client; schema: string; model: AuthorizationModel; tuples: readonly TupleKey[]; mix: readonly CheckCase[]; loop: (c: number) => ClosedLoopOptions },
): Promise<FreshLoadAim[]> {
  const server = await startServer({ ...options.env, RELATA_DATASTORE_SCHEMA: options.schema, RELATA_CACHE_ENABLED: 'false' });
  const client = new RelataClient(server.address);
  try {
    await client.setUp('bench-fresh-load', options.model);
    await options.admin.query(`ALTER TABLE ${options.schema}.tuple SET (autovacuum_enabled = false); ALTER TABLE ${options.schema}.changelog SET (autovacuum_enabled = false)`);
    log(`fresh load: seeding ${options.tuples.length} tuples through Write into ${options.schema} (autovacuum off, no manual ANALYZE)`);
    await seedThroughWrite(client, options.tuples);
    const fresh = { label: 'cache off, fresh load, no manual ANALYZE', server, client };
    const [analyzed, measured] = await pairedCheckMixRows(rec, [options.analyzed, fresh], options.mix, options.loop);
    return freshLoadAims('PostgreSQL', analyzed!, measured!);
  } finally {
    client.close();
    await server.stop();
    await options.admin.query(`DROP SCHEMA IF EXISTS ${options.schema} CASCADE`);
  }
}

/** PGlite: `analyzed` is a directory loaded, analyzed by hand (server stopped) and served again. */
async function pgliteRows(rec: BenchRecorder, model: AuthorizationModel, tuples: readonly TupleKey[], mix: readonly CheckCase[], loop: (c: number) => ClosedLoopOptions): Promise<FreshLoadAim[]> {
  const dirs = [mkdtempSync(join(tmpdir(), 'relata-bench-analyzed-')), mkdtempSync(join(tmpdir(), 'relata-bench-fresh-'))];
  const env = (dir: string) => ({ RELATA_DATASTORE_URL: `pglite:${dir}`, RELATA_CACHE_ENABLED: 'false', RELATA_REQUEST_TIMEOUT_MS: '60000' });
  const start = { startTimeoutMs: 300_000 };
  const servers: ServerProcess[] = [];
  const clients: RelataClient[] = [];
  const serve = async (dir: string) => {
    const server = await startServer(env(dir), start);
    servers.push(server);
    const client = new RelataClient(server.address);
    clients.push(client);
    return { server, client };
  };
  try {
    const loading = await serve(dirs[0]!);
    await loading.client.setUp('bench-analyzed', model);
    log(`PGlite analyzed: seeding ${tuples.length} tuples through Write, then ANALYZE by hand`);
    await seedThroughWrite(loading.client, tuples);
    await loading.server.stop();
    const db = await PGlite.create({ dataDir: dirs[0] });
    const t0 = Date.now();
    await db.exec('ANALYZE tuple; ANALYZE changelog');
    log(`PGlite: manual ANALYZE of tuple and changelog took ${Date.now() - t0} ms`);
    await db.close();
    const analyzed = { label: 'PGlite, cache off, analyzed', ...(await serve(dirs[0]!)) };
    analyzed.client.storeId = loading.client.storeId;
    analyzed.client.modelId = loading.client.modelId;

    const fresh = { label: 'PGlite, cache off, fresh load, no manual ANALYZE', ...(await serve(dirs[1]!)) };
    await fresh.client.setUp('bench-fresh-load', model);
    log(`PGlite fresh load: seeding ${tuples.length} tuples through Write`);
    await seedThroughWrite(fresh.client, tuples);
    const [a, f] = await pairedCheckMixRows(rec, [analyzed, fresh], mix, loop);
    return freshLoadAims('PGlite', a!, f!);
  } finally {
    for (const client of clients) client.close();
    await Promise.all(servers.map((s) => s.stop()));
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values: args } = parseArgs({
    options: {
      preset: { type: 'string', default: 'small' },
      backends: { type: 'string', default: 'postgres,pglite' },
      requests: { type: 'string', default: '2000' },
      seconds: { type: 'string', default: '20' },
      'database-url': { type: 'string', default: process.env.RELATA_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test' },
    },
  });
  const preset = args.preset as PresetName;
  if (!presets[preset]) throw new Error(`--preset must be one of ${Object.keys(presets).join(', ')}`);
  const loop = (concurrency: number): ClosedLoopOptions => ({ concurrency, requests: concurrency === 1 ? Math.min(Number(args.requests), 1000) : Number(args.requests), maxSeconds: Number(args.seconds) });
  const model = transformDslToModel(readFileSync(new URL('../schema-examples/multi-tenant/model.fga', import.meta.url), 'utf8'));
  const dataset = generateDataset(presets[preset], 42, 200);
  const mix = Object.values(dataset.checks).flat();
  log(`${preset}: ${dataset.tuples.length} tuples, a Check mix of ${mix.length}`);
  const rec = new BenchRecorder();
  const aims: FreshLoadAim[] = [];
  const backends = args.backends.split(',');

  if (backends.includes('postgres')) {
    const databaseUrl = args['database-url'];
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    const env = { RELATA_DATASTORE_URL: databaseUrl, RELATA_REQUEST_TIMEOUT_MS: '60000' };
    const schema = `relata_bench_${Date.now().toString(36)}`;
    const server = await startServer({ ...env, RELATA_DATASTORE_SCHEMA: schema, RELATA_CACHE_ENABLED: 'false' });
    const client = new RelataClient(server.address);
    try {
      await client.setUp('bench-analyzed', model);
      log(`analyzed: seeding through Write into ${schema}, then ANALYZE by hand`);
      await seedThroughWrite(client, dataset.tuples);
      await admin.query(`ANALYZE ${schema}.tuple; ANALYZE ${schema}.changelog`);
      const analyzed = { label: 'cache off, analyzed', server, client };
      aims.push(...(await postgresFreshLoadRows(rec, { analyzed, env, admin, schema: `${schema}_fresh`, model, tuples: dataset.tuples, mix, loop })));
    } finally {
      client.close();
      await server.stop();
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.end();
    }
  }
  if (backends.includes('pglite')) aims.push(...(await pgliteRows(rec, model, dataset.tuples, mix, loop)));

  console.log(`\n${renderTable(rec.rows, rec.floors)}\n\n${renderFreshLoadAims(aims)}\n`);
  for (const d of rec.disagreements) console.log(`DISAGREEMENT: ${d}`);
  if (rec.disagreements.length > 0 || aims.some((a) => !a.met)) process.exitCode = 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) await main();
