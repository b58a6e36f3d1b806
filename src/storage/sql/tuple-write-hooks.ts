// The step that runs after tuples were inserted, inside the inserting transaction and under the
// store's lock, for whatever the store keeps derived from its tuples (such as a closure index).
// The bulk import calls it for every batch that inserted tuples; a derived structure kept up to
// date here stays correct whatever path the tuples came by.
import type { SqlClient } from './sql-client.js';

/** The changelog rows of one transaction: `store`'s rows with firstRevision <= revision <= revision, all writes. */
export interface InsertedRange {
  firstRevision: bigint;
  revision: bigint;
}

/**
 * Nothing is derived from tuples yet. A derived index updates itself here with set-based SQL
 * over `SELECT ... FROM changelog WHERE store = $1 AND revision BETWEEN first AND last`.
 */
export function afterTuplesInsertedSql(_tx: SqlClient, _storeId: string, _inserted: InsertedRange): Promise<void> {
  return Promise.resolve();
}
