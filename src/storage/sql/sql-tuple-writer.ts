// WriteTuples on SQL, as group commits (group-commit-queue.ts): the writes of one store that
// queued while its previous transaction ran go together in one transaction holding the store's
// advisory lock (so concurrent writers of a store serialize, and revisions follow commit order).
// Each write keeps its own outcome, revisions, changelog rows and audit record; the group shares
// BEGIN + lock, the statements and the COMMIT.
//
// The exact path reads which of the group's tuples exist, decides each write on its own
// (write-plan.ts; a write refused there is settled with its error and left out), then applies
// the others. When every write of the group is a plain insert (no deletes, duplicates are
// errors), an optimistic path of one statement goes first: when a tuple already exists it rolls
// back and the exact path sorts out whose it was. A group whose transaction fails for another
// reason is run again one write at a time, so one caller's error never fails another's request.
//
// Round trips under the store lock are what bound the write throughput of a store, so each step
// is one statement over unnest arrays, and the apply statement also deletes the plans' deletes
// (when no key is both deleted and rewritten) and locks the audit chain's head: a group of plain
// inserts is BEGIN+lock, apply, audit insert, COMMIT.
import { ErrorCode, InternalError, RelataError, UnavailableError } from '../../model/index.js';
import type { AuditDraft } from '../audit-repository.js';
import type { WriteResult, WriteTuplesRequest } from '../datastore.js';
import { keyString, toExpiringKey } from '../tuple-columns.js';
import type { TupleColumns } from '../tuple-columns.js';
import { parseWrite, planWrite } from '../write-plan.js';
import type { ParsedWrite, WritePlan } from '../write-plan.js';
import type { Settled } from './group-commit-queue.js';
import { asBigint, conditionArrays, expiryArray, keyArrays, rowToColumns } from './rows.js';
import type { SqlClient, SqlRow } from './sql-client.js';
import { appendAuditEntriesSql, appendLockedAuditEntriesSql, chainHeadOf, lockHeadSql } from './sql-audit.js';
import type { AuditEntry } from './sql-audit.js';
import { maintainClosureSql } from './sql-closure-index.js';
import { sqlState } from './sanitize-error.js';

const keyUnnest = 'unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) AS k(ot, oi, r, ut, ui, ur)';
const keyJoin = `t.store = $1 AND t.object_type = k.ot AND t.object_id = k.oi AND t.relation = k.r
  AND t.user_type = k.ut AND t.user_id = k.ui AND t.user_relation = k.ur`;

export const selectExisting = `SELECT t.object_type, t.object_id, t.relation, t.user_type, t.user_id, t.user_relation,
  t.condition_name, t.condition_context, t.expires_at FROM ${keyUnnest} JOIN tuple t ON ${keyJoin}`;

export const deleteTuples = `DELETE FROM tuple t USING ${keyUnnest} WHERE ${keyJoin}`;

// One statement appends the changelog of every plan of a group and inserts their written tuples.
// Each change takes its revision from the sequence in request order (plan by plan, each plan's
// deletes, then its writes); a tuple carries its plan's last revision, which also tells whose
// the inserted rows are. Variants also delete the deletes (only when no key is deleted and
// written again: the sub-statements of one statement do not see each other's changes) and lock
// the audit chain's head ($13, the chain). One row per plan (g): its last revision, how many
// tuples it inserted and deleted. The insert is a plain one (no ON CONFLICT, whose speculative
// insertion cost 1.8x the time per row): an existing tuple is a unique violation, which the
// optimistic path takes as its conflict, and which cannot happen after the exact path's lookup.
const applyChanges = (variant: { deletes: boolean; auditChain: boolean }) => `WITH k AS MATERIALIZED (
  SELECT u.g, u.op, u.ot, u.oi, u.r, u.ut, u.ui, u.ur, u.cn, u.cc, u.ex, nextval('revision_seq') AS revision
  FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::timestamptz[])
    WITH ORDINALITY AS u(g, op, ot, oi, r, ut, ui, ur, cn, cc, ex, ord)
  ORDER BY u.ord),
last AS (SELECT g, max(revision) AS revision FROM k GROUP BY g),${variant.deletes ? `
d AS (
  DELETE FROM tuple t USING k
  WHERE k.op = 'delete' AND ${keyJoin}
  RETURNING k.g),` : ''}${variant.auditChain ? `
