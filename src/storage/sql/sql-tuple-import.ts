// The bulk insert on SQL. A batch is one transaction:
//   1. a fresh load (neither the batch's first nor its last tuple is stored) on PostgreSQL:
//      still before the store's lock, the tuples are COPYed straight into the tuple table in a
//      savepoint (revision: the store's revision when the batch began; nothing reads
//      tuple.revision for a decision). The B-tree insertions into the tuple indexes, most of a
//      batch's cost, thus run outside the lock, so two batches of one import run them at the
//      same time on two connections; a batch then waits for its predecessor's transaction on
//      the predecessor's turn key, in the database, before it asks for the store's lock
//      (ImportSequence, ImportTurn: changelog in file order, a cycle a detected deadlock). A unique
//      violation (a tuple stored after all, or twice in the batch) rolls back to the savepoint
//      and the batch takes the staged path below. Under the lock its changelog rows are COPYed
//      in file order, their revisions from the sequence (the column's default, which keeps
//      COPY's multi-row inserts). The changelog's COPY bytes are the tuple table's with each
//      line's last column swapped (the shared columns come first in both), not built again.
//   2. the staged path (a batch meeting stored tuples; PGlite always): its rows go into a
//      temporary staging table (COPY; PGlite, whose `COPY ... FROM '/dev/blob'` measured no
//      faster, gets one multi-row insert of unnested arrays). On PGlite a fresh load is then
//      inserted before the lock in a savepoint, as in step 1. Under the store's advisory lock
//      (as writeTuplesSql, so revisions follow commit order): a batch inserted ahead appends its
//      changelog rows; otherwise one statement deletes the stored tuples the batch meets that
//      have expired at the import's instant (not yet swept; they count as absent, as for a
//      Write), with a changelog delete each; then one statement probes the tuple index for each
//      staged row, refuses a stored tuple with another condition or expiry, and appends +
//      inserts the rest (importMixedSql);
//   3. the post-insert step every tuple write runs (tuple-write-hooks.ts) and the audit record.
// A tuple twice in one batch is refused (requireDistinct) before anything is staged; on the
// direct path the primary key finds it (the fallback then refuses it), so a fresh batch is not
// deduplicated in this process a second time.
// Inserting before the lock means a Write (or another import) of the same tuple can wait on this
// batch's rows while this batch waits for the lock that one holds: PostgreSQL detects the
// deadlock (deadlock_timeout) and the client retries the transaction that lost.
import type { WriteTupleKey } from '../datastore.js';
import { TupleAlreadyExistsError } from '../errors.js';
import { requireDistinct, toColumns } from '../tuple-columns.js';
import type { TupleColumns } from '../tuple-columns.js';
import { ImportPredecessorFailedError } from '../tuple-import.js';
import type { ImportAudit, ImportSequence, ImportTuplesResult, ImportTurns } from '../tuple-import.js';
import { copyField, copyLine } from './copy-text.js';
import { appendAuditSql } from './sql-audit.js';
import { asBigint, conditionArrays, expiryArray, keyArrays, rowToColumns } from './rows.js';
import type { SqlClient, SqlRow } from './sql-client.js';
import { sqlState } from './sanitize-error.js';
import { maintainClosureSql } from './sql-closure-index.js';
import { afterTuplesInsertedSql } from './tuple-write-hooks.js';
import { selectCurrentRevision } from './sql-tuple-writer.js';

const stage = 'relata_import_stage';
// Named explicitly everywhere: the tuple table may gain more columns with defaults.
const stageColumns = ['ord', 'object_type', 'object_id', 'relation', 'user_type', 'user_id', 'user_relation', 'condition_name', 'condition_context', 'expires_at'] as const;
const valueColumns = 'condition_name, condition_context, expires_at';
const keyColumns = 'object_type, object_id, relation, user_type, user_id, user_relation';

