// The bulk path for loading many tuples (`relata tuples import`, `relata store import`): one
// transaction per batch, like writeTuples, but idempotent, so that a failed import can simply be
// run again from an earlier line.
import { randomInt } from 'node:crypto';
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
 * - `sequence`: the batches of one import that a caller runs at the same time (ImportSequence).
 */
export interface TupleImporter {
  importTuples(storeId: string, tuples: readonly WriteTupleKey[], audit?: ImportAudit, now?: Date, sequence?: ImportSequence): Promise<ImportTuplesResult>;
}

/** Thrown by a batch of a sequence whose predecessor did not commit: it wrote nothing either. */
export class ImportPredecessorFailedError extends Error {
  constructor() {
    super('import batch not written: the batch before it failed');
    this.name = 'ImportPredecessorFailedError';
  }
}

/**
 * Orders the batches of one import when a caller writes the next batch before the previous one
 * has committed (`TupleImporter.concurrency` > 1): a batch's changelog rows follow its
 * predecessor's (revisions in file order), and a batch whose predecessor failed writes nothing, so
 * that what an import leaves behind is always a prefix of its batches (the checkpoint's
 * premise). Batches join in call order. Backends without concurrent batches ignore it.
 */
export class ImportSequence {
  /**
   * Set once a batch of the import was in a deadlock (two batches inserting the same tuple, the
   * later one first): from then on a batch starts only once its predecessor has ended, as a file
   * repeating tuples across batches would otherwise cost a deadlock (PostgreSQL's
   * deadlock_timeout, 1 s by default) each time the later batch got to a repeat first. (A batch
   * that meets its predecessor's tuple after it only waits for it: no deadlock, no switch.)
   */
  contended = false;
  private last: ImportTurn | undefined;
  // The first half of every turn key of this import: a random 31-bit number, so that two imports
  // running at once (other processes) hardly ever share a key; the second half counts batches.
  private readonly importKey = randomInt(2 ** 31);
  private batches = 0;

  /** The turn of the next batch, and the one before it (undefined for the first). */
  join(): ImportTurns {
    const previous = this.last;
    const turn = new ImportTurn([this.importKey, this.batches++ % 2 ** 31]);
    this.last = turn;
    return { turn, previous, sequence: this };
  }
}

export interface ImportTurns {
  turn: ImportTurn;
  previous: ImportTurn | undefined;
  sequence: ImportSequence;
}

/**
 * One batch's progress, as its successor waits on it. A batch holds a lock of its own, its turn
 * key, from its transaction's first statement to its end; its successor takes that lock before
 * asking for the store's lock, so it waits for the batch's transaction in the database, where a
 * cycle (the same tuple inserted by both, each waiting for the other) is a detected deadlock,
 * retried, never a silent hang. `turnTaken` resolves once the batch holds its turn key (or
 * failed, or ended): only then may the successor take it, else it would pass before the batch
 * began. `outcome` resolves (never rejects) with whether the batch committed.
 */
export class ImportTurn {
  readonly turnTaken: Promise<void>;
  readonly outcome: Promise<boolean>;
  /** An attempt holds (or, ended in the database, held) the store's lock and has not failed. */
  holdsLock = false;
  private settled: boolean | undefined;

  /** Whether the batch committed; undefined while it runs. */
  get committed(): boolean | undefined {
    return this.settled;
  }
  private attemptEnded: Promise<void>;
  private endAttempt!: () => void;
  private resolveTurnTaken!: () => void;
  private resolveOutcome!: (committed: boolean) => void;

  /** `key`: the two 32-bit halves of the batch's advisory lock, unique within its import. */
  constructor(readonly key: readonly [number, number]) {
    this.turnTaken = new Promise((resolve) => (this.resolveTurnTaken = resolve));
    this.outcome = new Promise((resolve) => (this.resolveOutcome = resolve));
    this.attemptEnded = this.nextAttempt();
  }

  private nextAttempt(): Promise<void> {
    return new Promise((resolve) => (this.endAttempt = resolve));
  }

  markTurnTaken(): void {
    this.resolveTurnTaken();
  }

  markLocked(): void {
    this.holdsLock = true;
  }

  /** An attempt failed (it may be retried): it holds no lock any more. */
  attemptFailed(): void {
    this.holdsLock = false;
    this.resolveTurnTaken();
    this.endAttempt();
    this.attemptEnded = this.nextAttempt();
  }

  finish(committed: boolean): void {
    this.settled ??= committed;
    this.holdsLock = false;
    this.resolveTurnTaken();
    this.endAttempt();
    this.resolveOutcome(committed);
  }

  /**
   * Asked by the successor once it holds the store's lock: whether this batch committed before it.
   * Undefined: this batch has not had the lock (the successor came first) or an attempt of it
   * failed; the successor must then give the lock back. When an attempt of this batch held the
   * lock, that attempt is over in the database (the successor holds the lock now) and its
   * outcome is only waiting to be read here, so the wait is short and cannot deadlock.
   */
  async committedBefore(): Promise<boolean | undefined> {
    if (this.settled !== undefined) return this.settled;
    if (!this.holdsLock) return undefined;
    await Promise.race([this.outcome, this.attemptEnded]);
    return this.settled;
  }
}
