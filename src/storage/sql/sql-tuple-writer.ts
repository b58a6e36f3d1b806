// WriteTuples on SQL: one transaction holding the store's advisory lock (so concurrent writers
// of a store serialize, and revisions follow commit order). The exact path reads which of the
// request's tuples exist, decides (write-plan.ts), then deletes and applies. Plain inserts
// (no deletes, duplicates are errors) first try an optimistic path of one statement: when a
// tuple already exists it rolls back and the exact path reports the error.
import { ErrorCode, InternalError, RelataError } from '../../model/index.js';
import type { AuditDraft } from '../audit-repository.js';
import type { WriteResult, WriteTuplesRequest } from '../datastore.js';
import { keyString, toExpiringKey } from '../tuple-columns.js';
import type { TupleColumns } from '../tuple-columns.js';
import { parseWrite, planWrite } from '../write-plan.js';
import { asBigint, conditionArrays, expiryArray, keyArrays, rowToColumns } from './rows.js';
import type { SqlClient } from './sql-client.js';
import { appendAuditSql } from './sql-audit.js';
import { maintainClosureSql } from './sql-closure-index.js';

const keyUnnest = 'unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) AS k(ot, oi, r, ut, ui, ur)';
const keyJoin = `t.store = $1 AND t.object_type = k.ot AND t.object_id = k.oi AND t.relation = k.r
  AND t.user_type = k.ut AND t.user_id = k.ui AND t.user_relation = k.ur`;

export const selectExisting = `SELECT t.object_type, t.object_id, t.relation, t.user_type, t.user_id, t.user_relation,
  t.condition_name, t.condition_context, t.expires_at FROM ${keyUnnest} JOIN tuple t ON ${keyJoin}`;

export const deleteTuples = `DELETE FROM tuple t USING ${keyUnnest} WHERE ${keyJoin}`;

const changeUnnest = `unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::timestamptz[])
    WITH ORDINALITY AS k(op, ot, oi, r, ut, ui, ur, cn, cc, ex, ord)`;

// One statement appends the changelog and inserts the written tuples, reporting how many tuples
// it inserted. Revisions come from the column default, taken in request order (deletes, then
// writes); a tuple carries its batch's last revision.
const applyChanges = `WITH c AS (
  INSERT INTO changelog (store, op, object_type, object_id, relation, user_type, user_id, user_relation, condition_name, condition_context, expires_at)
  SELECT $1, k.op, k.ot, k.oi, k.r, k.ut, k.ui, k.ur, k.cn, k.cc::jsonb, k.ex FROM ${changeUnnest}
  ORDER BY k.ord
  RETURNING revision),
rev AS (SELECT max(revision) AS revision FROM c),
ins AS (
  INSERT INTO tuple (store, object_type, object_id, relation, user_type, user_id, user_relation, condition_name, condition_context, expires_at, revision)
  SELECT $1, k.ot, k.oi, k.r, k.ut, k.ui, k.ur, k.cn, k.cc::jsonb, k.ex, rev.revision FROM ${changeUnnest}, rev
  WHERE k.op = 'write'
  ON CONFLICT DO NOTHING
  RETURNING 1)
SELECT (SELECT revision FROM rev)::text AS revision, (SELECT count(*) FROM ins)::integer AS inserted`;

export const selectCurrentRevision = 'SELECT coalesce(max(revision), 0)::text AS revision FROM changelog WHERE store = $1';

/** Thrown inside the optimistic transaction to roll it back when a tuple already existed. */
class OptimisticConflict extends RelataError {
  constructor() {
    super(ErrorCode.Aborted, 'optimistic write found an existing tuple');
  }
}

/** Appends the changelog rows of `deletes` then `writes` and inserts `writes`, in one statement. */
export function apply(tx: SqlClient, storeId: string, deletes: TupleColumns[], writes: TupleColumns[]) {
  const changes = [...deletes, ...writes];
  const ops = [...deletes.map(() => 'delete'), ...writes.map(() => 'write')];
  return tx.query(applyChanges, [storeId, ops, ...keyArrays(changes), ...conditionArrays(changes), expiryArray(changes)], 'relata_apply_changes');
}

/** The audit record of what this transaction changed, appended before it commits. */
async function audited(tx: SqlClient, audit: AuditDraft | undefined, revision: bigint, deletes: TupleColumns[], writes: TupleColumns[]): Promise<WriteResult> {
  if (audit) await appendAuditSql(tx, [audit], { revision, deletes: deletes.map(toExpiringKey), writes: writes.map(toExpiringKey) });
  return { revision };
}

export async function writeTuplesSql(client: SqlClient, storeId: string, request: WriteTuplesRequest, audit?: AuditDraft): Promise<WriteResult> {
  const parsed = parseWrite(request);
  const lock = { lock: `relata.store:${storeId}` };
  if (parsed.deletes.length === 0 && parsed.writes.length > 0 && request.onDuplicate !== 'ignore') {
    try {
      return await client.transaction(async (tx) => {
        const [row] = await apply(tx, storeId, [], parsed.writes);
        if (Number(row?.inserted) !== parsed.writes.length) throw new OptimisticConflict();
        await maintainClosureSql(tx, storeId, [], parsed.writes);
        return audited(tx, audit, asBigint(row?.revision), [], parsed.writes);
      }, lock);
    } catch (err) {
      if (!(err instanceof OptimisticConflict)) throw err;
    }
  }
  return client.transaction(async (tx) => {
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
    const [row] = await apply(tx, storeId, plan.deletes, plan.writes);
    // Under the store lock nothing can have slipped in since the lookup; if it did, say so loudly.
    if (Number(row?.inserted) !== plan.writes.length) throw new InternalError('internal server error', { cause: new Error('tuple table changed under the store lock') });
    await maintainClosureSql(tx, storeId, plan.deletes, plan.writes);
    return audited(tx, audit, asBigint(row?.revision), plan.deletes, plan.writes);
  }, lock);
}