h AS (${lockHeadSql('$13')}),` : ''}
c AS (
  INSERT INTO changelog (store, revision, op, object_type, object_id, relation, user_type, user_id, user_relation, condition_name, condition_context, expires_at)
  SELECT $1, k.revision, k.op, k.ot, k.oi, k.r, k.ut, k.ui, k.ur, k.cn, k.cc::jsonb, k.ex FROM k),
ins AS (
  INSERT INTO tuple (store, object_type, object_id, relation, user_type, user_id, user_relation, condition_name, condition_context, expires_at, revision)
  SELECT $1, k.ot, k.oi, k.r, k.ut, k.ui, k.ur, k.cn, k.cc::jsonb, k.ex, last.revision FROM k JOIN last ON last.g = k.g
  WHERE k.op = 'write'
  RETURNING revision)
SELECT last.g, last.revision::text AS revision, coalesce(i.n, 0)::integer AS inserted${
  variant.deletes ? ', coalesce(dd.n, 0)::integer AS deleted' : ''}${variant.auditChain ? ', h.head_seq, h.head_hash' : ''}
FROM last LEFT JOIN (SELECT revision, count(*) AS n FROM ins GROUP BY revision) i ON i.revision = last.revision${
  variant.deletes ? `
  LEFT JOIN (SELECT g, count(*) AS n FROM d GROUP BY g) dd ON dd.g = last.g` : ''}${variant.auditChain ? ', h' : ''}
ORDER BY last.g`;

const applyVariants = [false, true].flatMap((deletes) => [false, true].map((auditChain) => ({ deletes, auditChain, text: applyChanges({ deletes, auditChain }) })));

export const selectCurrentRevision = 'SELECT coalesce(max(revision), 0)::text AS revision FROM changelog WHERE store = $1';

/** What one plan of a group applied: its last revision and the tuples it inserted and deleted. */
export interface AppliedPlan {
  revision: bigint;
  inserted: number;
  deleted: number;
}

/**
 * Appends the changes of `plans` (none empty) to the changelog, inserts their writes and, when
 * `deleteToo`, deletes their deletes; with `auditChain`, also locks that chain's head (in `head`).
 * One round trip.
 */
export async function applyPlans(tx: SqlClient, storeId: string, plans: readonly WritePlan[], auditChain?: string, deleteToo = false): Promise<{ applied: AppliedPlan[]; head?: SqlRow }> {
  const groups: number[] = [];
  const ops: string[] = [];
  const changes: TupleColumns[] = [];
  const add = (g: number, op: string, tuples: readonly TupleColumns[]) => {
    for (const t of tuples) {
      groups.push(g);
      ops.push(op);
      changes.push(t);
    }
  };
  for (const [g, plan] of plans.entries()) {
    add(g, 'delete', plan.deletes);
    add(g, 'write', plan.writes);
  }
  const variant = applyVariants.find((v) => v.deletes === deleteToo && v.auditChain === (auditChain !== undefined))!;
  const params: unknown[] = [storeId, groups, ops, ...keyArrays(changes), ...conditionArrays(changes), expiryArray(changes)];
  if (auditChain !== undefined) params.push(auditChain);
  const name = `relata_apply_plans${deleteToo ? '_d' : ''}${auditChain !== undefined ? '_a' : ''}`;
  const rows = await tx.query(variant.text, params, name);
  if (rows.length !== plans.length) throw new InternalError('internal server error', { cause: new Error(`applied ${rows.length} of ${plans.length} plans`) });
  const applied = rows.map((row) => ({ revision: asBigint(row.revision), inserted: Number(row.inserted), deleted: Number(row.deleted ?? 0) }));
  return { applied, head: auditChain !== undefined ? rows[0] : undefined };
}

/** The single-plan form of applyPlans (the expiry sweeper's deletes). */
export async function apply(tx: SqlClient, storeId: string, deletes: TupleColumns[], writes: TupleColumns[]): Promise<AppliedPlan> {
  const { applied } = await applyPlans(tx, storeId, [{ deletes, writes }]);
  return applied[0];
}

/** One caller's write, parsed (so bad input fails before it joins a group). */
export interface TupleWriteJob {
  request: WriteTuplesRequest;
  parsed: ParsedWrite;
  audit?: AuditDraft;
  /** keyString of every tuple the write names. */
  keys: string[];
}

