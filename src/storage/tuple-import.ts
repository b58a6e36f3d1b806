// The bulk path for loading many tuples (`relata tuples import`, `relata store import`): one
// transaction per batch, like writeTuples, but idempotent, so that a failed import can simply be
// run again from an earlier line.
import type { TupleKey } from '../model/index.js';

export interface ImportTuplesResult {
  /** The revision the batch committed (the current revision when it inserted nothing). */
  revision: bigint;
  /** How many tuples of the batch were new (each got one changelog row). */
  inserted: number;
}

/**
 * importTuples(storeId, tuples): all-or-nothing per call, under the store's write serialization.
 * - A tuple already stored with the same condition (name + context, as on_duplicate 'ignore'
 *   compares) is skipped: no changelog row, no error.
 * - A tuple already stored with a different condition -> TupleAlreadyExistsError naming it, and
 *   nothing of the batch is written.
 * - The same tuple twice in one call -> ValidationError CannotAllowDuplicateTuplesInOneRequest;
 *   a malformed key -> ValidationError InvalidTuple (callers dedupe and validate first).
 * - Tuples are not checked against a model: the service does that.
 */
export interface TupleImporter {
  importTuples(storeId: string, tuples: readonly TupleKey[]): Promise<ImportTuplesResult>;
}
