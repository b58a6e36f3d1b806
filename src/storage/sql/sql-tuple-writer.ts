// WriteTuples on SQL: one transaction that takes the store's advisory lock (so concurrent
// writers of a store serialize, and revisions follow commit order), reads which of the
// request's tuples exist, decides (write-plan.ts), then deletes, appends the changelog and inserts.
import type { WriteResult, WriteTuplesRequest } from '../datastore.js';
import { keyString } from '../tuple-columns.js';
import type { TupleColumns } from '../tuple-columns.js';
import { parseWrite, planWrite } from '../write-plan.js';
import { asBigint, conditionArrays, keyArrays, rowToColumns } from './rows.js';
import type { SqlClient } from './sql-client.js';

const keyUnnest = 'unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) AS k(ot, oi, r, ut, ui, ur)';
const keyJoin = `t.store = $1 AND t.object_type = k.ot AND t.object_id = k.oi AND t.relation = k.r
  AND t.user_type = k.ut AND t.user_id = k.ui AND t.user_relation = k.ur`;

const lockStore = 'SELECT pg_advisory_xact_lock(hashtext($1))';

const selectExisting = `SELECT t.object_type, t.object_id, t.relation, t.user_type, t.user_id, t.user_relation,
  t.condition_name, t.condition_context FROM ${keyUnnest} JOIN tuple t ON ${keyJoin}`;

const deleteTuples = `DELETE FROM tuple t USING ${keyUnnest} WHERE ${keyJoin}`;

const changeUnnest = `unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])
    WITH ORDINALITY AS k(op, ot, oi, r, ut, ui, ur, cn, cc, ord)`;

// One statement appends the changelog and inserts the written tuples. Revisions come from the
// column default, taken in request order (deletes, then writes); a tuple carries its batch's
// last revision.
const applyChanges = `WITH c AS (
  INSERT INTO changelog (store, op, object_type, object_id, relation, user_type, user_id, user_relation, condition_name, condition_context)
  SELECT $1, k.op, k.ot, k.oi, k.r, k.ut, k.ui, k.ur, k.cn, k.cc::jsonb FROM ${changeUnnest}
  ORDER BY k.ord
  RETURNING revision),
rev AS (SELECT max(revision) AS revision FROM c),
ins AS (
  INSERT INTO tuple (store, object_type, object_id, relation, user_type, user_id, user_relation, condition_name, condition_context, revision)
  SELECT $1, k.ot, k.oi, k.r, k.ut, k.ui, k.ur, k.cn, k.cc::jsonb, rev.revision FROM ${changeUnnest}, rev
  WHERE k.op = 'write')
SELECT revision::text AS revision FROM rev`;

export const selectCurrentRevision = 'SELECT coalesce(max(revision), 0)::text AS revision FROM changelog WHERE store = $1';

export async function writeTuplesSql(client: SqlClient, storeId: string, request: WriteTuplesRequest): Promise<WriteResult> {
  const parsed = parseWrite(request);
  return client.transaction(async (tx) => {
    await tx.query(lockStore, [`relata.store:${storeId}`], 'relata_lock_store');
    const lookup = [...parsed.deletes, ...parsed.writes];
    const existing = new Map<string, TupleColumns>();
    if (lookup.length > 0) {
      for (const row of await tx.query(selectExisting, [storeId, ...keyArrays(lookup)], 'relata_write_existing')) {
        const columns = rowToColumns(row);
        existing.set(keyString(columns), columns);
      }
    }
    const plan = planWrite(request, parsed, existing);
    if (plan.deletes.length === 0 && plan.writes.length === 0) {
      const [row] = await tx.query(selectCurrentRevision, [storeId], 'relata_current_revision');
      return { revision: asBigint(row?.revision) };
    }
    if (plan.deletes.length > 0) await tx.query(deleteTuples, [storeId, ...keyArrays(plan.deletes)], 'relata_delete_tuples');
    const changes = [...plan.deletes, ...plan.writes];
    const ops = [...plan.deletes.map(() => 'delete'), ...plan.writes.map(() => 'write')];
    const [row] = await tx.query(applyChanges, [storeId, ops, ...keyArrays(changes), ...conditionArrays(changes)], 'relata_apply_changes');
    const revision = asBigint(row?.revision);
    return { revision };
  });
}
