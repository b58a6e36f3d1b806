// A TupleReader decorator that overlays a request's contextual tuples on the store's tuples, so
// that the evaluator sees one graph. A contextual tuple equal to a stored one replaces it (its
// condition is the one the caller sent for this request).

import type { TupleKey } from '../model/index.js';
import { toRelationTuple, tupleIdentity } from './tuple-reader.js';
import type { ReadByObjectsQuery, ReadByUsersQuery, ReadRelationsByObjectsQuery, RelationTuple, TupleReader, UserTypeFilter } from './tuple-reader.js';

export class ContextualTupleReader implements TupleReader {
  private readonly inner: TupleReader;
  private readonly tuples: RelationTuple[];

  /** Present only when the inner reader has it, so that one merged read stays one read. */
  readonly readRelationsByObjects?: (query: ReadRelationsByObjectsQuery) => Promise<RelationTuple[]>;

  /** `tuples` must already be validated; malformed keys are skipped rather than guessed at. */
  constructor(inner: TupleReader, tuples: readonly TupleKey[]) {
    this.inner = inner;
    this.tuples = dedupe(tuples.map(toRelationTuple).filter((t): t is RelationTuple => t !== undefined));
    if (inner.readRelationsByObjects) {
      const readInner = inner.readRelationsByObjects.bind(inner);
      this.readRelationsByObjects = async (query) => {
        const ids = new Set(query.objectIds);
        const wanted = new Map(query.relations.map((r) => [r.relation, r.userFilters]));
        const local = this.tuples.filter((t) => t.objectType === query.objectType && ids.has(t.objectId) && wanted.has(t.relation) && admits(wanted.get(t.relation), t));
        const stored = query.objectIds.length === 0 ? [] : await readInner(query);
        return merge(local, stored);
      };
    }
  }

  async readByObjects(query: ReadByObjectsQuery): Promise<RelationTuple[]> {
    const ids = new Set(query.objectIds);
    const local = this.tuples.filter(
      (t) => t.objectType === query.objectType && t.relation === query.relation && ids.has(t.objectId) && admits(query.userFilters, t),
    );
    const stored = query.objectIds.length === 0 ? [] : await this.inner.readByObjects(query);
    return merge(local, stored);
  }

  async readByUsers(query: ReadByUsersQuery): Promise<RelationTuple[]> {
    const users = new Set(query.userIds);
    const objects = query.objectIds ? new Set(query.objectIds) : undefined;
    const local = this.tuples.filter(
      (t) =>
        t.objectType === query.objectType &&
        t.relation === query.relation &&
        t.userType === query.userType &&
        t.userRelation === query.userRelation &&
        users.has(t.userId) &&
        (!objects || objects.has(t.objectId)),
    );
    const stored = query.userIds.length === 0 ? [] : await this.inner.readByUsers(query);
    return merge(local, stored);
  }
}

function admits(filters: readonly UserTypeFilter[] | undefined, t: RelationTuple): boolean {
  return !filters || filters.some((f) => f.userType === t.userType && f.userRelation === t.userRelation);
}

function dedupe(tuples: RelationTuple[]): RelationTuple[] {
  const seen = new Map<string, RelationTuple>();
  for (const t of tuples) if (!seen.has(tupleIdentity(t))) seen.set(tupleIdentity(t), t);
  return [...seen.values()];
}

function merge(local: RelationTuple[], stored: RelationTuple[]): RelationTuple[] {
  if (local.length === 0) return stored;
  const shadowed = new Set(local.map(tupleIdentity));
  return [...local, ...stored.filter((t) => !shadowed.has(tupleIdentity(t)))];
}