export function tupleWriteJob(request: WriteTuplesRequest, audit?: AuditDraft): TupleWriteJob {
  const parsed = parseWrite(request);
  return { request, parsed, audit, keys: [...parsed.deletes, ...parsed.writes].map(keyString) };
}

export interface WriteGroupLimits {
  /** Most tuples (writes + deletes) in a group; a larger single write goes alone. */
  maxTuples: number;
  /** Most writes in a group. */
  maxWrites: number;
}

export const defaultWriteGroupLimits: WriteGroupLimits = { maxTuples: 2000, maxWrites: 64 };

/**
 * How many writes from the head of the queue form the next group: within the limits, and
 * stopping before the first write that names a tuple an earlier one of the group names (its
 * outcome depends on theirs, so it waits for the next group; queue order is kept).
 */
export function takeTupleWriteGroup(waiting: readonly TupleWriteJob[], limits: WriteGroupLimits = defaultWriteGroupLimits): number {
  const named = new Set<string>();
  let tuples = 0;
  let taken = 0;
  for (const job of waiting) {
    if (taken > 0 && (taken >= limits.maxWrites || tuples + job.keys.length > limits.maxTuples || job.keys.some((k) => named.has(k)))) break;
    for (const k of job.keys) named.add(k);
    tuples += job.keys.length;
    taken++;
  }
  return taken;
}

/** Thrown inside the optimistic transaction to roll it back when a tuple already existed. */
class OptimisticConflict extends RelataError {
  constructor() {
    super(ErrorCode.Aborted, 'optimistic write found an existing tuple');
  }
}

/**
 * Commits a group of writes of one store (no two naming the same tuple, see
 * takeTupleWriteGroup) and settles each. A failure of the group's transaction other than a lost
 * datastore runs each write again alone.
 */
export async function writeTupleGroupSql(client: SqlClient, storeId: string, jobs: readonly TupleWriteJob[], closureMaxWork: number): Promise<Settled<WriteResult>[]> {
  try {
    return await writeGroupOnce(client, storeId, jobs, closureMaxWork);
  } catch (error) {
    // Which write failed the transaction is not known; alone, each gets its own outcome. When the
    // datastore is gone (or the commit's outcome is unknown) nobody is retried.
    if (jobs.length === 1 || error instanceof UnavailableError) return jobs.map(() => ({ ok: false, error }));
    const outcomes: Settled<WriteResult>[] = [];
    for (const job of jobs) outcomes.push(...(await writeTupleGroupSql(client, storeId, [job], closureMaxWork)));
    return outcomes;
  }
}

/** A tuple already existed (SQLSTATE 23505, kept as the cause of the sanitized error). */
function isUniqueViolation(err: unknown): boolean {
  return sqlState(err) === '23505' || (err instanceof Error && sqlState(err.cause) === '23505');
}

const isPlainInsert = (job: TupleWriteJob) => job.parsed.deletes.length === 0 && job.parsed.writes.length > 0 && job.request.onDuplicate !== 'ignore';

async function writeGroupOnce(client: SqlClient, storeId: string, jobs: readonly TupleWriteJob[], closureMaxWork: number): Promise<Settled<WriteResult>[]> {
  const lock = { lock: `relata.store:${storeId}` };
  if (jobs.every(isPlainInsert)) {
    try {
      return await client.transaction(async (tx) => {
        const plans: WritePlan[] = jobs.map((job) => ({ deletes: [], writes: job.parsed.writes }));
        return commitPlans(tx, storeId, jobs, plans, true, closureMaxWork);
      }, lock);
    } catch (err) {
      if (!(err instanceof OptimisticConflict) && !isUniqueViolation(err)) throw err;
    }
  }
  return client.transaction(async (tx) => {
    const existing = await readExisting(tx, storeId, jobs.flatMap((job) => [...job.parsed.deletes, ...job.parsed.writes]));
    const plans = jobs.map((job): WritePlan | Settled<WriteResult> => {
      try {
        return planWrite(job.request, job.parsed, existing);
      } catch (error) {
        return { ok: false, error };
      }
    });
    return commitPlans(tx, storeId, jobs, plans, false, closureMaxWork);
  }, lock);
}

