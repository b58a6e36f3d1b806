// The closure index on SQL (migration 007; Leopard, Zanzibar §3.2.4, issue 18): maintained in
// the transaction of every tuple write, rebuilt by `relata index rebuild`, read by the engine
// through SqlTupleReader. See closure-edges.ts for which tuples it holds.
//
// Maintenance recomputes rather than patches: for every changed edge a -> b, the sources whose
// reach may change are a and every source that reached a before the write (the index's own
// answer); their rows are dropped and their reach walked again over the tuple table as it is
// after the write. A path that survives a delete through another route is found again by that
// walk; an insert's new pairs come from the same walk.
//
// That work grows with the square of a chain's length, and it runs under the store's write lock,
// so it is bounded (migration 010): a write whose estimated work is over the bound does none of
// it and marks the kinds it changed stale; readers walk a stale kind, writers leave it alone,
// and a rebuild clears the mark. The index's answer is therefore always the walk's or none.
import type { ClosureEdge, ClosureQuery, ClosureTuplesQuery } from '../../engine/index.js';
import type { RelationTuple } from '../../model/index.js';
import { edgeKey, edgeOf, isIndexedEdge, isRecursiveEdge } from '../closure-edges.js';
import type { TupleColumns } from '../tuple-columns.js';
import { withCondition } from './rows.js';
import type { SqlClient } from './sql-client.js';

/** An edge of the tuple table that the closure holds (the SQL twin of isIndexedEdge). */
const indexedEdge = (t: string) =>
  `${t}.user_type = ${t}.object_type AND (${t}.user_relation = '' OR ${t}.user_relation = ${t}.relation) AND ${t}.condition_name IS NULL AND ${t}.expires_at IS NULL AND ${t}.user_id <> '*'`;

// Per kind of edge: the change of its count of excluded edges, and whether it becomes stale. A
// stale kind stays stale whatever its count (only a rebuild clears the mark).
const upsertKinds = `INSERT INTO tuple_closure_excluded AS e (store, object_type, relation, user_relation, excluded, stale)
SELECT $1, d.ot, d.r, d.ur, d.delta, d.stale FROM unnest($2::text[], $3::text[], $4::text[], $5::bigint[], $6::boolean[]) AS d(ot, r, ur, delta, stale)
ON CONFLICT (store, object_type, relation, user_relation) DO UPDATE SET excluded = e.excluded + excluded.excluded, stale = e.stale OR excluded.stale`;

/** The changed edges of kinds that are not stale (stale kinds are not maintained). */
const freshChanged = (params: string) => `SELECT DISTINCT ot COLLATE "C" AS ot, r COLLATE "C" AS r, ur COLLATE "C" AS ur, id COLLATE "C" AS id FROM unnest(${params}) AS k(ot, r, ur, id)
  WHERE NOT EXISTS (SELECT 1 FROM tuple_closure_excluded e WHERE e.store = $1 AND e.object_type = k.ot AND e.relation = k.r AND e.user_relation = k.ur AND e.stale)`;

// The estimate's lookups are LATERAL subqueries with a LIMIT, which PostgreSQL cannot flatten
// into a join: each is one index probe per outer row, whatever the statistics say (a hash join
// would scan the store's whole index or tuple table, work that grows with the store).

/** The nodes reached, in the index, from each node of `from` (ot, r, ur, id): at most $10 rows. */
const reachedFrom = (from: string) => `SELECT k.ot, k.r, k.ur, c.to_id AS id FROM ${from} k CROSS JOIN LATERAL (
    SELECT c.to_id FROM tuple_closure c WHERE c.store = $1 AND c.object_type = k.ot AND c.relation = k.r AND c.user_relation = k.ur AND c.from_id = k.id ORDER BY c.to_id LIMIT $10) c
  LIMIT $10`;

/** How many indexed edges of the tuple table leave the nodes of `nodes` (ot, r, ur, id), at most $10. */
const edgesOut = (nodes: string) => `SELECT count(*) FROM (SELECT 1 FROM ${nodes} n CROSS JOIN LATERAL (
    SELECT 1 FROM tuple t WHERE t.store = $1 AND t.object_type = n.ot AND t.object_id = n.id AND t.relation = n.r AND t.user_type = n.ot AND t.user_relation = n.ur
      AND ${indexedEdge('t')} LIMIT $10) e LIMIT $10) x`;