// Dropped at commit or rollback, so nothing is left on a pooled connection.
const createStage = `CREATE TEMPORARY TABLE ${stage} (
  ord integer NOT NULL,
  object_type text COLLATE "C" NOT NULL, object_id text COLLATE "C" NOT NULL, relation text COLLATE "C" NOT NULL,
  user_type text COLLATE "C" NOT NULL, user_id text COLLATE "C" NOT NULL, user_relation text COLLATE "C" NOT NULL,
  condition_name text, condition_context jsonb, expires_at timestamptz) ON COMMIT DROP`;

const stageFromArrays = `INSERT INTO ${stage} (${stageColumns.join(', ')})
  SELECT k.ord, k.ot, k.oi, k.r, k.ut, k.ui, k.ur, k.cn, k.cc::jsonb, k.ex
  FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::timestamptz[])
    WITH ORDINALITY AS k(ot, oi, r, ut, ui, ur, cn, cc, ex, ord)`;

const appendStagedChanges = `WITH c AS (
  INSERT INTO changelog (store, op, ${keyColumns}, ${valueColumns})
  SELECT $1, 'write', ${keyColumns}, ${valueColumns} FROM ${stage} ORDER BY ord
  RETURNING revision)
SELECT min(revision)::text AS first, max(revision)::text AS last, count(*)::integer AS inserted FROM c`;

// Before the lock the batch's revisions are not known yet: these tuples carry the store's
// revision when the batch began (nothing reads tuple.revision for a decision; the changelog holds
// the batch's own). Not sorted by key first: that cost 0.4-1.3 µs of PostgreSQL CPU per tuple
// more and saved nothing (bench/bulk-import-statements.ts, 2026-12-04).
const insertStagedTuples = `INSERT INTO tuple (store, ${keyColumns}, ${valueColumns}, revision)
  SELECT $1, ${keyColumns}, ${valueColumns}, (SELECT coalesce(max(revision), 0) FROM changelog WHERE store = $1)
  FROM ${stage}`;

// The stored tuples of the batch's keys that have expired at the import's instant ($2): deleted,
// each with a changelog delete carrying its condition and expiry (as the sweeper would), and
// returned for the closure bookkeeping. A separate statement: the sub-statements of the insert
// below would not see these deletes.
export const deleteExpiredStored = `WITH gone AS (
  DELETE FROM tuple t USING ${stage} s
  WHERE t.store = $1 AND t.object_type = s.object_type AND t.object_id = s.object_id AND t.relation = s.relation
    AND t.user_type = s.user_type AND t.user_id = s.user_id AND t.user_relation = s.user_relation
    AND t.expires_at <= $2::timestamptz
  RETURNING t.object_type, t.object_id, t.relation, t.user_type, t.user_id, t.user_relation, t.condition_name, t.condition_context, t.expires_at),
c AS (
  INSERT INTO changelog (store, op, ${keyColumns}, ${valueColumns})
  SELECT $1, 'delete', ${keyColumns}, ${valueColumns} FROM gone ORDER BY ${keyColumns}
  RETURNING 1)
SELECT gone.*, (SELECT count(*) FROM c)::integer AS logged FROM gone`;

// The direct path's columns: the shared ones first in both lists, so that the changelog's COPY bytes
// are the tuple table's with each line's last column swapped (changelogCopyBytes).
const sharedColumns = ['store', 'object_type', 'object_id', 'relation', 'user_type', 'user_id', 'user_relation', 'condition_name', 'condition_context', 'expires_at'] as const;
export const tupleCopyColumns = [...sharedColumns, 'revision'];
export const changelogCopyColumns = [...sharedColumns, 'op'];

// Whether the batch's first or last tuple is stored, and the store's revision now (the direct
// path's tuple.revision), in one round trip.
const freshProbe = `SELECT EXISTS (SELECT 1 FROM tuple WHERE store = $1 AND object_type = $2 AND object_id = $3 AND relation = $4
    AND user_type = $5 AND user_id = $6 AND user_relation = $7)
  OR EXISTS (SELECT 1 FROM tuple WHERE store = $1 AND object_type = $8 AND object_id = $9 AND relation = $10
    AND user_type = $11 AND user_id = $12 AND user_relation = $13) AS stored,
  (SELECT coalesce(max(revision), 0) FROM changelog WHERE store = $1)::text AS revision`;

