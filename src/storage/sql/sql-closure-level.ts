// The closure index's reads inside one level statement (readLevel; Leopard, issue 18): the
// ancestors of chain nodes ("is F under P") and the users' whole nested membership ("which teams
// is U in, through any nesting") go beside the level's tuple reads, so with the index on a level
// of the walk still costs one round trip. Each kind of edge the store declines (it holds edges
// the index leaves out, or is stale: sql-closure-index.ts) comes back as one row, and every read
// of that kind then answers `undefined` (walk instead), as readClosure does.
import type { ClosureEdge, ClosureQuery, LevelQuery, LevelTuples, MembershipQuery } from '../../engine/index.js';
import type { RelationTuple } from '../../model/index.js';
import { withCondition } from './rows.js';
import type { SqlRow } from './sql-client.js';

/** Parameters after the level's own (`$1` store … `$15` now): reach keys, membership keys, kinds of edge, prefetch keys. */
const firstParameter = 16;

// What a key row `k` (ot, r, ur, id) reaches: a LATERAL subquery that OFFSET 0 keeps from being
// flattened into a join, so it is one probe of the primary key per key row. As a join, the generic
// plan hashed the store's whole range of tuple_closure on every statement (a small table when
// the plan was made), work that grows with the store.
const reached = (k: string) =>
  `SELECT c.to_id FROM tuple_closure c WHERE c.store = $1 AND c.object_type = ${k}.ot AND c.relation = ${k}.r AND c.user_relation = ${k}.ur AND c.from_id = ${k}.id OFFSET 0`;

/**
 * The level statement `levelSql` (rows n, a, b, c, condition_name, condition_context, expires_at;
 * parameters $1 store … $15 now) with the closure reads beside it. Each row gets a `kind`: 0 the
 * level's own, 1 a pair (a = start, b = reached) of a reach key n, 2 a membership of key n (a =
 * the group, b = the group of the user's own tuple, c = the user), 3 kind of edge n declined, 4 a
 * tuple of prefetch key n on an id its start reaches (a = that id, b, c, d = the user's type, id,
 * relation; filtered by the level's own filters $6…$9, which must hold the prefetch relations').
 */
export function withClosureReads(levelSql: string): string {
  const p = (i: number) => `$${firstParameter + i}::text[]`;
  return `WITH m AS MATERIALIZED (
  SELECT k.n, k.ot, k.r, k.ur, t.object_id, t.user_id, t.condition_name, t.condition_context, t.expires_at
  FROM unnest(${p(4)}, ${p(5)}, ${p(6)}, ${p(7)}, ${p(8)}) WITH ORDINALITY AS k(ot, r, ur, ut, uid, n)
  JOIN tuple t ON t.store = $1 AND t.object_type = k.ot AND t.relation = k.r AND t.user_type = k.ut AND t.user_relation = '' AND t.user_id = k.uid
  WHERE (t.expires_at IS NULL OR t.expires_at > $15::timestamptz))
SELECT 0 AS kind, l.*, NULL::text AS d FROM (${levelSql}) l
UNION ALL
SELECT 1, k.n::int, k.id, c.to_id, NULL, NULL, NULL, NULL, NULL
  FROM unnest(${p(0)}, ${p(1)}, ${p(2)}, ${p(3)}) WITH ORDINALITY AS k(ot, r, ur, id, n)
  CROSS JOIN LATERAL (${reached('k')}) c
UNION ALL
SELECT 2, m.n::int, m.object_id, m.object_id, m.user_id, m.condition_name, m.condition_context, m.expires_at, NULL FROM m
UNION ALL
SELECT 2, m.n::int, c.from_id, m.object_id, m.user_id, m.condition_name, m.condition_context, m.expires_at, NULL FROM m
  JOIN tuple_closure c ON c.store = $1 AND c.to_id = m.object_id AND c.object_type = m.ot AND c.relation = m.r AND c.user_relation = m.ur
    AND c.from_id <> m.object_id
UNION ALL
SELECT 3, k.n::int, NULL, NULL, NULL, NULL, NULL, NULL, NULL
  FROM unnest(${p(9)}, ${p(10)}, ${p(11)}) WITH ORDINALITY AS k(ot, r, ur, n)
  JOIN tuple_closure_excluded e ON e.store = $1 AND e.object_type = k.ot AND e.relation = k.r AND e.user_relation = k.ur AND (e.excluded > 0 OR e.stale)
UNION ALL
SELECT 4, k.n::int, k.to_id, t.user_type, t.user_id, t.condition_name, t.condition_context, t.expires_at, t.user_relation
  FROM (
    -- Starts of a batch share ancestors: each (node, relation) is read once.
    SELECT DISTINCT ON (k.ot, k.rel, c.to_id) k.n, k.ot, k.rel, k.whole, c.to_id
    FROM unnest(${p(12)}, ${p(13)}, ${p(14)}, ${p(15)}, ${p(16)}, $${firstParameter + 17}::bool[]) WITH ORDINALITY AS k(ot, r, ur, id, rel, whole, n)
    CROSS JOIN LATERAL (${reached('k')}) c) k
  JOIN tuple t ON t.store = $1 AND t.object_type = k.ot AND t.object_id = k.to_id AND t.relation = k.rel
  WHERE (t.expires_at IS NULL OR t.expires_at > $15::timestamptz)
    AND (k.whole OR (t.object_type, t.relation, t.user_type, t.user_relation) IN (SELECT * FROM unnest($6::text[], $7::text[], $8::text[], $9::text[])))`;
}

