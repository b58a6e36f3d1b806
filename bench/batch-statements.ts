// `npx tsx bench/batch-statements.ts --size 10k`: what one uncached BatchCheck(100) of the
// GitHub-like mix costs PostgreSQL, counted in process (service over a PostgreSQL datastore, the
// decision cache off): round trips per batch, against 100 single Checks of the same items, and
// the in-process time of each (sequential, so a ratio in one run is what to read under load).
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { transformDslToModel } from '../src/dsl/index.js';
import { createLogger } from '../src/observability/index.js';
import { createRelataService } from '../src/service/index.js';
import { createPostgresDatastore } from '../src/storage/postgres/index.js';
import { generateGithubDataset, githubSizes, type GithubSize } from './github-dataset.js';
import { countQueries } from './lib/count-queries.js';
import { log } from './lib/recorder.js';

const { values: args } = parseArgs({
  options: {
    size: { type: 'string', default: '10k' },
    batches: { type: 'string', default: '10' },
    // 'off': only the batches run after loading (e.g. under --cpu-prof).
    singles: { type: 'string', default: 'on' },
    // The server's default (RELATA_CLOSURE_INDEX=off); 'on' reads the closure index.
    'closure-index': { type: 'string', default: 'off' },
    'database-url': { type: 'string', default: process.env.RELATA_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test' },
  },
});
const size = args.size as GithubSize;
if (!githubSizes[size]) throw new Error(`--size must be one of ${Object.keys(githubSizes).join(', ')}`);
const batchCount = Number(args.batches);
const databaseUrl = args['database-url'];
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

const model = transformDslToModel(readFileSync(new URL('../schema-examples/github/model.fga', import.meta.url), 'utf8'));
const dataset = generateGithubDataset(githubSizes[size], 18, 200);
const schema = `relata_bench_batch_${Date.now().toString(36)}`;
const datastore = await createPostgresDatastore({ connectionString: databaseUrl, schema, closureIndex: args['closure-index'] === 'on' });
try {
  await datastore.migrate();
  const service = createRelataService({ datastore, logger: createLogger({ level: 'silent' }), limits: { maxChecksPerBatchCheck: 100 } });
  const { id: storeId } = await service.createStore({ name: 'batch-bench' });
  await service.writeAuthorizationModel({ storeId, model });
  for (let i = 0; i < dataset.tuples.length; i += 100) await service.write({ storeId, writes: { tupleKeys: dataset.tuples.slice(i, i + 100) } });
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`ANALYZE ${schema}.tuple`);
  await admin.end();
  log(`${dataset.tuples.length} tuples loaded; load average ${load()}`);
  const mix = dataset.mixed;
  const batches = Array.from({ length: batchCount }, (_, b) => Array.from({ length: 100 }, (_, i) => mix[(b * 100 + i * 7) % mix.length]!));
  const checks = (batch: typeof batches[number]) => batch.map((c, i) => ({ correlationId: `c${i}`, tupleKey: { object: c.object, relation: c.relation, user: c.user } }));
  // Warm: model, store and prepared statements.
  await service.batchCheck({ storeId, checks: checks(batches[0]!) });
  let disagreements = 0;
  let batchMs = 0;
  const cpu0 = process.cpuUsage();
  const batched = await countQueries(async () => {
    for (const batch of batches) {
      const t0 = performance.now();
      const { results } = await service.batchCheck({ storeId, checks: checks(batch) });
      batchMs += performance.now() - t0;
      batch.forEach((c, i) => {
        const answer = results.get(`c${i}`);
        if (!answer || !('allowed' in answer) || answer.allowed !== c.expected) disagreements++;
      });
    }
  });
  const batchCpu = process.cpuUsage(cpu0);
  let singleMs = 0;
  const cpu1 = process.cpuUsage();
  const single = await countQueries(async () => {
    for (const batch of args.singles === 'off' ? [] : batches) {
      const t0 = performance.now();
      for (const c of batch) await service.check({ storeId, tupleKey: { object: c.object, relation: c.relation, user: c.user } });
      singleMs += performance.now() - t0;
    }
  });
  const singleCpu = process.cpuUsage(cpu1);
  const cpuPerCheck = (usage: NodeJS.CpuUsage) => ((usage.user + usage.system) / (100 * batchCount)).toFixed(0);
  const distinct = new Set(batches.flatMap((b) => b.map((c) => `${c.object}#${c.relation}@${c.user}`))).size;
  log(`BatchCheck(100) mix uncached: ${(batched.roundTrips / batchCount).toFixed(1)} round trips per batch, ${(batchMs / batchCount).toFixed(1)} ms per batch = ${((1000 * 100 * batchCount) / batchMs).toFixed(0)} checks/s (c=1, in process), Relata CPU ${cpuPerCheck(batchCpu)} µs/check; ${disagreements} disagreements`);
  log(`100 single Checks of the same items: ${(single.roundTrips / batchCount).toFixed(1)} round trips, ${(singleMs / batchCount).toFixed(1)} ms per 100 = ${((1000 * 100 * batchCount) / singleMs).toFixed(0)} checks/s, Relata CPU ${cpuPerCheck(singleCpu)} µs/check`);
  log(`${distinct} distinct items in ${batchCount * 100}; load average ${load()}`);
} finally {
  await datastore.close();
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin.end();
}