// An upper bound of the work dropAffected and walkFrom would do, read before doing any of it;
// every count stops at $10 (the bound + 1), so this costs O(write + bound) index probes (the
// CTEs are materialized so that none is evaluated twice).
// With S the sources to recompute (the changed edges' objects and what reached them), B the
// inserted edges' users, reach() the index before the write and out() the edges now in the tuple
// table (this runs after the write):
// - rows dropped: |reach(s)| summed over S (`reach`);
// - the walk reads, for each s, the edges out of s and out of each node s reaches now; s reaches
//   now only what it reached or, through a last inserted edge a -> b, b or what b reached. So it
//   reads at most out({s} + reach(s)) summed over S (`source_edges`) plus |S| times
//   out({b} + reach(b)) summed over B (`target_edges`); each row it inserts is one of those reads.
const estimate = `WITH changed AS MATERIALIZED (${freshChanged('$2::text[], $3::text[], $4::text[], $5::text[]')}),
targets AS MATERIALIZED (${freshChanged('$6::text[], $7::text[], $8::text[], $9::text[]')}),
affected AS MATERIALIZED (
  SELECT ot, r, ur, id FROM changed
  UNION
  (SELECT k.ot, k.r, k.ur, c.from_id FROM changed k CROSS JOIN LATERAL (
      SELECT c.from_id FROM tuple_closure c WHERE c.store = $1 AND c.object_type = k.ot AND c.relation = k.r AND c.user_relation = k.ur AND c.to_id = k.id ORDER BY c.from_id LIMIT $10) c
    LIMIT $10)),
reach AS MATERIALIZED (${reachedFrom('affected')}),
target_reach AS MATERIALIZED (${reachedFrom('targets')})
SELECT (SELECT count(*) FROM affected)::integer AS sources, (SELECT count(*) FROM reach)::integer AS dropped,
  (${edgesOut('(SELECT * FROM affected UNION ALL SELECT * FROM reach)')})::integer AS source_edges,
  (${edgesOut('(SELECT * FROM targets UNION ALL SELECT * FROM target_reach)')})::integer AS target_edges`;

// The sources to recompute, found in the index as it was before this write, and their rows dropped.
const dropAffected = `WITH changed AS (${freshChanged('$2::text[], $3::text[], $4::text[], $5::text[]')}),
affected AS (
  SELECT ot, r, ur, id FROM changed
  UNION
  SELECT c.object_type, c.relation, c.user_relation, c.from_id FROM changed k JOIN tuple_closure c
    ON c.store = $1 AND c.object_type = k.ot AND c.relation = k.r AND c.user_relation = k.ur AND c.to_id = k.id),
gone AS (
  DELETE FROM tuple_closure c USING affected a
  WHERE c.store = $1 AND c.object_type = a.ot AND c.relation = a.r AND c.user_relation = a.ur AND c.from_id = a.id
  RETURNING 1)
SELECT a.ot, a.r, a.ur, a.id, (SELECT count(*) FROM gone)::integer AS removed FROM affected a`;

// The reach of each source over the tuple table now; UNION (not UNION ALL) ends on cycles.
const walkFrom = `WITH RECURSIVE src AS (SELECT * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS s(ot, r, ur, id)),
walk(ot, r, ur, from_id, to_id) AS (
  SELECT s.ot, s.r, s.ur, s.id, t.user_id FROM src s JOIN tuple t
    ON t.store = $1 AND t.object_type = s.ot AND t.object_id = s.id AND t.relation = s.r AND t.user_type = s.ot AND t.user_relation = s.ur
  WHERE ${indexedEdge('t')}
  UNION
  SELECT w.ot, w.r, w.ur, w.from_id, t.user_id FROM walk w JOIN tuple t
    ON t.store = $1 AND t.object_type = w.ot AND t.object_id = w.to_id AND t.relation = w.r AND t.user_type = w.ot AND t.user_relation = w.ur
  WHERE ${indexedEdge('t')}),
ins AS (
  INSERT INTO tuple_closure (store, object_type, relation, user_relation, from_id, to_id)
  SELECT $1, ot, r, ur, from_id, to_id FROM walk ON CONFLICT DO NOTHING RETURNING 1)
SELECT count(*)::integer AS inserted FROM ins`;

