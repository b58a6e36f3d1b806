// Bulk import bench: generates a tuple file (jsonl or csv), then runs `relata tuples import`'s
// code path (read, parse, validate against the model, batches through Datastore.importTuples)
// into a fresh store on PostgreSQL (a schema of its own, dropped afterwards), and prints tuples/s
// with the machine's load average. Also times a re-run of the same file (every tuple already
// stored: the resume case) and the export. On a shared, loaded machine the wall-clock rate says
// little, so each phase also prints the CPU time spent per tuple by this process and by its
// PostgreSQL backends (from /proc, summed; `--connections`, default 2: the import keeps two
// batches in flight on PostgreSQL). The sum of the two over the machine's cores bounds the rate an
// idle machine would give.
//
//   npx tsx bench/bulk-import.ts [--tuples 1000000] [--format jsonl|csv] [--batch 5000] [--connections 2]
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import { silentLogger } from '../src/observability/index.js';
import { createRelataService } from '../src/service/index.js';
import pg from 'pg';
import { PgClient } from '../src/storage/postgres/index.js';
import { SqlDatastore } from '../src/storage/sql/sql-datastore.js';
import { exportTuplesCommand, importTuplesCommand } from '../src/cli/commands/tuples.js';
import { csvColumns, csvRow } from '../src/cli/tuple-files/csv.js';
import { dropTestSchema, testDatabaseUrl } from '../test/helpers/services.js';
import { bulkModel, bulkTupleAt } from './lib/bulk-dataset.js';
import { copyFloor, floorBatches, floorSchema } from './lib/bulk-floor.js';
import { cpuSpent, postgresCpuSeconds, withApplicationName } from './lib/postgres-cpu.js';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i].replace(/^--/, ''), process.argv[i + 1]);
const total = Number(args.get('tuples') ?? 1_000_000);
const format = (args.get('format') ?? 'jsonl') as 'jsonl' | 'csv';
const batch = args.get('batch') ?? '5000';

const model = bulkModel;

const tupleAt = bulkTupleAt;

async function generate(path: string): Promise<void> {
  const out = createWriteStream(path);
  if (format === 'csv') out.write(`${csvColumns.join(',')}\n`);
  for (let i = 0; i < total; i++) {
    const t = tupleAt(i);
    if (!out.write(format === 'csv' ? `${csvRow(t)}\n` : `${JSON.stringify(t)}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

const load = (): string => loadavg().map((n) => n.toFixed(2)).join(' ');

const dir = mkdtempSync(join(tmpdir(), 'relata-bulk-bench-'));
const file = join(dir, `tuples.${format}`);
const schema = `relata_bench_import_${Date.now().toString(36)}`;
// Its backends are told apart by application_name, so that their CPU time is the database's whole share.
const applicationName = `relata_bench_${schema}`;
const connections = Number(args.get('connections') ?? 2);
const pool = new pg.Pool({ connectionString: withApplicationName(testDatabaseUrl, applicationName), max: connections, options: `-c search_path=${schema}` });
const admin = new pg.Client({ connectionString: testDatabaseUrl });
const datastore = new SqlDatastore({ kind: 'postgres', client: new PgClient(pool), schema, close: () => pool.end() });

async function phase(name: string, count: number, body: () => Promise<string>): Promise<number> {
  const node0 = process.cpuUsage();
  const db0 = await postgresCpuSeconds(admin, applicationName);
  const started = performance.now();
  const detail = await body();
  const seconds = (performance.now() - started) / 1000;
  const node = process.cpuUsage(node0);
  const nodeUs = ((node.user + node.system) / count).toFixed(1);
  const dbUs = ((cpuSpent(db0, await postgresCpuSeconds(admin, applicationName)) * 1e6) / count).toFixed(1);
  console.log(`${name}: ${detail} in ${seconds.toFixed(1)}s = ${Math.round(count / seconds)} tuples/s; CPU per tuple: node ${nodeUs} µs, postgres ${dbUs} µs (load ${load()})`);
  return count / seconds;
}

try {
  await admin.connect();
  await generate(file);
  await datastore.migrate();
  const service = createRelataService({ datastore, logger: silentLogger() });
  const storeId = (await service.createStore({ name: 'bulk bench' })).id;
  await service.writeAuthorizationModel({ storeId, model });
  console.log(`${total} tuples, ${format}, ${(statSync(file).size / 2 ** 20).toFixed(1)} MiB, batches of ${batch}; load before: ${load()}`);

  // The floor first, on a schema of its own: the same rows, PostgreSQL alone (bench/lib/bulk-floor.ts).
  const floor = await floorSchema(withApplicationName(testDatabaseUrl, applicationName), `${schema}_floor`, connections);
  let floorRate: number;
  try {
    const batches = floorBatches(storeId, total, Number(batch), tupleAt);
    await admin.query('CHECKPOINT');
    floorRate = await phase('floor (PostgreSQL alone COPYing the same rows)', total, async () => {
      await copyFloor(floor.pool, batches, connections);
      return `${total} rows`;
    });
  } finally {
    await floor.drop();
  }
  // Without it a checkpoint the floor's WAL started may land in the import's run.
  await admin.query('CHECKPOINT');
  const run = async (): Promise<string> => `${(await importTuplesCommand(service, file, { store: storeId, batchSize: batch, progress: false })).inserted} new`;
  const importRate = await phase('import', total, run);
  console.log(`import / floor: ${((100 * importRate) / floorRate).toFixed(0)}%`);
  await phase('re-import (all present)', total, run);
  const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
  await phase('export', total, async () => `${await exportTuplesCommand(service, storeId, format, sink)} tuples`);
} finally {
  await datastore.close();
  await admin.end();
  await dropTestSchema(schema);
  rmSync(dir, { recursive: true, force: true });
}