// Under the lock nothing else appends to the store's changelog: the rows past the revision read
// before the COPY are the batch's.
const copiedRange = `SELECT min(revision)::text AS first, max(revision)::text AS last FROM changelog WHERE store = $1 AND revision > $2::bigint`;

const storedProbe = `SELECT 1 AS found FROM tuple WHERE store = $1 AND object_type = $2 AND object_id = $3 AND relation = $4
  AND user_type = $5 AND user_id = $6 AND user_relation = $7 LIMIT 1`;

const uniqueViolation = '23505';
const deadlockDetected = '40P01';

// A batch's turn key (ImportTurn): the two-key form of advisory locks, apart from the one-key
// locks of stores (PostgreSQL keeps the two forms apart).
const takeTurn = 'SELECT pg_advisory_xact_lock($1::integer, $2::integer)';

// The path for a batch that meets stored tuples: one index probe per staged row (LATERAL ...
// LIMIT 1; a plain join may be planned as a hash of every tuple of the store) finds the stored
// ones, and whether one differs in its condition (jsonb '=' ignores key order; a missing context
// equals an empty one) or its expiry (none = never; expired ones were deleted just before). The others get a changelog row each and are inserted. When `conflict` is
// set, the caller throws and the transaction rolls back, inserts included.
export const importMixedSql = `WITH stored AS (
  SELECT s.ord, (t.condition_name IS DISTINCT FROM s.condition_name
    OR coalesce(t.condition_context, '{}'::jsonb) <> coalesce(s.condition_context, '{}'::jsonb)
    OR t.expires_at IS DISTINCT FROM s.expires_at) AS differs
  FROM ${stage} s CROSS JOIN LATERAL (
    SELECT t.condition_name, t.condition_context, t.expires_at FROM tuple t
    WHERE t.store = $1 AND t.object_type = s.object_type AND t.object_id = s.object_id AND t.relation = s.relation
      AND t.user_type = s.user_type AND t.user_id = s.user_id AND t.user_relation = s.user_relation LIMIT 1) t),
fresh AS (SELECT s.* FROM ${stage} s WHERE s.ord NOT IN (SELECT ord FROM stored)),
c AS (
  INSERT INTO changelog (store, op, ${keyColumns}, ${valueColumns})
  SELECT $1, 'write', ${keyColumns}, ${valueColumns} FROM fresh ORDER BY ord
  RETURNING revision),
rev AS (SELECT min(revision) AS first, max(revision) AS last FROM c),
ins AS (
  INSERT INTO tuple (store, ${keyColumns}, ${valueColumns}, revision)
  SELECT $1, ${keyColumns}, ${valueColumns}, rev.last FROM fresh, rev
  RETURNING 1)
SELECT (SELECT first FROM rev)::text AS first, (SELECT last FROM rev)::text AS last, (SELECT count(*) FROM ins)::integer AS inserted,
  (SELECT min(ord) FROM stored WHERE differs)::integer AS conflict`;

/** The batch in COPY text format; `ord` is the 1-based position in the batch. */
export function stageText(columns: readonly TupleColumns[]): string {
  let text = '';
  for (let i = 0; i < columns.length; i++) {
    const c = columns[i];
    const context = c.conditionContext ? JSON.stringify(c.conditionContext) : undefined;
    const expiry = c.expiresAt === undefined ? undefined : new Date(c.expiresAt).toISOString();
    text += copyLine([i + 1, c.objectType, c.objectId, c.relation, c.userType, c.userId, c.userRelation, c.conditionName, context, expiry]);
  }
  return text;
}

/**
 * The direct path's tuple COPY bytes: per tuple its sharedColumns, then `revision`. Each line is
 * encoded into one growing buffer as it is built (against one string of the whole batch, then
 * encoded: the flattening and second pass of that cost ~0.3 µs a tuple more, 2026-12-04).
 */
