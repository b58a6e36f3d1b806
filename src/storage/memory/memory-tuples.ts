// One store's tuples in memory: the rows by key plus a forward and a reverse index, the same
// shapes of lookup the SQL backends get from their primary key and tuple_reverse_idx.
import type { RelationTuple } from '../../model/index.js';
import type { ClosureQuery, ClosureTuplesQuery, LevelQuery, MembershipQuery, LevelTuples, ObjectsRead, ReadByObjectsQuery, ReadByUsersQuery, ReadRelationsByObjectsQuery, TupleReader, UsersRead } from '../../engine/index.js';
import { keyString } from '../tuple-columns.js';
import type { TupleColumns } from '../tuple-columns.js';
import { edgeKey, edgeOf, isIndexedEdge, isRecursiveEdge } from '../closure-edges.js';
import { reachFrom, reachTo } from './memory-closure.js';

export interface MemoryTuple extends TupleColumns {
  revision: bigint;
  insertedAt: Date;
}

const sep = '\u0000';

function forwardKey(objectType: string, relation: string, objectId: string): string {
  return objectType + sep + relation + sep + objectId;
}

function reverseKey(objectType: string, relation: string, userType: string, userRelation: string, userId: string): string {
  return objectType + sep + relation + sep + userType + sep + userRelation + sep + userId;
}

function addTo(index: Map<string, Map<string, MemoryTuple>>, key: string, id: string, tuple: MemoryTuple): void {
  let bucket = index.get(key);
  if (!bucket) index.set(key, (bucket = new Map()));
  bucket.set(id, tuple);
}

function removeFrom(index: Map<string, Map<string, MemoryTuple>>, key: string, id: string): void {
  const bucket = index.get(key);
  if (!bucket) return;
  bucket.delete(id);
  if (bucket.size === 0) index.delete(key);
}

function toRelationTuple(t: MemoryTuple): RelationTuple {
  const tuple: RelationTuple = {
    objectType: t.objectType,
    objectId: t.objectId,
    relation: t.relation,
    userType: t.userType,
    userId: t.userId,
    userRelation: t.userRelation,
  };
  if (t.conditionName) {
    tuple.conditionName = t.conditionName;
    if (t.conditionContext) tuple.conditionContext = structuredClone(t.conditionContext);
  }
  if (t.expiresAt !== undefined) tuple.expiresAt = t.expiresAt;
  return tuple;
}

/** Visible at `nowMs`: not expired (an expiry is exclusive, as in SQL's `expires_at > now`). */
function live(t: MemoryTuple, nowMs: number): boolean {
  return t.expiresAt === undefined || t.expiresAt > nowMs;
}

/** The rows of one store; `at(now)` gives the engine a reader that sees them at one instant. */
export class MemoryTuples {
  readonly rows = new Map<string, MemoryTuple>();
  private readonly forward = new Map<string, Map<string, MemoryTuple>>();
  private readonly reverse = new Map<string, Map<string, MemoryTuple>>();
  /** Recursive edges the closure index leaves out, by edgeKey: kinds with any are walked instead. */
  private readonly excluded = new Map<string, number>();
  /** The rows that carry an expiry, by id: what the sweeper scans (not the whole store). */
  private readonly expiring = new Map<string, MemoryTuple>();

  get(id: string): MemoryTuple | undefined {
    return this.rows.get(id);
  }

  insert(tuple: MemoryTuple): void {
    const id = keyString(tuple);
    this.rows.set(id, tuple);
    if (tuple.expiresAt !== undefined) this.expiring.set(id, tuple);
    addTo(this.forward, forwardKey(tuple.objectType, tuple.relation, tuple.objectId), id, tuple);
    addTo(this.reverse, reverseKey(tuple.objectType, tuple.relation, tuple.userType, tuple.userRelation, tuple.userId), id, tuple);
    this.countExcluded(tuple, 1);
  }

  private countExcluded(tuple: TupleColumns, delta: number): void {
    if (!isRecursiveEdge(tuple) || isIndexedEdge(tuple)) return;
    const key = edgeKey(edgeOf(tuple));
    const count = (this.excluded.get(key) ?? 0) + delta;
    if (count === 0) this.excluded.delete(key);
    else this.excluded.set(key, count);
  }

  remove(id: string): void {
    const tuple = this.rows.get(id);
    if (!tuple) return;
    this.rows.delete(id);
    this.expiring.delete(id);
    removeFrom(this.forward, forwardKey(tuple.objectType, tuple.relation, tuple.objectId), id);
    removeFrom(this.reverse, reverseKey(tuple.objectType, tuple.relation, tuple.userType, tuple.userRelation, tuple.userId), id);
    this.countExcluded(tuple, -1);
  }

