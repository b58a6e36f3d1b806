// The bulk path for loading many tuples (`relata tuples import`, `relata store import`): one
// transaction per batch, like writeTuples, but idempotent, so that a failed import can simply be
// run again from an earlier line.
import type { AuditDraft } from './audit-repository.js';
import type { WriteTupleKey } from './datastore.js';

export interface ImportTuplesResult {
  /** The revision the batch committed (the current revision when it inserted nothing). */
  revision: bigint;
  /** How many tuples of the batch were new (each got one changelog row). */
  inserted: number;
}

/** What a batch that inserted tuples committed: its new tuples are the store's changelog rows in
 * firstRevision..revision (all of them writes). */
export interface ImportedBatch extends ImportTuplesResult {
  firstRevision: bigint;
}

/** Builds the batch's audit record once its outcome is known; appended in its transaction. */
export type ImportAudit = (batch: ImportedBatch) => AuditDraft;

/**
 * importTuples(storeId, tuples): all-or-nothing per call, under the store's write serialization.
 * - A tuple already stored with the same condition (name + context, as on_duplicate 'ignore'
 *   compares) is skipped: no changelog row, no error.
 * - A tuple already stored with a different condition, or a different expiry (`expiresAt`, none
 *   = never), -> TupleAlreadyExistsError naming it, and nothing of the batch is written: an
 *   import never silently lengthens, shortens or removes a grant's expiry.
 * - A stored tuple already expired at `now` (default: the call's time) counts as absent, as for
 *   writeTuples: its row (not yet swept) is deleted, with a changelog delete carrying its expiry,
 *   and the imported tuple is inserted. `inserted` counts the inserted tuples only.
 * - The same tuple twice in one call -> ValidationError CannotAllowDuplicateTuplesInOneRequest;
 *   a malformed key -> ValidationError InvalidTuple (callers dedupe and validate first).
 * - Tuples are not checked against a model: the service does that.
 * - `audit`: one record for a batch that inserted something, in the batch's transaction (a batch
 *   that changed nothing leaves no record, as a Write that changed nothing).
 */
export interface TupleImporter {
  importTuples(storeId: string, tuples: readonly WriteTupleKey[], audit?: ImportAudit, now?: Date): Promise<ImportTuplesResult>;
}