export function tupleCopyBytes(storeId: string, columns: readonly TupleColumns[], revision: string): Buffer {
  const store = copyField(storeId);
  const end = `\t${revision}\n`;
  let out = Buffer.allocUnsafe(Math.max(1024, columns.length * 128));
  let length = 0;
  for (const c of columns) {
    const name = c.conditionName === undefined ? '\\N' : copyField(c.conditionName);
    const context = c.conditionContext ? copyField(JSON.stringify(c.conditionContext)) : '\\N';
    const expiry = c.expiresAt === undefined ? '\\N' : new Date(c.expiresAt).toISOString();
    const line = `${store}\t${copyField(c.objectType)}\t${copyField(c.objectId)}\t${copyField(c.relation)}\t${copyField(c.userType)}\t${copyField(c.userId)}\t${copyField(c.userRelation)}\t${name}\t${context}\t${expiry}${end}`;
    // A UTF-16 code unit is at most 3 bytes of UTF-8.
    if (length + line.length * 3 > out.length) {
      const grown = Buffer.allocUnsafe(2 * out.length + line.length * 3);
      out.copy(grown, 0, 0, length);
      out = grown;
    }
    length += out.write(line, length, 'utf8');
  }
  return out.subarray(0, length);
}

const writeEnd = Buffer.from('\twrite\n');

/**
 * The changelog COPY bytes of the same tuples (sharedColumns, then op 'write'): each line of the
 * tuple COPY bytes with its last column, `revision`, replaced. A newline byte only ends a line:
 * fields escape theirs, and no byte of a multi-byte UTF-8 sequence is 0x0A.
 */
export function changelogCopyBytes(tupleBytes: Buffer, revision: string, lines: number): Buffer {
  const oldEnd = revision.length + 2;
  const out = Buffer.allocUnsafe(tupleBytes.length + lines * (writeEnd.length - oldEnd));
  let from = 0;
  let to = 0;
  for (let nl = tupleBytes.indexOf(10, from); nl >= 0; nl = tupleBytes.indexOf(10, from)) {
    to += tupleBytes.copy(out, to, from, nl + 1 - oldEnd);
    to += writeEnd.copy(out, to);
    from = nl + 1;
  }
  return out;
}

/**
 * Step 1 of the direct path: COPYs a fresh batch straight into the tuple table before the lock,
 * and returns its changelog COPY bytes; undefined when some tuple may be stored (or is twice in
 * the batch): nothing inserted then.
 */
async function copyAhead(tx: SqlClient, storeId: string, columns: readonly TupleColumns[]): Promise<Buffer | undefined> {
  const first = columns[0];
  const last = columns[columns.length - 1];
  const [probe] = await tx.query(
    freshProbe,
    [storeId, first.objectType, first.objectId, first.relation, first.userType, first.userId, first.userRelation, last.objectType, last.objectId, last.relation, last.userType, last.userId, last.userRelation],
    'relata_import_fresh_probe',
  );
  if (probe?.stored !== false) return undefined;
  const revision = String(probe.revision);
  const tupleBytes = tupleCopyBytes(storeId, columns, revision);
  await tx.query('SAVEPOINT relata_import_plain');
  try {
    await tx.copyRows!('tuple', tupleCopyColumns, tupleBytes);
    await tx.query('RELEASE SAVEPOINT relata_import_plain');
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    await tx.query('ROLLBACK TO SAVEPOINT relata_import_plain');
    return undefined;
  }
  return changelogCopyBytes(tupleBytes, revision, columns.length);
}

/** Under the lock, the direct path's changelog rows, in file order; the row appendStagedChanges would give. */
async function copyChanges(tx: SqlClient, storeId: string, changes: Buffer, count: number): Promise<SqlRow> {
  const [before] = await tx.query(selectCurrentRevision, [storeId], 'relata_current_revision');
  await tx.copyRows!('changelog', changelogCopyColumns, changes);
  const [range] = await tx.query(copiedRange, [storeId, before?.revision], 'relata_import_copied_range');
  return { ...range, inserted: count };
}

async function fillStage(tx: SqlClient, columns: readonly TupleColumns[]): Promise<void> {
  await tx.query(createStage);
  if (tx.copyRows) await tx.copyRows(stage, stageColumns, stageText(columns));
  else await tx.query(stageFromArrays, [...keyArrays(columns), ...conditionArrays(columns), expiryArray(columns)]);
}

