// The expiry sweeper's SQL: one transaction per batch. It first tries the sweep's advisory lock
// (transaction-scoped, so a crashed replica never keeps it): a replica that does not get it does
// nothing, so sweeps of several replicas never overlap. Then, per store, under the same store
// lock writers take (revisions keep following commit order), it deletes the expired tuples it
// found, re-checking their expiry (a writer may have replaced one meanwhile), and appends one
// changelog delete per tuple carrying its expiry, plus the store's audit record.
import type { AuditDraft } from '../audit-repository.js';
import type { SweepResult, SweptStore } from '../datastore.js';
import { keyString, toExpiringKey } from '../tuple-columns.js';
import type { TupleColumns } from '../tuple-columns.js';
import { rowToColumns } from './rows.js';
import type { SqlClient } from './sql-client.js';
import { appendAuditSql } from './sql-audit.js';
import { maintainClosureSql } from './sql-closure-index.js';
import { apply } from './sql-tuple-writer.js';
import { toTupleKey } from '../../model/index.js';

/** The advisory lock (hashtext) that lets one replica sweep at a time. */
export const sweepLockName = 'relata.expiry-sweeper';

const tryLock = 'SELECT pg_try_advisory_xact_lock(hashtext($1)) AS ok';

// Served by tuple_expiry_idx (expires_at, store): how many of the earliest expired tuples (of any
// store) each store holds.
const selectExpiredStores = `SELECT store, count(*)::int AS n FROM (
  SELECT store FROM tuple WHERE expires_at IS NOT NULL AND expires_at <= $1::timestamptz ORDER BY expires_at LIMIT $2) s
  GROUP BY store`;

// One store's earliest expired tuples, found through tuple_store_expiry_idx and deleted by their
// row ids (a TID scan: no join over the key columns). The store lock is held, so no writer moves
// them meanwhile; the expiry is tested again all the same.
const deleteExpired = `DELETE FROM tuple
  WHERE ctid = ANY(ARRAY(
      SELECT ctid FROM tuple WHERE store = $1 AND expires_at IS NOT NULL AND expires_at <= $2::timestamptz ORDER BY expires_at LIMIT $3))
    AND store = $1 AND expires_at <= $2::timestamptz
  RETURNING object_type, object_id, relation, user_type, user_id, user_relation, condition_name, condition_context, expires_at`;

/** `closureMaxWork`: the bound of the closure index's maintenance (maintainClosureSql). */
export async function sweepExpiredSql(client: SqlClient, now: Date, batchSize: number, closureMaxWork: number, audit?: (storeId: string) => AuditDraft): Promise<SweepResult> {
  const at = now.toISOString();
  const limit = Math.max(1, Math.floor(batchSize));
  return client.transaction(async (tx) => {
    const [lock] = await tx.query(tryLock, [sweepLockName]);
    if (lock?.ok !== true) return { swept: false, stores: [] };
    const counts = new Map<string, number>();
    for (const row of await tx.query(selectExpiredStores, [at, limit], 'relata_select_expired_stores')) counts.set(row.store as string, Number(row.n));
    const stores: SweptStore[] = [];
    // A fixed order of store locks, as any other multi-store locker would take them.
    for (const storeId of [...counts.keys()].sort()) {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`relata.store:${storeId}`]);
      const deleted: TupleColumns[] = (await tx.query(deleteExpired, [storeId, at, counts.get(storeId) ?? 0], 'relata_delete_expired')).map((row) => rowToColumns(row));
      if (deleted.length === 0) continue;
      // The changelog in key order, so that two sweeps of the same data record the same sequence.
      deleted.sort((a, b) => (keyString(a) < keyString(b) ? -1 : 1));
      const { revision } = await apply(tx, storeId, deleted, []);
      // Expiring edges are never in the closure, only counted; the count drops with them.
      await maintainClosureSql(tx, storeId, deleted, [], closureMaxWork);
      if (audit) await appendAuditSql(tx, [audit(storeId)], { revision, deletes: deleted.map(toExpiringKey), writes: [] });
      stores.push({ storeId, revision, tuples: deleted.map(toTupleKey) });
    }
    return { swept: true, stores };
  });
}
