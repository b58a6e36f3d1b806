// The bulk insert on SQL: one statement per batch that finds which tuples are new, appends one
// changelog row each and inserts them, under the store's advisory lock (as writeTuplesSql) so
// revisions still follow commit order. One statement where writeTuples' exact path needs two (a
// read of the existing tuples, then the write); bench/bulk-import.ts measures it.
import type { TupleKey } from '../../model/index.js';
import { TupleAlreadyExistsError } from '../errors.js';
import { requireDistinct, toColumns } from '../tuple-columns.js';
import type { ImportTuplesResult } from '../tuple-import.js';
import { asBigint, conditionArrays, keyArrays } from './rows.js';
import type { SqlClient } from './sql-client.js';
import { selectCurrentRevision } from './sql-tuple-writer.js';
import { maintainClosureSql } from './sql-closure-index.js';

const keys = `unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
    WITH ORDINALITY AS k(ot, oi, r, ut, ui, ur, cn, cc, ord)`;
// One index probe per row of the batch (LATERAL ... LIMIT 1): a plain join may be planned as
// a hash of every tuple of the store, which makes each batch cost as much as the store is large.
const storedLookup = `SELECT t.condition_name, t.condition_context FROM tuple t
    WHERE t.store = $1 AND t.object_type = k.ot AND t.object_id = k.oi AND t.relation = k.r
      AND t.user_type = k.ut AND t.user_id = k.ui AND t.user_relation = k.ur LIMIT 1`;

// `conflict`: the first stored tuple whose condition differs (jsonb '=' ignores key order, and a
// missing context equals an empty one, as sameCondition has it). When there is one the batch is
// rolled back by the caller, so the inserts below it never commit.
const importBatch = `WITH k AS (SELECT * FROM ${keys}),
stored AS (SELECT k.ord, (t.condition_name IS DISTINCT FROM k.cn
    OR coalesce(t.condition_context, '{}'::jsonb) <> coalesce(k.cc::jsonb, '{}'::jsonb)) AS differs
  FROM k CROSS JOIN LATERAL (${storedLookup}) t),
fresh AS (SELECT k.* FROM k WHERE k.ord NOT IN (SELECT ord FROM stored)),
c AS (
  INSERT INTO changelog (store, op, object_type, object_id, relation, user_type, user_id, user_relation, condition_name, condition_context)
  SELECT $1, 'write', ot, oi, r, ut, ui, ur, cn, cc::jsonb FROM fresh ORDER BY ord
  RETURNING revision),
rev AS (SELECT max(revision) AS revision FROM c),
ins AS (
  INSERT INTO tuple (store, object_type, object_id, relation, user_type, user_id, user_relation, condition_name, condition_context, revision)
  SELECT $1, ot, oi, r, ut, ui, ur, cn, cc::jsonb, rev.revision FROM fresh, rev
  RETURNING 1)
SELECT (SELECT revision FROM rev)::text AS revision, (SELECT count(*) FROM ins)::integer AS inserted,
  (SELECT min(ord) FROM stored WHERE differs)::integer AS conflict,
  (SELECT array_agg(ord::integer) FROM fresh) AS fresh`;

export async function importTuplesSql(client: SqlClient, storeId: string, tuples: readonly TupleKey[]): Promise<ImportTuplesResult> {
  const columns = tuples.map(toColumns);
  requireDistinct(columns, 'writes');
  if (columns.length === 0) {
    const [row] = await client.query(selectCurrentRevision, [storeId], 'relata_current_revision');
    return { revision: asBigint(row?.revision), inserted: 0 };
  }
  return client.transaction(async (tx) => {
    const [row] = await tx.query(importBatch, [storeId, ...keyArrays(columns), ...conditionArrays(columns)], 'relata_import_tuples');
    // Thrown inside the transaction, so the rows the statement inserted roll back with it.
    if (row?.conflict !== null && row?.conflict !== undefined) throw new TupleAlreadyExistsError(tuples[Number(row.conflict) - 1]);
    if (row?.revision !== null && row?.revision !== undefined) {
      const fresh = Array.isArray(row.fresh) ? (row.fresh as unknown[]).map((ord) => columns[Number(ord) - 1]) : [];
      await maintainClosureSql(tx, storeId, [], fresh);
      return { revision: asBigint(row.revision), inserted: Number(row.inserted) };
    }
    const [current] = await tx.query(selectCurrentRevision, [storeId], 'relata_current_revision');
    return { revision: asBigint(current?.revision), inserted: 0 };
  }, { lock: `relata.store:${storeId}` });
}