async function isStored(tx: SqlClient, storeId: string, c: TupleColumns): Promise<boolean> {
  const rows = await tx.query(storedProbe, [storeId, c.objectType, c.objectId, c.relation, c.userType, c.userId, c.userRelation], 'relata_import_probe');
  return rows.length > 0;
}

const causeState = (error: unknown): string | undefined => sqlState(error instanceof Error && error.cause !== undefined ? error.cause : error);
const isUniqueViolation = (error: unknown): boolean => causeState(error) === uniqueViolation;
const isDeadlock = (error: unknown): boolean => causeState(error) === deadlockDetected;

/** Step 2: inserts a batch of new tuples before the lock; false when some may be stored (nothing inserted). */
async function insertAhead(tx: SqlClient, storeId: string, columns: readonly TupleColumns[]): Promise<boolean> {
  if ((await isStored(tx, storeId, columns[0])) || (columns.length > 1 && (await isStored(tx, storeId, columns[columns.length - 1])))) return false;
  await tx.query('SAVEPOINT relata_import_plain');
  try {
    await tx.query(insertStagedTuples, [storeId]);
    await tx.query('RELEASE SAVEPOINT relata_import_plain');
    return true;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    await tx.query('ROLLBACK TO SAVEPOINT relata_import_plain');
    return false;
  }
}

/** Deletes the batch's stored tuples expired at `now`, keeping the closure's exclusion counts true; how many. */
async function deleteExpired(tx: SqlClient, storeId: string, now: Date, closureMaxWork: number): Promise<number> {
  const rows = await tx.query(deleteExpiredStored, [storeId, now.toISOString()], 'relata_import_expired');
  if (rows.length > 0) await maintainClosureSql(tx, storeId, rows.map((row) => rowToColumns(row)), [], closureMaxWork);
  return rows.length;
}

/** The stored outcome of a batch that meets stored tuples (see importMixedSql), and its expired deletes. */
async function importMixed(tx: SqlClient, storeId: string, now: Date, closureMaxWork: number): Promise<{ row: SqlRow | undefined; deleted: number }> {
  const deleted = await deleteExpired(tx, storeId, now, closureMaxWork);
  return { row: (await tx.query(importMixedSql, [storeId]))[0], deleted };
}

/** A batch's outcome on SQL: also how many stored expired tuples it deleted (rows the statistics keeper counts). */
export interface SqlImportOutcome extends ImportTuplesResult {
  deleted: number;
}

/** The previous batch of the sequence had not committed when this one got the lock: it gave the lock back. */
class OutOfTurn extends Error {}

// The client wraps what a transaction's body throws (sanitizeDriverError).
const isOutOfTurn = (error: unknown): boolean => error instanceof OutOfTurn || (error instanceof Error && error.cause instanceof OutOfTurn);