  readClosure(query: ClosureQuery): Promise<ReadonlyMap<string, readonly string[]> | undefined> {
    if (this.excluded.has(edgeKey(query.edge))) return Promise.resolve(undefined);
    const forward = (type: string, relation: string, id: string) => this.forward.get(forwardKey(type, relation, id))?.values() ?? [];
    return Promise.resolve(new Map(query.objectIds.map((id) => [id, reachFrom(forward, query.edge, id)])));
  }

  /**
   * A reader of these rows at the instant `nowMs`: expired tuples are left out. With `closure`
   * it answers from the closure index too (expiring edges are never in it: closure-edges.ts).
   */
  at(nowMs: number, closure = true): TupleReader {
    return new MemoryTupleReader(this.forward, this.reverse, nowMs, closure ? (query) => this.readClosure(query) : undefined);
  }

  /** Rows expired at `nowMs`, earliest expiry first, at most `limit`. */
  expired(nowMs: number, limit: number): MemoryTuple[] {
    const found: MemoryTuple[] = [];
    for (const t of this.expiring.values()) if (!live(t, nowMs)) found.push(t);
    return found.sort((a, b) => (a.expiresAt ?? 0) - (b.expiresAt ?? 0)).slice(0, limit);
  }
}

type ClosureRead = (query: ClosureQuery) => Promise<ReadonlyMap<string, readonly string[]> | undefined>;

class MemoryTupleReader implements TupleReader {
  readonly readClosure?: ClosureRead;
  readonly readClosureTuples?: (query: ClosureTuplesQuery) => Promise<ReadonlyMap<string, RelationTuple[]> | undefined>;
  readonly readMemberships?: (query: MembershipQuery) => Promise<ReadonlyMap<string, RelationTuple[]> | undefined>;

  constructor(
    private readonly forward: ReadonlyMap<string, Map<string, MemoryTuple>>,
    private readonly reverse: ReadonlyMap<string, Map<string, MemoryTuple>>,
    private readonly nowMs: number,
    closure: ClosureRead | undefined,
  ) {
    if (closure) {
      this.readClosure = closure;
      this.readClosureTuples = (query) => this.closureTuples(closure, query);
      this.readMemberships = (query) => this.memberships(closure, query);
    }
  }

  /** The users' own tuples on each group they are in, directly or through the groups nesting it. */
  private async memberships(closure: ClosureRead, query: MembershipQuery): Promise<ReadonlyMap<string, RelationTuple[]> | undefined> {
    // The store's answer for the edge, nothing else: undefined while the kind is not indexed.
    if (!(await closure({ edge: query.edge, objectIds: [] }))) return undefined;
    const { objectType, relation } = query.edge;
    const own = await this.readByUsers({ objectType, relation, userType: query.userType, userIds: query.userIds, userRelation: '' });
    const reverse = (type: string, rel: string, userType: string, userRelation: string, userId: string) =>
      this.reverse.get(reverseKey(type, rel, userType, userRelation, userId))?.values() ?? [];
    const found = new Map<string, RelationTuple[]>();
    const add = (group: string, t: RelationTuple) => {
      const list = found.get(group);
      if (list) list.push(t);
      else found.set(group, [t]);
    };
    for (const t of own) {
      add(t.objectId, t);
      for (const group of reachTo(reverse, query.edge, t.objectId)) if (group !== t.objectId) add(group, t);
    }
    return found;
  }

  /** The user's own tuples (live at this reader's instant) on each start or on what it reaches. */
  private async closureTuples(closure: ClosureRead, query: ClosureTuplesQuery): Promise<ReadonlyMap<string, RelationTuple[]> | undefined> {
    const reach = await closure(query);
    if (!reach) return undefined;
    const { objectType, relation } = query.edge;
    const own = await this.readByUsers({ objectType, relation, userType: query.userType, userIds: query.userIds, userRelation: query.userRelation });
    const found = new Map<string, RelationTuple[]>();
    for (const start of query.objectIds) {
      const objects = new Set(reach.get(start) ?? []);
      objects.add(start);
      const tuples = own.filter((t) => objects.has(t.objectId));
      if (tuples.length > 0) found.set(start, tuples);
    }
    return found;
  }

  readByObjects(query: ReadByObjectsQuery): Promise<RelationTuple[]> {
    const result: RelationTuple[] = [];
    this.collectForward(query.objectType, query.objectIds, query.relation, query.userFilters, result);
    return Promise.resolve(result);
  }