/** What the estimate statement counted (each count stops at the bound + 1). */
export interface ClosureWorkCounts {
  sources: number;
  dropped: number;
  sourceEdges: number;
  targetEdges: number;
}

/** The bound the counts put on one write's maintenance: sources + rows dropped + edges the walk reads (see `estimate`). */
export function estimatedWork(c: ClosureWorkCounts): number {
  return c.sources + c.dropped + c.sourceEdges + c.sources * c.targetEdges;
}

/**
 * RELATA_CLOSURE_MAX_WORK_PER_WRITE's default: a write at the bound cost PostgreSQL 20-30 ms of
 * CPU under the store's lock (bench/closure-chain.ts --chain 44, docs/benchmarks.md), so that is the most
 * one write of recursive edges can hold a store for this.
 */
export const defaultClosureMaxWorkPerWrite = 2_000;

export interface ClosureMaintenance {
  /** Sources whose reach was recomputed. */
  sources: number;
  /** Index rows dropped, then inserted, by the recomputation. */
  removed: number;
  inserted: number;
  /** The bound the estimate put on the work (sources + rows dropped + edges the walk reads), when it ran. */
  estimate?: number;
  /** Kinds of edge this write marked stale instead of maintaining them. */
  markedStale: number;
}

const nothing: ClosureMaintenance = { sources: 0, removed: 0, inserted: 0, markedStale: 0 };

interface KindChange {
  edge: ClosureEdge;
  delta: number;
  stale: boolean;
}

type Columns = [string[], string[], string[], string[]];
const columnsOf = (ts: readonly TupleColumns[], id: (t: TupleColumns) => string): Columns => [ts.map((t) => t.objectType), ts.map((t) => t.relation), ts.map((t) => t.userRelation), ts.map(id)];

async function upsert(tx: SqlClient, storeId: string, kinds: readonly KindChange[]): Promise<void> {
  if (kinds.length === 0) return;
  await tx.query(upsertKinds, [
    storeId,
    kinds.map((k) => k.edge.objectType),
    kinds.map((k) => k.edge.relation),
    kinds.map((k) => k.edge.userRelation),
    kinds.map((k) => String(k.delta)),
    kinds.map((k) => k.stale),
  ]);
}

/**
 * Brings the closure index up to date with tuples just deleted and inserted, inside the
 * caller's transaction (which must hold the store's write lock, as every tuple writer does, and
 * must already have changed the tuple table). A write without recursive edges costs nothing.
 *
 * The work is bounded by `maxWork` (RELATA_CLOSURE_MAX_WORK_PER_WRITE): one statement estimates
 * it from above (`estimate`), and when it is over the bound the write does none of it and marks
 * the kinds it changed stale (readers walk them until `relata index rebuild`). So a write with
 * recursive edges costs at most five statements: the exclusion counts, `SET LOCAL jit`, the
 * estimate, then the drop and the walk, or the mark. Stale kinds are not maintained at all. With `maxWork` 0 (a
 * writer that does not maintain the index, RELATA_CLOSURE_INDEX=off) it is one statement: the
 * counts and the marks together.
 *
 * Every writer of tuples calls this: writeTuples, bulk imports for the tuples they inserted (and
 * deleted) and the expiry sweep.
 */