async function importBatch(
  client: SqlClient,
  storeId: string,
  tuples: readonly WriteTupleKey[],
  columns: readonly TupleColumns[],
  closureMaxWork: number,
  audit: ImportAudit | undefined,
  now: Date,
  turns: ImportTurns | undefined,
): Promise<SqlImportOutcome> {
  return client.transaction(async (tx) => {
    // A retried attempt: the one before failed after its body (at COMMIT) and holds no lock.
    if (turns?.turn.holdsLock) turns.turn.attemptFailed();
    const previous = turns?.previous;
    try {
      // A contended sequence runs its batches one after the other (ImportSequence.contended): a
      // batch whose predecessor still runs gives its connection back and waits for it outside.
      if (previous && turns.sequence.contended && previous.committed !== true) throw new OutOfTurn();
      // Held to the end: the successor waits for this transaction on it (ImportTurn).
      if (turns) {
        await tx.query(takeTurn, turns.turn.key, 'relata_import_turn');
        turns.turn.markTurnTaken();
      }
      // Without COPY (PGlite) the rows are staged now (no row locks taken).
      const direct = tx.copyRows !== undefined;
      if (!direct) {
        requireDistinct(columns, 'writes');
        await fillStage(tx, columns);
      }
      const changes = direct ? await copyAhead(tx, storeId, columns) : undefined;
      const ahead = direct ? changes !== undefined : await insertAhead(tx, storeId, columns);
      if (direct && !ahead) {
        requireDistinct(columns, 'writes');
        await fillStage(tx, columns);
      }
      // The predecessor's transaction ends before this one asks for the store's lock: a wait in
      // the database, which sees a cycle with the predecessor's row locks (a deadlock, retried).
      if (previous) {
        await previous.turnTaken;
        await tx.query(takeTurn, previous.key, 'relata_import_turn');
      }
      return await tx.transaction(async (locked) => {
        turns?.turn.markLocked();
        if (turns?.previous && (await turns.previous.committedBefore()) !== true) throw new OutOfTurn();
        let row: SqlRow | undefined;
        let deleted = 0;
        if (changes) row = await copyChanges(locked, storeId, changes, columns.length);
        else if (ahead) [row] = await locked.query(appendStagedChanges, [storeId]);
        else ({ row, deleted } = await importMixed(locked, storeId, now, closureMaxWork));
        // Thrown inside the transaction, so the rows inserted above roll back with it.
        if (row?.conflict !== null && row?.conflict !== undefined) throw new TupleAlreadyExistsError(tuples[Number(row.conflict) - 1]);
        const inserted = Number(row?.inserted ?? 0);
        if (inserted === 0) {
          const [current] = await locked.query(selectCurrentRevision, [storeId], 'relata_current_revision');
          return { revision: asBigint(current?.revision), inserted: 0, deleted };
        }
        const batch = { firstRevision: asBigint(row?.first), revision: asBigint(row?.last), inserted };
        await afterTuplesInsertedSql(locked, storeId, batch, closureMaxWork, columns);
        if (audit) await appendAuditSql(locked, [audit(batch)]);
        return { revision: batch.revision, inserted, deleted };
      }, { lock: `relata.store:${storeId}` });
    } catch (error) {
      if (turns && isDeadlock(error)) turns.sequence.contended = true;
      turns?.turn.attemptFailed();
      throw error;
    }
  });
}

/**
 * `closureMaxWork`: the bound of the closure index's maintenance per batch (maintainClosureSql).
 * `sequence`: see ImportSequence. A batch that got the lock before its predecessor committed
 * rolls back, waits for it and runs again (alone); it fails with ImportPredecessorFailedError
 * when the predecessor failed.
 */
export async function importTuplesSql(
  client: SqlClient,
  storeId: string,
  tuples: readonly WriteTupleKey[],
  closureMaxWork: number,
  audit?: ImportAudit,
  now = new Date(),
  sequence?: ImportSequence,
): Promise<SqlImportOutcome> {
  const columns = tuples.map(toColumns);
  const turns = sequence?.join();
  try {
    if (columns.length === 0) {
      if (turns?.previous && !(await turns.previous.outcome)) throw new ImportPredecessorFailedError();
      const [row] = await client.query(selectCurrentRevision, [storeId], 'relata_current_revision');
      turns?.turn.finish(true);
      return { revision: asBigint(row?.revision), inserted: 0, deleted: 0 };
    }
    // After the predecessor has ended, without holding a connection meanwhile (one held while
    // waiting could starve the pool the predecessor needs).
    const alone = async (): Promise<SqlImportOutcome> => {
      if (turns?.previous && !(await turns.previous.outcome)) throw new ImportPredecessorFailedError();
      return importBatch(client, storeId, tuples, columns, closureMaxWork, audit, now, turns && { ...turns, previous: undefined });
    };
    let outcome: SqlImportOutcome;
    if (turns?.previous && turns.sequence.contended) outcome = await alone();
    else {
      try {
        outcome = await importBatch(client, storeId, tuples, columns, closureMaxWork, audit, now, turns);
      } catch (error) {
        if (!isOutOfTurn(error) || !turns?.previous) throw error;
        outcome = await alone();
      }
    }
    turns?.turn.finish(true);
    return outcome;
  } catch (error) {
    turns?.turn.finish(false);
    throw error;
  }
}
