// WriteTuples on SQL: one transaction holding the store's advisory lock (so concurrent writers
// of a store serialize, and revisions follow commit order). The exact path reads which of the
// request's tuples exist, decides (write-plan.ts), then deletes and applies. Plain inserts
// (no deletes, duplicates are errors) first try an optimistic path of one statement: when a
// tuple already exists it rolls back and the exact path reports the error.
//
// Round trips under the store lock are what bound the write throughput of a store (its writers
// queue on the lock), so each step is one statement over unnest arrays, and the apply statement
// also deletes the plan's deletes (when no key is both deleted and rewritten) and locks the
// audit chain's head: a plain insert is BEGIN+lock, apply, audit insert, COMMIT.
import { ErrorCode, InternalError, RelataError } from '../../model/index.js';
import type { AuditDraft } from '../audit-repository.js';
import type { WriteResult, WriteTuplesRequest } from '../datastore.js';
import { keyString, toExpiringKey } from '../tuple-columns.js';
import type { TupleColumns } from '../tuple-columns.js';
import { parseWrite, planWrite } from '../write-plan.js';
import { asBigint, conditionArrays, expiryArray, keyArrays, rowToColumns } from './rows.js';
import type { SqlClient } from './sql-client.js';
import { appendLockedAuditSql, chainHeadOf, lockHeadSql } from './sql-audit.js';
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
// writes); a tuple carries its batch's last revision. Its variants also delete the deleted
// tuples (the `deletes` variant; only when no key is deleted and written again: the sub-statements of one
// statement do not see each other's changes) and lock the audit chain's head ($12, the chain).
const applyChanges = (variant: { deletes: boolean; auditChain: boolean }) => `WITH ${variant.deletes ? `d AS (
  DELETE FROM tuple t USING ${changeUnnest}
  WHERE k.op = 'delete' AND ${keyJoin}
  RETURNING 1),` : ''}${variant.auditChain ? `h AS (${lockHeadSql('$12')}),` : ''} c AS (
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
SELECT (SELECT revision FROM rev)::text AS revision, (SELECT count(*) FROM ins)::integer AS inserted${
  variant.deletes ? ', (SELECT count(*) FROM d)::integer AS deleted' : ''}${variant.auditChain ? ', h.head_seq, h.head_hash FROM h' : ''}`;

const applyVariants = [false, true].flatMap((deletes) => [false, true].map((auditChain) => ({ deletes, auditChain, text: applyChanges({ deletes, auditChain }) })));

export const selectCurrentRevision = 'SELECT coalesce(max(revision), 0)::text AS revision FROM changelog WHERE store = $1';

/** Thrown inside the optimistic transaction to roll it back when a tuple already existed. */
class OptimisticConflict extends RelataError {
  constructor() {
    super(ErrorCode.Aborted, 'optimistic write found an existing tuple');
  }
}

/**
 * Appends the changes to the changelog, inserts the writes and, when `deleteToo`, deletes the
 * deletes; with an audit draft, also locks its chain's head. One round trip.
 */
export async function apply(tx: SqlClient, storeId: string, deletes: TupleColumns[], writes: TupleColumns[], audit?: AuditDraft, deleteToo = false) {
  const changes = [...deletes, ...writes];
  const ops = [...deletes.map(() => 'delete'), ...writes.map(() => 'write')];
  const variant = applyVariants.find((v) => v.deletes === deleteToo && v.auditChain === (audit !== undefined))!;
  const params: unknown[] = [storeId, ops, ...keyArrays(changes), ...conditionArrays(changes), expiryArray(changes)];
  if (audit) params.push(audit.chain);
  const name = `relata_apply_changes${deleteToo ? '_d' : ''}${audit ? '_a' : ''}`;
  const [row] = await tx.query(variant.text, params, name);
  return { row, revision: asBigint(row?.revision), inserted: Number(row?.inserted), deleted: Number(row?.deleted) };
}

/** The audit record of what this transaction changed, appended before it commits (its head locked by `apply`). */
async function audited(tx: SqlClient, audit: AuditDraft | undefined, applied: Awaited<ReturnType<typeof apply>>, deletes: TupleColumns[], writes: TupleColumns[]): Promise<WriteResult> {
  const { revision } = applied;
  if (audit) {
    const heads = new Map([[audit.chain, chainHeadOf(applied.row)]]);
    await appendLockedAuditSql(tx, [audit], heads, { revision, deletes: deletes.map(toExpiringKey), writes: writes.map(toExpiringKey) });
  }
  return { revision };
}

/** `closureMaxWork`: the bound of the closure index's maintenance (maintainClosureSql). */
export async function writeTuplesSql(client: SqlClient, storeId: string, request: WriteTuplesRequest, closureMaxWork: number, audit?: AuditDraft): Promise<WriteResult> {
  const parsed = parseWrite(request);
  const lock = { lock: `relata.store:${storeId}` };
  if (parsed.deletes.length === 0 && parsed.writes.length > 0 && request.onDuplicate !== 'ignore') {
    try {
      return await client.transaction(async (tx) => {
        const applied = await apply(tx, storeId, [], parsed.writes, audit, false);
        if (applied.inserted !== parsed.writes.length) throw new OptimisticConflict();
        await maintainClosureSql(tx, storeId, [], parsed.writes, closureMaxWork);
        return audited(tx, audit, applied, [], parsed.writes);
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
    // A key deleted and written again needs the delete to be visible to the insert: two statements.
    const rewritten = plan.deletes.length > 0 && plan.writes.length > 0 && overlaps(plan.deletes, plan.writes);
    if (rewritten) await tx.query(deleteTuples, [storeId, ...keyArrays(plan.deletes)], 'relata_delete_tuples');
    const applied = await apply(tx, storeId, plan.deletes, plan.writes, audit, plan.deletes.length > 0 && !rewritten);
    // Under the store lock nothing can have slipped in since the lookup; if it did, say so loudly.
    const deletedAll = rewritten || plan.deletes.length === 0 || applied.deleted === plan.deletes.length;
    if (applied.inserted !== plan.writes.length || !deletedAll) throw new InternalError('internal server error', { cause: new Error('tuple table changed under the store lock') });
    await maintainClosureSql(tx, storeId, plan.deletes, plan.writes, closureMaxWork);
    return audited(tx, audit, applied, plan.deletes, plan.writes);
  }, lock);
}

function overlaps(deletes: readonly TupleColumns[], writes: readonly TupleColumns[]): boolean {
  const deleted = new Set(deletes.map(keyString));
  return writes.some((w) => deleted.has(keyString(w)));
}
