// Bulk import bench: generates a tuple file (jsonl or csv), then runs `relata tuples import`'s
// code path (read, parse, validate against the model, batches through Datastore.importTuples)
// into a fresh store on PostgreSQL (a schema of its own, dropped afterwards), and prints tuples/s
// with the machine's load average. Also times a re-run of the same file (every tuple already
// stored: the resume case) and the export.
//
//   npx tsx bench/bulk-import.ts [--tuples 1000000] [--format jsonl|csv] [--batch 5000]
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import { transformDslToModel } from '../src/dsl/index.js';
import { silentLogger } from '../src/observability/index.js';
import { createRelataService } from '../src/service/index.js';
import { createPostgresDatastore } from '../src/storage/postgres/index.js';
import { exportTuplesCommand, importTuplesCommand } from '../src/cli/commands/tuples.js';
import { csvColumns, csvRow } from '../src/cli/tuple-files/csv.js';
import { dropTestSchema, testDatabaseUrl } from '../test/helpers/services.js';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i].replace(/^--/, ''), process.argv[i + 1]);
const total = Number(args.get('tuples') ?? 1_000_000);
const format = (args.get('format') ?? 'jsonl') as 'jsonl' | 'csv';
const batch = args.get('batch') ?? '5000';

const model = transformDslToModel(`model
  schema 1.1
type user
type group
  relations
    define member: [user, group#member]
type folder
  relations
    define viewer: [user, group#member]
type doc
  relations
    define parent: [folder]
    define viewer: [user, group#member] or viewer from parent
`);

/** A deterministic mix of distinct tuples: memberships, folder grants, parents, direct grants. */
function tupleAt(i: number) {
  const kind = i % 4;
  if (kind === 0) return { user: `user:u${i}`, relation: 'member', object: `group:g${Math.floor(i / 4) % 20_000}` };
  if (kind === 1) return { user: `group:g${i % 20_000}#member`, relation: 'viewer', object: `folder:f${Math.floor(i / 4)}` };
  if (kind === 2) return { user: `folder:f${i % 50_000}`, relation: 'parent', object: `doc:d${Math.floor(i / 4)}` };
  return { user: `user:u${i % 100_000}`, relation: 'viewer', object: `doc:d${Math.floor(i / 4)}` };
}

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
const datastore = await createPostgresDatastore({ connectionString: testDatabaseUrl, schema, maxConnections: 4, statementTimeoutMs: 0 });
try {
  await generate(file);
  await datastore.migrate();
  const service = createRelataService({ datastore, logger: silentLogger() });
  const storeId = (await service.createStore({ name: 'bulk bench' })).id;
  await service.writeAuthorizationModel({ storeId, model });
  console.log(`${total} tuples, ${format}, ${(statSync(file).size / 2 ** 20).toFixed(1)} MiB, batches of ${batch}; load before: ${load()}`);

  let started = performance.now();
  const first = await importTuplesCommand(service, file, { store: storeId, batchSize: batch, progress: false });
  let seconds = (performance.now() - started) / 1000;
  console.log(`import: ${first.inserted} new in ${seconds.toFixed(1)}s = ${Math.round(total / seconds)} tuples/s (load ${load()})`);

  started = performance.now();
  const again = await importTuplesCommand(service, file, { store: storeId, batchSize: batch, progress: false });
  seconds = (performance.now() - started) / 1000;
  console.log(`re-import (all present): ${again.inserted} new in ${seconds.toFixed(1)}s = ${Math.round(total / seconds)} tuples/s (load ${load()})`);

  started = performance.now();
  const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
  const exported = await exportTuplesCommand(service, storeId, format, sink);
  seconds = (performance.now() - started) / 1000;
  console.log(`export: ${exported} tuples in ${seconds.toFixed(1)}s = ${Math.round(exported / seconds)} tuples/s (load ${load()})`);
} finally {
  await datastore.close();
  await dropTestSchema(schema);
  rmSync(dir, { recursive: true, force: true });
}
