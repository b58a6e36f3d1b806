// Where the time of `relata tuples import` goes, phase by phase, on the tuples of
// bench/bulk-import.ts: CPU per tuple of this process for reading + parsing the file, for
// validating against the model, and for building the COPY text; and CPU per tuple of the one
// PostgreSQL backend (from /proc) for COPY into the staging table and for inserting the staged
// rows into tables shaped like `tuple` with no index, with its primary key, with both its
// indexes, and into `changelog`. Each phase loads the same tuples in batches, one transaction
// each, into tables of a schema of its own (dropped afterwards). Measured with the load average:
// on a shared machine the CPU figures are the steadier ones.
//
//   npx tsx bench/bulk-import-phases.ts [--tuples 200000] [--batch 5000]
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { silentLogger } from '../src/observability/index.js';
import { createRelataService } from '../src/service/index.js';
import { createMemoryDatastore } from '../src/storage/memory/index.js';
import { toColumns } from '../src/storage/tuple-columns.js';
import { deleteExpiredStored, importMixedSql, stageText } from '../src/storage/sql/sql-tuple-import.js';
import { readTupleFile } from '../src/cli/tuple-files/read-tuples.js';
import { dropTestSchema, testDatabaseUrl } from '../test/helpers/services.js';
import { bulkModel, bulkTupleAt } from './lib/bulk-dataset.js';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i].replace(/^--/, ''), process.argv[i + 1]);
const total = Number(args.get('tuples') ?? 200_000);
const batchSize = Number(args.get('batch') ?? 5000);

const model = bulkModel;
const tupleAt = bulkTupleAt;

const load = (): string => loadavg().map((n) => n.toFixed(2)).join(' ');
const cpuSeconds = (pid: number): number => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
};
const nodeMicros = async (body: () => Promise<void>): Promise<number> => {
  const start = process.cpuUsage();
  await body();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / total;
};

const dir = mkdtempSync(join(tmpdir(), 'relata-bulk-phases-'));
const file = join(dir, 'tuples.jsonl');
const schema = `relata_bench_phases_${Date.now().toString(36)}`;
const client = new pg.Client({ connectionString: testDatabaseUrl, options: `-c search_path=${schema}` });