  readRelationsByObjects(query: ReadRelationsByObjectsQuery): Promise<RelationTuple[]> {
    const result: RelationTuple[] = [];
    const seen = new Set<string>();
    for (const r of query.relations) {
      if (seen.has(r.relation)) continue;
      seen.add(r.relation);
      this.collectForward(query.objectType, query.objectIds, r.relation, r.userFilters, result);
    }
    return Promise.resolve(result);
  }

  private collectForward(objectType: string, objectIds: readonly string[], relation: string, filters: ReadByObjectsQuery['userFilters'], result: RelationTuple[]): void {
    for (const objectId of new Set(objectIds)) {
      const bucket = this.forward.get(forwardKey(objectType, relation, objectId));
      if (!bucket) continue;
      for (const t of bucket.values()) {
        if (!live(t, this.nowMs)) continue;
        if (filters && !filters.some((f) => f.userType === t.userType && f.userRelation === t.userRelation)) continue;
        result.push(toRelationTuple(t));
      }
    }
  }

  readManyByObjects(reads: readonly ObjectsRead[]): Promise<RelationTuple[]> {
    const result: RelationTuple[] = [];
    // Ids of reads of the same (type, relation) merged first, so that no tuple is listed twice.
    const merged = new Map<string, { read: ObjectsRead; ids: Set<string> }>();
    for (const read of reads) {
      const key = read.objectType + sep + read.relation;
      const entry = merged.get(key);
      if (entry) for (const id of read.objectIds) entry.ids.add(id);
      else merged.set(key, { read, ids: new Set(read.objectIds) });
    }
    for (const { read, ids } of merged.values()) this.collectForward(read.objectType, [...ids], read.relation, undefined, result);
    return Promise.resolve(result);
  }

  readManyByUsers(reads: readonly UsersRead[]): Promise<RelationTuple[]> {
    const result: RelationTuple[] = [];
    const merged = new Map<string, { read: UsersRead; ids: Set<string> }>();
    for (const read of reads) {
      const key = read.objectType + sep + read.relation + sep + read.userType + sep + read.userRelation;
      const entry = merged.get(key);
      if (entry) for (const id of read.userIds) entry.ids.add(id);
      else merged.set(key, { read, ids: new Set(read.userIds) });
    }
    for (const { read, ids } of merged.values()) this.collectReverse({ ...read, userIds: [...ids] }, undefined, result);
    return Promise.resolve(result);
  }

  async readLevel(query: LevelQuery): Promise<LevelTuples> {
    const objects: RelationTuple[] = [];
    // Ids of reads of the same (type, relation) merged first (their filters are the same), so that no tuple is listed twice.
    const merged = new Map<string, { read: LevelQuery['objects'][number]; ids: Set<string> }>();
    for (const read of query.objects) {
      const key = read.objectType + sep + read.relation;
      const entry = merged.get(key);
      if (entry) for (const id of read.objectIds) entry.ids.add(id);
      else merged.set(key, { read, ids: new Set(read.objectIds) });
    }
    for (const { read, ids } of merged.values()) this.collectForward(read.objectType, [...ids], read.relation, read.userFilters, objects);
    const answer: LevelTuples = { objects, users: await this.readManyByUsers(query.users) };
    const { readClosure, readMemberships } = this;
    if (query.closures?.length) {
      answer.closures = await Promise.all(query.closures.map((q) => (readClosure ? readClosure(q) : undefined)));
      const prefetched: RelationTuple[] = [];
      query.closures.forEach((q, i) => {
        const reached = new Set([...(answer.closures?.[i]?.values() ?? [])].flat());
        for (const r of q.prefetch ?? []) this.collectForward(q.edge.objectType, [...reached], r.relation, r.userFilters, prefetched);
      });
      answer.prefetched = prefetched;
    }
    if (query.memberships?.length) answer.memberships = await Promise.all(query.memberships.map((q) => (readMemberships ? readMemberships(q) : undefined)));
    return answer;
  }

  readByUsers(query: ReadByUsersQuery): Promise<RelationTuple[]> {
    const result: RelationTuple[] = [];
    this.collectReverse(query, query.objectIds ? new Set(query.objectIds) : undefined, result);
    return Promise.resolve(result);
  }

  private collectReverse(read: UsersRead, objectIds: ReadonlySet<string> | undefined, result: RelationTuple[]): void {
    for (const userId of new Set(read.userIds)) {
      const bucket = this.reverse.get(reverseKey(read.objectType, read.relation, read.userType, read.userRelation, userId));
      if (!bucket) continue;
      for (const t of bucket.values()) if ((!objectIds || objectIds.has(t.objectId)) && live(t, this.nowMs)) result.push(toRelationTuple(t));
    }
  }
}