export async function maintainClosureSql(tx: SqlClient, storeId: string, deleted: readonly TupleColumns[], inserted: readonly TupleColumns[], maxWork: number): Promise<ClosureMaintenance> {
  const kinds = new Map<string, KindChange>();
  const changed: TupleColumns[] = [];
  const targets: TupleColumns[] = [];
  const note = (t: TupleColumns, sign: number) => {
    if (!isRecursiveEdge(t)) return;
    const indexed = isIndexedEdge(t);
    if (indexed) {
      changed.push(t);
      if (sign > 0) targets.push(t);
    }
    const edge = edgeOf(t);
    const kind = kinds.get(edgeKey(edge)) ?? { edge, delta: 0, stale: false };
    if (!indexed) kind.delta += sign;
    if (indexed && maxWork <= 0) kind.stale = true;
    kinds.set(edgeKey(edge), kind);
  };
  for (const t of deleted) note(t, -1);
  for (const t of inserted) note(t, 1);
  await upsert(tx, storeId, [...kinds.values()].filter((k) => k.delta !== 0 || k.stale));
  if (changed.length === 0) return nothing;
  const markedStale = [...kinds.values()].filter((k) => k.stale).length;
  if (maxWork <= 0) return { ...nothing, markedStale };

  // The estimate's plan costs more than jit_above_cost (its LIMITs are the bound), and compiling
  // it took 100+ ms on PostgreSQL for a statement that runs in one; the drop and the walk
  // likewise. For this transaction only.
  await tx.query('SET LOCAL jit = off');
  // Unnamed: planned with the table's current statistics each time (a generic plan made while a
  // store loads would keep scanning the tuple table once it is large).
  const changedColumns = columnsOf(changed, (t) => t.objectId);
  const [counts] = await tx.query(estimate, [storeId, ...changedColumns, ...columnsOf(targets, (t) => t.userId), maxWork + 1]);
  const sources = Number(counts?.sources ?? 0);
  if (sources === 0) return nothing; // every changed kind is stale
  const work = estimatedWork({ sources, dropped: Number(counts?.dropped ?? 0), sourceEdges: Number(counts?.source_edges ?? 0), targetEdges: Number(counts?.target_edges ?? 0) });
  if (work > maxWork) {
    const stale = new Map(changed.map((t) => [edgeKey(edgeOf(t)), { edge: edgeOf(t), delta: 0, stale: true }]));
    await upsert(tx, storeId, [...stale.values()]);
    return { ...nothing, estimate: work, markedStale: stale.size };
  }
  const found = await tx.query(dropAffected, [storeId, ...changedColumns]);
  const walked: Columns = [[], [], [], []];
  for (const row of found) {
    walked[0].push(row.ot as string);
    walked[1].push(row.r as string);
    walked[2].push(row.ur as string);
    walked[3].push(row.id as string);
  }
  const [row] = await tx.query(walkFrom, [storeId, ...walked]);
  return { sources: found.length, removed: Number(found[0]?.removed ?? 0), inserted: Number(row?.inserted ?? 0), estimate: work, markedStale: 0 };
}

const rebuildExcluded = `INSERT INTO tuple_closure_excluded (store, object_type, relation, user_relation, excluded)
SELECT store, object_type, relation, user_relation, count(*) FROM tuple
WHERE store = $1 AND user_type = object_type AND (user_relation = '' OR user_relation = relation)
  AND (condition_name IS NOT NULL OR expires_at IS NOT NULL OR user_id = '*')
GROUP BY store, object_type, relation, user_relation`;

const rebuildClosure = `WITH RECURSIVE edge AS (
  SELECT object_type, relation, user_relation, object_id AS from_id, user_id AS to_id FROM tuple t
  WHERE t.store = $1 AND ${indexedEdge('t')}),
walk AS (
  SELECT * FROM edge
  UNION
  SELECT w.object_type, w.relation, w.user_relation, w.from_id, e.to_id FROM walk w
  JOIN edge e ON e.object_type = w.object_type AND e.relation = w.relation AND e.user_relation = w.user_relation AND e.from_id = w.to_id),
ins AS (
  INSERT INTO tuple_closure (store, object_type, relation, user_relation, from_id, to_id)
  SELECT $1, object_type, relation, user_relation, from_id, to_id FROM walk RETURNING 1)
SELECT count(*)::integer AS inserted FROM ins`;

/**
 * Rebuilds one store's closure index from its tuples inside the caller's transaction (which must
 * hold the store's write lock): for a bulk load that cannot say which tuples it inserted, one
 * rebuild at the end costs less than maintaining per batch.
 */
export async function rebuildClosureInTransaction(tx: SqlClient, storeId: string): Promise<{ rows: number }> {
  await tx.query('DELETE FROM tuple_closure WHERE store = $1', [storeId]);
  await tx.query('DELETE FROM tuple_closure_excluded WHERE store = $1', [storeId]);
  await tx.query(rebuildExcluded, [storeId]);
  const [row] = await tx.query(rebuildClosure, [storeId]);
  return { rows: Number(row?.inserted ?? 0) };
}

