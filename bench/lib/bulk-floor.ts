// The floor of a bulk import on PostgreSQL: the same rows COPYed into freshly migrated `tuple`
// and `changelog` tables by PostgreSQL alone (COPY bytes built before the clock starts), in the
// import's batches, one transaction each, over the import's number of connections. What is left
// out is everything Relata adds: reading, parsing and validating the file, building the bytes,
// the fresh-load probe, the store's lock, the revision range, the audit record, the post-insert
// hooks. The import's rate over this one, measured in the same run, is how close it comes to what
// this schema allows on this machine.
import pg from 'pg';
import type { TupleKey } from '../../src/model/index.js';
import { PgClient } from '../../src/storage/postgres/index.js';
import { SqlDatastore } from '../../src/storage/sql/sql-datastore.js';
import { changelogCopyBytes, changelogCopyColumns, tupleCopyBytes, tupleCopyColumns } from '../../src/storage/sql/sql-tuple-import.js';
import { toColumns } from '../../src/storage/tuple-columns.js';
import { dropTestSchema } from '../../test/helpers/services.js';

export interface FloorBatches {
  tuple: Buffer[];
  changelog: Buffer[];
}

/** The COPY bytes of every batch, as the import's direct path builds them. */
export function floorBatches(storeId: string, count: number, batchSize: number, tupleAt: (i: number) => TupleKey): FloorBatches {
  const batches: FloorBatches = { tuple: [], changelog: [] };
  for (let first = 0; first < count; first += batchSize) {
    const columns = [];
    for (let i = first; i < Math.min(count, first + batchSize); i++) columns.push(toColumns(tupleAt(i)));
    const tupleBytes = tupleCopyBytes(storeId, columns, '1');
    batches.tuple.push(tupleBytes);
    batches.changelog.push(changelogCopyBytes(tupleBytes, '1', columns.length));
  }
  return batches;
}

/** A fresh schema of the current migrations, for the floor; dropped by `drop`. */
export async function floorSchema(connectionString: string, schema: string, connections: number): Promise<{ pool: pg.Pool; drop: () => Promise<void> }> {
  const pool = new pg.Pool({ connectionString, max: connections, options: `-c search_path=${schema}` });
  await new SqlDatastore({ kind: 'postgres', client: new PgClient(pool), schema, close: async () => undefined }).migrate();
  return { pool, drop: async () => { await pool.end(); await dropTestSchema(schema); } };
}

/** COPYs the batches, each connection taking the next batch as it finishes one: the import's own transaction and COPY path. */
export async function copyFloor(pool: pg.Pool, batches: FloorBatches, connections: number): Promise<void> {
  const client = new PgClient(pool);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let b = next++; b < batches.tuple.length; b = next++) {
      await client.transaction(async (tx) => {
        await tx.copyRows!('tuple', tupleCopyColumns, batches.tuple[b]);
        await tx.copyRows!('changelog', changelogCopyColumns, batches.changelog[b]);
      });
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
}
