// The closure index on SQL (migration 007; Leopard, Zanzibar §3.2.4, issue 18): maintained in
// the transaction of every tuple write, rebuilt by `relata index rebuild`, read by the engine
// through SqlTupleReader. See closure-edges.ts for which tuples it holds.
//
// Maintenance recomputes rather than patches: for every changed edge a -> b, the sources whose
// reach may change are a and every source that reached a before the write (the index's own
// answer); their rows are dropped and their reach walked again over the tuple table as it is
// after the write. A path that survives a delete through another route is found again by that
// walk; an insert's new pairs come from the same walk. The work is the size of the recomputed
// sources' reach (returned, and measured by bench/closure-write.ts).
import type { ClosureEdge, ClosureQuery, ClosureTuplesQuery } from '../../engine/index.js';
import type { RelationTuple } from '../../model/index.js';
import { edgeKey, edgeOf, isIndexedEdge, isRecursiveEdge } from '../closure-edges.js';
import type { TupleColumns } from '../tuple-columns.js';
import { withCondition } from './rows.js';
import type { SqlClient } from './sql-client.js';

/** An edge of the tuple table that the closure holds (the SQL twin of isIndexedEdge). */
const indexedEdge = (t: string) =>
  `${t}.user_type = ${t}.object_type AND (${t}.user_relation = '' OR ${t}.user_relation = ${t}.relation) AND ${t}.condition_name IS NULL AND ${t}.expires_at IS NULL AND ${t}.user_id <> '*'`;

const countExcluded = `INSERT INTO tuple_closure_excluded AS e (store, object_type, relation, user_relation, excluded)
SELECT $1, d.ot, d.r, d.ur, d.delta FROM unnest($2::text[], $3::text[], $4::text[], $5::bigint[]) AS d(ot, r, ur, delta)
ON CONFLICT (store, object_type, relation, user_relation) DO UPDATE SET excluded = e.excluded + excluded.excluded`;

// The sources to recompute, found in the index as it was before this write, and their rows dropped.
const dropAffected = `WITH changed AS (SELECT DISTINCT * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS k(ot, r, ur, id)),
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

export interface ClosureMaintenance {
  /** Sources whose reach was recomputed. */
  sources: number;
  /** Index rows dropped, then inserted, by the recomputation. */
  removed: number;
  inserted: number;
}

const nothing: ClosureMaintenance = { sources: 0, removed: 0, inserted: 0 };

/**
 * Brings the closure index up to date with tuples just deleted and inserted, inside the
 * caller's transaction (which must hold the store's write lock, as every tuple writer does, and
 * must already have changed the tuple table). A write without recursive edges costs nothing;
 * one with some costs two or three statements. Every writer of tuples calls this: writeTuples,
 * and bulk imports for the tuples they inserted (and deleted).
 */
export async function maintainClosureSql(tx: SqlClient, storeId: string, deleted: readonly TupleColumns[], inserted: readonly TupleColumns[]): Promise<ClosureMaintenance> {
  const excluded = new Map<string, { edge: ClosureEdge; delta: number }>();
  const changed: [string[], string[], string[], string[]] = [[], [], [], []];
  const note = (t: TupleColumns, sign: number) => {
    if (!isRecursiveEdge(t)) return;
    if (isIndexedEdge(t)) {
      changed[0].push(t.objectType);
      changed[1].push(t.relation);
      changed[2].push(t.userRelation);
      changed[3].push(t.objectId);
      return;
    }
    const edge = edgeOf(t);
    const entry = excluded.get(edgeKey(edge));
    if (entry) entry.delta += sign;
    else excluded.set(edgeKey(edge), { edge, delta: sign });
  };
  for (const t of deleted) note(t, -1);
  for (const t of inserted) note(t, 1);
  const counts = [...excluded.values()].filter((e) => e.delta !== 0);
  if (counts.length > 0) {
    await tx.query(
      countExcluded,
      [storeId, counts.map((c) => c.edge.objectType), counts.map((c) => c.edge.relation), counts.map((c) => c.edge.userRelation), counts.map((c) => String(c.delta))],
    );
  }
  if (changed[0].length === 0) return nothing;
  // Unnamed: planned with the table's current statistics each time (a generic plan made while a
  // store loads would keep scanning the tuple table once it is large).
  const sources = await tx.query(dropAffected, [storeId, ...changed]);
  const walked: [string[], string[], string[], string[]] = [[], [], [], []];
  for (const row of sources) {
    walked[0].push(row.ot as string);
    walked[1].push(row.r as string);
    walked[2].push(row.ur as string);
    walked[3].push(row.id as string);
  }
  const [row] = await tx.query(walkFrom, [storeId, ...walked]);
  return { sources: sources.length, removed: Number(sources[0]?.removed ?? 0), inserted: Number(row?.inserted ?? 0) };
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

/** Every store that holds tuples or index rows (deleted stores keep their tuples, so their index too). */
export async function closureStoresSql(client: SqlClient): Promise<string[]> {
  const rows = await client.query('SELECT DISTINCT store FROM tuple UNION SELECT DISTINCT store FROM tuple_closure ORDER BY 1');
  return rows.map((row) => row.store as string);
}

const excludedOfEdge = `SELECT NULL AS from_id, NULL AS to_id FROM tuple_closure_excluded
  WHERE store = $1 AND object_type = $2 AND relation = $3 AND user_relation = $4 AND excluded > 0`;

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
  WHERE store = $1 AND object_type = $2 AND relation = $3 AND user_relation = $4 AND excluded > 0`;

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
