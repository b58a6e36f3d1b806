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
import { asBigint, keyArrays, rowToColumns } from './rows.js';
import type { SqlClient } from './sql-client.js';
import { appendAuditSql } from './sql-audit.js';
import { apply } from './sql-tuple-writer.js';
import { toTupleKey } from '../../model/index.js';

/** The advisory lock (hashtext) that lets one replica sweep at a time. */
export const sweepLockName = 'relata.expiry-sweeper';

const tryLock = 'SELECT pg_try_advisory_xact_lock(hashtext($1)) AS ok';

// Served by tuple_expiry_idx (expires_at, store): the earliest expired tuples of any store.
const selectExpired = `SELECT store, object_type, object_id, relation, user_type, user_id, user_relation FROM tuple
  WHERE expires_at IS NOT NULL AND expires_at <= $1::timestamptz ORDER BY expires_at LIMIT $2`;

const deleteExpired = `DELETE FROM tuple t
  USING unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) AS k(ot, oi, r, ut, ui, ur)
  WHERE t.store = $1 AND t.object_type = k.ot AND t.object_id = k.oi AND t.relation = k.r
    AND t.user_type = k.ut AND t.user_id = k.ui AND t.user_relation = k.ur
    AND t.expires_at IS NOT NULL AND t.expires_at <= $8::timestamptz
  RETURNING t.object_type, t.object_id, t.relation, t.user_type, t.user_id, t.user_relation, t.condition_name, t.condition_context, t.expires_at`;

export async function sweepExpiredSql(client: SqlClient, now: Date, batchSize: number, audit?: (storeId: string) => AuditDraft): Promise<SweepResult> {
  const at = now.toISOString();
  const limit = Math.max(1, Math.floor(batchSize));
  return client.transaction(async (tx) => {
    const [lock] = await tx.query(tryLock, [sweepLockName]);
    if (lock?.ok !== true) return { swept: false, stores: [] };
    const byStore = new Map<string, TupleColumns[]>();
    for (const row of await tx.query(selectExpired, [at, limit], 'relata_select_expired')) {
      const store = row.store as string;
      const list = byStore.get(store);
      if (list) list.push(rowToColumns(row));
      else byStore.set(store, [rowToColumns(row)]);
    }
    const stores: SweptStore[] = [];
    // A fixed order of store locks, as any other multi-store locker would take them.
    for (const storeId of [...byStore.keys()].sort()) {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`relata.store:${storeId}`]);
      const deleted = (await tx.query(deleteExpired, [storeId, ...keyArrays(byStore.get(storeId) ?? []), at])).map((row) => rowToColumns(row));
      if (deleted.length === 0) continue;
      // The changelog in key order, so that two sweeps of the same data record the same sequence.
      deleted.sort((a, b) => (keyString(a) < keyString(b) ? -1 : 1));
      const [row] = await apply(tx, storeId, deleted, []);
      const revision = asBigint(row?.revision);
      if (audit) await appendAuditSql(tx, [audit(storeId)], { revision, deletes: deleted.map(toExpiringKey), writes: [] });
      stores.push({ storeId, revision, tuples: deleted.map(toTupleKey) });
    }
    return { swept: true, stores };
  });
}
