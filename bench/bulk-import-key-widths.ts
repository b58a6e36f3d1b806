// What the width of the tuple tables' keys costs a bulk load: the floor of bench/bulk-import.ts
// (PostgreSQL alone COPYing the import's rows, same batches, two connections) into tables shaped
// like `tuple` and `changelog` with their indexes, once with today's text keys and once with
// integer ids for store, type and relation names (object and user ids stay text), in interleaved
// rounds, CHECKPOINT before each. A measurement for a schema decision, not a schema Relata has.
//
//   npx tsx bench/bulk-import-key-widths.ts [--tuples 500000] [--rounds 3] [--batch 5000] [--connections 2]
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { dropTestSchema, testDatabaseUrl } from '../test/helpers/services.js';
import { bulkTupleAt } from './lib/bulk-dataset.js';
import { copyFloor, floorBatches } from './lib/bulk-floor.js';
import type { FloorBatches } from './lib/bulk-floor.js';
import { cpuSpent, postgresCpuSeconds, withApplicationName } from './lib/postgres-cpu.js';

const { values: args } = parseArgs({
  options: { tuples: { type: 'string', default: '500000' }, rounds: { type: 'string', default: '3' }, batch: { type: 'string', default: '5000' }, connections: { type: 'string', default: '2' } },
});
const total = Number(args.tuples);
const connections = Number(args.connections);

// The columns of the floor's COPY: store, object_type, object_id, relation, user_type, user_id, user_relation, ...
const nameColumns = [1, 3, 4, 6];
const tables = (key: string, name: string): string => `
  CREATE SEQUENCE revision_seq AS bigint;
  CREATE TABLE tuple (store ${key} NOT NULL, object_type ${name} NOT NULL, object_id text COLLATE "C" NOT NULL, relation ${name} NOT NULL,
    user_type ${name} NOT NULL, user_id text COLLATE "C" NOT NULL, user_relation ${name} NOT NULL, condition_name text, condition_context jsonb,
    revision bigint NOT NULL, inserted_at timestamptz NOT NULL DEFAULT now(), expires_at timestamptz,
    PRIMARY KEY (store, object_type, object_id, relation, user_type, user_id, user_relation));
  CREATE INDEX tuple_reverse_idx ON tuple (store, object_type, relation, user_type, user_relation, user_id);
  CREATE TABLE changelog (store ${key} NOT NULL, revision bigint NOT NULL DEFAULT nextval('revision_seq'), op text NOT NULL,
    object_type ${name} NOT NULL, object_id text COLLATE "C" NOT NULL, relation ${name} NOT NULL, user_type ${name} NOT NULL,
    user_id text COLLATE "C" NOT NULL, user_relation ${name} NOT NULL, condition_name text, condition_context jsonb,
    at timestamptz NOT NULL DEFAULT now(), expires_at timestamptz, PRIMARY KEY (store, revision) INCLUDE (object_type))`;

/** The same COPY lines with the store, type and relation names replaced by integer ids. */
function withIds(batch: Buffer, ids: Map<string, number>): Buffer {
  const id = (name: string): string => {
    let value = ids.get(name);
    if (value === undefined) ids.set(name, (value = ids.size));
    return String(value);
  };
  const lines = batch.toString('utf8').split('\n');
  return Buffer.from(
    lines.map((line) => {
      if (line === '') return line;
      const fields = line.split('\t');
      fields[0] = '1';
      for (const i of nameColumns) fields[i] = id(fields[i]);
      return fields.join('\t');
    }).join('\n'),
  );
}

const text: FloorBatches = floorBatches('01JKEYWIDTHS00000000000000', total, Number(args.batch), bulkTupleAt);
const ids = new Map<string, number>([['', 0]]);
const integer: FloorBatches = { tuple: text.tuple.map((b) => withIds(b, ids)), changelog: text.changelog.map((b) => withIds(b, ids)) };
const variants = [
  { name: 'text keys (today)', ddl: tables('text COLLATE "C"', 'text COLLATE "C"'), batches: text },
  { name: 'integer store, type, relation', ddl: tables('integer', 'integer'), batches: integer },
];

const admin = new pg.Client({ connectionString: testDatabaseUrl });
await admin.connect();
try {
  for (let round = 1; round <= Number(args.rounds); round++) {
    for (const variant of variants) {
      const schema = `relata_bench_widths_${Date.now().toString(36)}`;
      const applicationName = `relata_bench_${schema}`;
      await admin.query(`CREATE SCHEMA ${schema}; SET search_path = ${schema}; ${variant.ddl}; RESET search_path`);
      const pool = new pg.Pool({ connectionString: withApplicationName(testDatabaseUrl, applicationName), max: connections, options: `-c search_path=${schema}` });
      try {
        await admin.query('CHECKPOINT');
        const db0 = await postgresCpuSeconds(admin, applicationName);
        const started = performance.now();
        await copyFloor(pool, variant.batches, connections);
        const seconds = (performance.now() - started) / 1000;
        const dbUs = (cpuSpent(db0, await postgresCpuSeconds(admin, applicationName)) * 1e6) / total;
        console.log(`round ${round}, ${variant.name}: ${Math.round(total / seconds)} tuples/s, PostgreSQL ${dbUs.toFixed(1)} µs per tuple (load ${loadavg().map((n) => n.toFixed(2)).join(' ')})`);
      } finally {
        await pool.end();
        await dropTestSchema(schema);
      }
    }
  }
} finally {
  await admin.end();
}