try {
  const out = createWriteStream(file);
  for (let i = 0; i < total; i++) if (!out.write(`${JSON.stringify(tupleAt(i))}\n`)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
  console.log(`${total} tuples in batches of ${batchSize}; load before: ${load()}`);

  // Node: the same steps the import takes, one at a time.
  const parse = await nodeMicros(async () => {
    for await (const line of readTupleFile(file, 'jsonl', {})) void line;
  });
  const service = createRelataService({ datastore: createMemoryDatastore(), logger: silentLogger() });
  const storeId = (await service.createStore({ name: 'phases' })).id;
  await service.writeAuthorizationModel({ storeId, model });
  const session = await service.openTupleImport({ storeId });
  const keys = Array.from({ length: total }, (_, i) => tupleAt(i));
  const validate = await nodeMicros(async () => {
    for (let i = 0; i < total; i += batchSize) session.validate(keys.slice(i, i + batchSize));
    return Promise.resolve();
  });
  const batches: string[] = [];
  const copyText = await nodeMicros(async () => {
    for (let i = 0; i < total; i += batchSize) batches.push(stageText(keys.slice(i, i + batchSize).map(toColumns)));
    return Promise.resolve();
  });
  console.log(`node CPU per tuple: read + parse ${parse.toFixed(1)} µs, validate ${validate.toFixed(1)} µs, COPY text ${copyText.toFixed(1)} µs (load ${load()})`);

  // PostgreSQL: one backend, its CPU per phase.
  await client.connect();
  await client.query(`CREATE SCHEMA ${schema}`);
  await client.query(readFileSync(new URL('../src/storage/sql/migrations/001_initial.sql', import.meta.url), 'utf8'));
  // The import's statements name expires_at (the staging table carries it).
  await client.query(readFileSync(new URL('../src/storage/sql/migrations/006_tuple_expiry.sql', import.meta.url), 'utf8'));
  await client.query(`CREATE TABLE t_heap (LIKE tuple INCLUDING DEFAULTS);
    CREATE TABLE t_pk (LIKE tuple INCLUDING DEFAULTS); ALTER TABLE t_pk ADD PRIMARY KEY (store, object_type, object_id, relation, user_type, user_id, user_relation);
    CREATE TABLE t_staged (LIKE tuple INCLUDING DEFAULTS)`);
  const pid = ((await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]).pid;
  const cols = 'object_type, object_id, relation, user_type, user_id, user_relation, condition_name, condition_context, expires_at';
  const store = '01JBENCHPHASES0000000000000';
  const phases: [string, (text: string) => Promise<void>][] = [
    ['COPY into staging', async () => Promise.resolve()],
    ['insert: tuple without indexes', async () => void (await client.query(`INSERT INTO t_heap (store, ${cols}, revision) SELECT '${store}', ${cols}, 1 FROM relata_import_stage`))],
    ['insert: tuple with its primary key', async () => void (await client.query(`INSERT INTO t_pk (store, ${cols}, revision) SELECT '${store}', ${cols}, 1 FROM relata_import_stage`))],
    ['insert: tuple with both indexes', async () => void (await client.query(`INSERT INTO tuple (store, ${cols}, revision) SELECT '${store}', ${cols}, 1 FROM relata_import_stage`))],
    ['insert: changelog (2 indexes)', async () => void (await client.query(`INSERT INTO changelog (store, op, ${cols}) SELECT '${store}', 'write', ${cols} FROM relata_import_stage ORDER BY ord`))],
    // The import's statement for batches that meet stored tuples (a probe per row), into another store.
    ['the probing statement: tuple + changelog', async () => void (await client.query(importMixedSql, [`${store.slice(0, -1)}1`]))],
    // What the mixed path runs before it: the delete of stored tuples expired by now (a probe per row).
    ['the expired-tuple delete (stored, none expired)', async () => void (await client.query(deleteExpiredStored, [store, new Date().toISOString()]))],
  ];
  let copyMicros = 0;
  for (const [name, insert] of phases) {
    let phaseCpu = 0;
    let copyCpu = 0;
    for (const text of batches) {
      await client.query('BEGIN');
      await client.query(`CREATE TEMPORARY TABLE relata_import_stage (ord integer NOT NULL,
        object_type text COLLATE "C" NOT NULL, object_id text COLLATE "C" NOT NULL, relation text COLLATE "C" NOT NULL,
        user_type text COLLATE "C" NOT NULL, user_id text COLLATE "C" NOT NULL, user_relation text COLLATE "C" NOT NULL,
        condition_name text, condition_context jsonb, expires_at timestamptz) ON COMMIT DROP`);
      const c0 = cpuSeconds(pid);
      await pipeline(Readable.from([Buffer.from(text)]), client.query(copyFrom(`COPY relata_import_stage (ord, ${cols}) FROM STDIN`)));
      const c1 = cpuSeconds(pid);
      await insert(text);
      await client.query('COMMIT');
      const c2 = cpuSeconds(pid);
      copyCpu += c1 - c0;
      phaseCpu += c2 - c1;
    }
    copyMicros += (copyCpu * 1e6) / total;
    if (name.startsWith('COPY')) console.log(`postgres CPU per tuple: ${name} ${((copyCpu * 1e6) / total).toFixed(1)} µs (load ${load()})`);
    else console.log(`postgres CPU per tuple: ${name} ${((phaseCpu * 1e6) / total).toFixed(1)} µs, commit included (load ${load()})`);
  }
  console.log(`(COPY measured ${phases.length} times: mean ${(copyMicros / phases.length).toFixed(1)} µs per tuple)`);
} finally {
  await client.end().catch(() => undefined);
  await dropTestSchema(schema);
  rmSync(dir, { recursive: true, force: true });
}