async function readExisting(tx: SqlClient, storeId: string, lookup: readonly TupleColumns[]): Promise<Map<string, TupleColumns>> {
  const existing = new Map<string, TupleColumns>();
  if (lookup.length === 0) return existing;
  for (const row of await tx.query(selectExisting, [storeId, ...keyArrays(lookup)], 'relata_write_existing')) {
    const columns = rowToColumns(row);
    existing.set(keyString(columns), columns);
  }
  return existing;
}

/**
 * Applies the plans of a group (an entry already settled is a write refused by its plan), checks
 * that each did exactly what it planned, maintains the closure index, appends each write's audit
 * record, and returns every write's outcome. `optimistic`: a plan that inserted less than it
 * planned met an existing tuple (OptimisticConflict); otherwise that is impossible under the lock.
 */
async function commitPlans(tx: SqlClient, storeId: string, jobs: readonly TupleWriteJob[], plans: readonly (WritePlan | Settled<WriteResult>)[], optimistic: boolean, closureMaxWork: number): Promise<Settled<WriteResult>[]> {
  const changing: number[] = [];
  for (const [i, plan] of plans.entries()) if (!('ok' in plan) && plan.deletes.length + plan.writes.length > 0) changing.push(i);
  const changed = changing.map((i) => plans[i] as WritePlan);
  const revisions = new Map<number, bigint>();
  if (changed.length > 0) {
    const deletes = changed.flatMap((p) => p.deletes);
    const writes = changed.flatMap((p) => p.writes);
    // A key deleted and written again needs the delete to be visible to the insert: two statements.
    const rewritten = deletes.length > 0 && writes.length > 0 && changed.some((p) => overlaps(p.deletes, p.writes));
    if (rewritten) await tx.query(deleteTuples, [storeId, ...keyArrays(deletes)], 'relata_delete_tuples');
    const audited = changing.filter((i) => jobs[i].audit !== undefined);
    const chains = new Set(audited.map((i) => jobs[i].audit!.chain));
    const lockedChain = chains.size === 1 ? [...chains][0] : undefined;
    const { applied, head } = await applyPlans(tx, storeId, changed, lockedChain, deletes.length > 0 && !rewritten);
    for (const [g, plan] of changed.entries()) {
      const did = applied[g];
      if (did.inserted !== plan.writes.length && optimistic) throw new OptimisticConflict();
      // Under the store lock nothing can have slipped in since the lookup; if it did, say so loudly.
      const deletedAll = rewritten || plan.deletes.length === 0 || did.deleted === plan.deletes.length;
      if (did.inserted !== plan.writes.length || !deletedAll) throw new InternalError('internal server error', { cause: new Error('tuple table changed under the store lock') });
      revisions.set(changing[g], did.revision);
    }
    await maintainClosureSql(tx, storeId, deletes, writes, closureMaxWork);
    const entries: AuditEntry[] = audited.map((i) => {
      const plan = plans[i] as WritePlan;
      return { draft: jobs[i].audit!, applied: { revision: revisions.get(i)!, deletes: plan.deletes.map(toExpiringKey), writes: plan.writes.map(toExpiringKey) } };
    });
    if (lockedChain !== undefined) await appendLockedAuditEntriesSql(tx, entries, new Map([[lockedChain, chainHeadOf(head)]]));
    else await appendAuditEntriesSql(tx, entries);
  }
  // A write that changed nothing (everything ignored) answers with the store's revision now.
  let current: bigint | undefined = revisions.size > 0 ? [...revisions.values()].reduce((a, b) => (a > b ? a : b)) : undefined;
  const revisionNow = async () => (current ??= asBigint((await tx.query(selectCurrentRevision, [storeId], 'relata_current_revision'))[0]?.revision));
  const outcomes: Settled<WriteResult>[] = [];
  for (const [i, plan] of plans.entries()) {
    if ('ok' in plan) outcomes.push(plan);
    else outcomes.push({ ok: true, value: { revision: revisions.get(i) ?? (await revisionNow()) } });
  }
  return outcomes;
}

function overlaps(deletes: readonly TupleColumns[], writes: readonly TupleColumns[]): boolean {
  const deleted = new Set(deletes.map(keyString));
  return writes.some((w) => deleted.has(keyString(w)));
}