/** The closure reads of a LevelQuery as key arrays, and how to turn their rows into the answer. */
export class ClosureLevelReads {
  /** Parameters $16…$33 of withClosureReads. */
  readonly params: (string[] | boolean[])[];
  private readonly text: string[][] = Array.from({ length: 17 }, () => []);
  private readonly whole: boolean[] = [];
  /** Per prefetch key (n - 1): its object type and relation. */
  private readonly prefetchOf: { objectType: string; relation: string }[] = [];
  /** Per reach key (n - 1): its read. */
  private readonly reachOf: number[] = [];
  /** Per membership key (n - 1): its read. */
  private readonly membershipOf: number[] = [];
  /** Per kind of edge (n - 1) the reads of it, as [closures, memberships] indexes. */
  private readonly edges = new Map<string, { n: number; closures: number[]; memberships: number[] }>();

  constructor(
    private readonly closures: readonly ClosureQuery[],
    private readonly memberships: readonly MembershipQuery[],
  ) {
    const [reachOt, reachR, reachUr, reachId, mOt, mR, mUr, mUt, mUid, eOt, eR, eUr, pOt, pR, pUr, pId, pRel] = this.text as [string[], string[], string[], string[], string[], string[], string[], string[], string[], string[], string[], string[], string[], string[], string[], string[], string[]];
    this.params = [...this.text, this.whole];
    closures.forEach((q, i) => {
      this.kind(q.edge, eOt, eR, eUr).closures.push(i);
      const ids = new Set(q.objectIds);
      for (const id of ids) {
        reachOt.push(q.edge.objectType);
        reachR.push(q.edge.relation);
        reachUr.push(q.edge.userRelation);
        reachId.push(id);
        this.reachOf.push(i);
      }
      for (const r of q.prefetch ?? []) {
        // An empty filter admits nothing.
        if (r.userFilters?.length === 0) continue;
        for (const id of ids) {
          pOt.push(q.edge.objectType);
          pR.push(q.edge.relation);
          pUr.push(q.edge.userRelation);
          pId.push(id);
          pRel.push(r.relation);
          this.whole.push(!r.userFilters);
          this.prefetchOf.push({ objectType: q.edge.objectType, relation: r.relation });
        }
      }
    });
    memberships.forEach((q, i) => {
      this.kind(q.edge, eOt, eR, eUr).memberships.push(i);
      for (const id of new Set(q.userIds)) {
        mOt.push(q.edge.objectType);
        mR.push(q.edge.relation);
        mUr.push(q.edge.userRelation);
        mUt.push(q.userType);
        mUid.push(id);
        this.membershipOf.push(i);
      }
    });
  }

  get empty(): boolean {
    return this.edges.size === 0;
  }

  private kind(edge: ClosureEdge, ot: string[], r: string[], ur: string[]): { n: number; closures: number[]; memberships: number[] } {
    const key = `${edge.objectType}\u0000${edge.relation}\u0000${edge.userRelation}`;
    let kind = this.edges.get(key);
    if (!kind) {
      ot.push(edge.objectType);
      r.push(edge.relation);
      ur.push(edge.userRelation);
      this.edges.set(key, (kind = { n: ot.length, closures: [], memberships: [] }));
    }
    return kind;
  }

  /** The answers to the closure reads, from the statement's rows of kind 1–3. */
  answer(rows: readonly SqlRow[]): Pick<LevelTuples, 'closures' | 'memberships' | 'prefetched'> {
    const closures: (Map<string, string[]> | undefined)[] = this.closures.map(() => new Map());
    const memberships: (Map<string, RelationTuple[]> | undefined)[] = this.memberships.map(() => new Map());
    const declined = new Set<number>();
    for (const row of rows) if (row.kind === 3) declined.add(row.n as number);
    for (const kind of this.edges.values()) {
      if (!declined.has(kind.n)) continue;
      for (const i of kind.closures) closures[i] = undefined;
      for (const i of kind.memberships) memberships[i] = undefined;
    }
    const prefetched: RelationTuple[] = [];
    for (const row of rows) {
      if (row.kind === 4) {
        const { objectType, relation } = this.prefetchOf[(row.n as number) - 1]!;
        prefetched.push(withCondition({ objectType, objectId: row.a as string, relation, userType: row.b as string, userId: row.c as string, userRelation: row.d as string }, row));
      } else if (row.kind === 1) {
        const reach = closures[this.reachOf[(row.n as number) - 1]!];
        if (reach) push(reach, row.a as string, row.b as string);
      } else if (row.kind === 2) {
        const i = this.membershipOf[(row.n as number) - 1]!;
        const found = memberships[i];
        if (!found) continue;
        const { edge, userType } = this.memberships[i]!;
        const tuple = withCondition({ objectType: edge.objectType, objectId: row.b as string, relation: edge.relation, userType, userId: row.c as string, userRelation: '' }, row);
        push(found, row.a as string, tuple);
      }
    }
    return { closures, memberships, prefetched };
  }
}

/** The closure reads a LevelQuery holds (undefined: none). */
export function closureLevelReads(query: LevelQuery): ClosureLevelReads | undefined {
  const reads = new ClosureLevelReads(query.closures ?? [], query.memberships ?? []);
  return reads.empty ? undefined : reads;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
