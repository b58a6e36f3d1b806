// Where PostgreSQL's time goes in the real import path, statement by statement: loads the
// tuples of bench/bulk-import.ts through the service's import session (validation, then
// Datastore.importTuples, batches of 5,000) into a fresh store on one connection, and charges the
// CPU time its backend spent (from /proc) to each statement. The statistics keeper is off, so
// statements never overlap and the attribution is exact (its ANALYZE runs come on top; see
// README "Bulk operations"). Prints µs of backend CPU per tuple, with the load average.
//
//   npx tsx bench/bulk-import-statements.ts [--tuples 200000] [--batch 5000]
import { loadavg } from 'node:os';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { silentLogger } from '../src/observability/index.js';
import { createRelataService } from '../src/service/index.js';
import { PgClient } from '../src/storage/postgres/index.js';
import { SqlDatastore } from '../src/storage/sql/sql-datastore.js';
import type { SqlClient, SqlRow, TransactionOptions } from '../src/storage/sql/sql-client.js';
import { dropTestSchema, testDatabaseUrl } from '../test/helpers/services.js';
import { bulkModel, bulkTupleAt } from './lib/bulk-dataset.js';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i].replace(/^--/, ''), process.argv[i + 1]);
const total = Number(args.get('tuples') ?? 200_000);
const batchSize = Number(args.get('batch') ?? 5000);

const cpuSeconds = (pid: number): number => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
};
const load = (): string => loadavg().map((n) => n.toFixed(2)).join(' ');

const spent = new Map<string, number>();
let pid = 0;
const label = (text: string): string => text.replace(/\s+/g, ' ').slice(0, 70);
async function charge<T>(name: string, body: () => Promise<T>): Promise<T> {
  const before = cpuSeconds(pid);
  try {
    return await body();
  } finally {
    spent.set(name, (spent.get(name) ?? 0) + cpuSeconds(pid) - before);
  }
}

/** The real client, charging each statement's backend CPU to its text. */
class ChargedClient implements SqlClient {
  constructor(private readonly inner: SqlClient) {}
  query(text: string, params?: readonly unknown[], name?: string): Promise<SqlRow[]> {
    return charge(label(text), () => this.inner.query(text, params, name));
  }
  exec(script: string): Promise<void> {
    return charge(label(script), () => this.inner.exec(script));
  }
  async transaction<T>(fn: (tx: SqlClient) => Promise<T>, options?: TransactionOptions): Promise<T> {
    // BEGIN (+ lock) and COMMIT: the transaction's time outside its statements.
    let inside = 0;
    const before = cpuSeconds(pid);
    const result = await this.inner.transaction(async (tx) => {
      const start = cpuSeconds(pid);
      try {
        return await fn(new ChargedClient(tx));
      } finally {
        inside += cpuSeconds(pid) - start;
      }
    }, options);
    const name = options?.lock ? 'lock' : 'BEGIN + COMMIT';
    spent.set(name, (spent.get(name) ?? 0) + cpuSeconds(pid) - before - inside);
    return result;
  }
  get copyRows(): SqlClient['copyRows'] {
    const copy = this.inner.copyRows?.bind(this.inner);
    return copy ? (table, columns, data) => charge('COPY into the staging table', () => copy(table, columns, data)) : undefined;
  }
}

const schema = `relata_bench_statements_${Date.now().toString(36)}`;
const pool = new pg.Pool({ connectionString: testDatabaseUrl, max: 1, options: `-c search_path=${schema}` });
const datastore = new SqlDatastore({ kind: 'postgres', client: new ChargedClient(new PgClient(pool)), schema, close: () => pool.end(), statistics: false });
try {
  pid = (await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
  await datastore.migrate();
  const service = createRelataService({ datastore, logger: silentLogger() });
  const storeId = (await service.createStore({ name: 'statements' })).id;
  await service.writeAuthorizationModel({ storeId, model: bulkModel });
  const session = await service.openTupleImport({ storeId });
  spent.clear();
  const before = cpuSeconds(pid);
  for (let i = 0; i < total; i += batchSize) {
    await session.writeBatch(Array.from({ length: Math.min(batchSize, total - i) }, (_, j) => bulkTupleAt(i + j)));
  }
  const all = cpuSeconds(pid) - before;
  const micros = (seconds: number): string => ((seconds * 1e6) / total).toFixed(2).padStart(6);
  console.log(`${total} new tuples in batches of ${batchSize}: PostgreSQL backend ${micros(all)} µs per tuple (load ${load()})`);
  for (const [name, seconds] of [...spent].sort((a, b) => b[1] - a[1])) console.log(`${micros(seconds)}  ${name}`);
} finally {
  await datastore.close();
  await dropTestSchema(schema);
}
