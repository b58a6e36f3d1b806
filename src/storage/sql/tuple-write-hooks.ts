// The step that runs after tuples were inserted, inside the inserting transaction and under the
// store's lock, for whatever the store keeps derived from its tuples (the closure index). The
// bulk import calls it for every batch that inserted tuples; a derived structure kept up to date
// here stays correct whatever path the tuples came by.
import { isRecursiveEdge } from '../closure-edges.js';
import type { TupleColumns } from '../tuple-columns.js';
import { rowToColumns } from './rows.js';
import type { SqlClient } from './sql-client.js';
import { maintainClosureSql } from './sql-closure-index.js';

/** The changelog rows of one transaction: `store`'s rows with firstRevision <= revision <= revision, all writes. */
export interface InsertedRange {
  firstRevision: bigint;
  revision: bigint;
}

// Only recursive edges (a user of the object's own type, plain or the same relation) touch the
// closure, so the batch's other rows are never read back.
// expires_at is read too: an expiring edge stays out of the index (counted as excluded).
const insertedEdges = `SELECT object_type, object_id, relation, user_type, user_id, user_relation, condition_name, condition_context, expires_at
  FROM changelog WHERE store = $1 AND revision BETWEEN $2::bigint AND $3::bigint AND op = 'write'
    AND user_type = object_type AND (user_relation = '' OR user_relation = relation)`;

/**
 * `candidates`, when given, are tuples that include every inserted one (a batch, some of whose
 * tuples were stored already): when none of them is a recursive edge, nothing derived changes
 * and the inserted rows are not read back (most imports: one statement less per batch).
 */
export async function afterTuplesInsertedSql(
  tx: SqlClient,
  storeId: string,
  inserted: InsertedRange,
  closureMaxWork: number,
  candidates?: readonly TupleColumns[],
): Promise<void> {
  if (candidates && !candidates.some(isRecursiveEdge)) return;
  const rows = await tx.query(insertedEdges, [storeId, String(inserted.firstRevision), String(inserted.revision)], 'relata_import_inserted_edges');
  if (rows.length > 0) await maintainClosureSql(tx, storeId, [], rows.map((row) => rowToColumns(row)), closureMaxWork);
}