/** Drops and rebuilds one store's closure index from its tuples, under the store's write lock. */
export function rebuildClosureSql(client: SqlClient, storeId: string): Promise<{ rows: number }> {
  return client.transaction((tx) => rebuildClosureInTransaction(tx, storeId), { lock: `relata.store:${storeId}` });
}

/** Every store that holds tuples, index rows or marks (deleted stores keep their tuples, so their index too). */
export async function closureStoresSql(client: SqlClient): Promise<string[]> {
  const rows = await client.query('SELECT DISTINCT store FROM tuple UNION SELECT DISTINCT store FROM tuple_closure UNION SELECT DISTINCT store FROM tuple_closure_excluded ORDER BY 1');
  return rows.map((row) => row.store as string);
}

const excludedOfEdge = `SELECT NULL AS from_id, NULL AS to_id FROM tuple_closure_excluded
  WHERE store = $1 AND object_type = $2 AND relation = $3 AND user_relation = $4 AND (excluded > 0 OR stale)`;

const reachOf = `SELECT from_id, to_id FROM tuple_closure
  WHERE store = $1 AND object_type = $2 AND relation = $3 AND user_relation = $4 AND from_id = ANY($5::text[])
UNION ALL ${excludedOfEdge}`;

// The user's own tuples first (a few rows from tuple_reverse_idx), then one probe of the index
// per (start, tuple) pair.
const tuplesInReach = `WITH d AS (
  SELECT object_id, user_id, condition_name, condition_context, expires_at FROM tuple
  WHERE store = $1 AND object_type = $2 AND relation = $3 AND user_type = $5 AND user_relation = $6 AND user_id = ANY($7::text[])
    AND (expires_at IS NULL OR expires_at > $9::timestamptz))
SELECT s.id AS start_id, d.object_id, d.user_id, d.condition_name, d.condition_context, d.expires_at
FROM unnest($8::text[]) AS s(id) JOIN d ON d.object_id = s.id OR EXISTS (
  SELECT 1 FROM tuple_closure c WHERE c.store = $1 AND c.object_type = $2 AND c.relation = $3 AND c.user_relation = $4
    AND c.from_id = s.id AND c.to_id = d.object_id)
UNION ALL SELECT NULL, NULL, NULL, NULL, NULL, NULL FROM tuple_closure_excluded
  WHERE store = $1 AND object_type = $2 AND relation = $3 AND user_relation = $4 AND (excluded > 0 OR stale)`;

export async function readClosureSql(client: SqlClient, storeId: string, query: ClosureQuery): Promise<ReadonlyMap<string, readonly string[]> | undefined> {
  const reach = new Map<string, string[]>();
  if (query.objectIds.length === 0) return reach;
  const { objectType, relation, userRelation } = query.edge;
  const rows = await client.query(reachOf, [storeId, objectType, relation, userRelation, query.objectIds], 'relata_closure_reach');
  for (const row of rows) {
    if (row.from_id === null) return undefined;
    const from = row.from_id as string;
    const list = reach.get(from);
    if (list) list.push(row.to_id as string);
    else reach.set(from, [row.to_id as string]);
  }
  return reach;
}

/** `now`: the reader's instant (ISO 8601); the user's own tuples expired by then are left out. */
export async function readClosureTuplesSql(client: SqlClient, storeId: string, query: ClosureTuplesQuery, now: string): Promise<ReadonlyMap<string, RelationTuple[]> | undefined> {
  const found = new Map<string, RelationTuple[]>();
  if (query.objectIds.length === 0 || query.userIds.length === 0) return found;
  const { objectType, relation, userRelation: edgeUserRelation } = query.edge;
  const { userType, userRelation } = query;
  const rows = await client.query(
    tuplesInReach,
    [storeId, objectType, relation, edgeUserRelation, userType, userRelation, query.userIds, query.objectIds, now],
    'relata_closure_tuples',
  );
  for (const row of rows) {
    if (row.start_id === null) return undefined;
    const tuple = withCondition({ objectType, objectId: row.object_id as string, relation, userType, userId: row.user_id as string, userRelation }, row);
    const start = row.start_id as string;
    const list = found.get(start);
    if (list) list.push(tuple);
    else found.set(start, [tuple]);
  }
  return found;
}
