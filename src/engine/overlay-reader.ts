// A TupleReader decorator that shows the store's tuples with some hidden and others added: the
// one mechanism behind contextual tuples (a request's own tuples over the store's) and snapshot
// reads (the store as it was at an earlier revision, by undoing later changes).
import { tupleIdentity } from './tuple-reader.js';
import type { ReadByObjectsQuery, ReadByUsersQuery, ReadRelationsByObjectsQuery, RelationTuple, TupleReader, UserTypeFilter } from './tuple-reader.js';

export interface Overlay {
  /** Tuples to add, unique by identity; an added tuple replaces a stored one of the same identity. */
  added: readonly RelationTuple[];
  /** Identities of stored tuples to leave out (the identities of `added` are left out anyway). */
  hidden?: ReadonlySet<string>;
}

export class OverlayTupleReader implements TupleReader {
  private readonly inner: TupleReader;
  private readonly added: readonly RelationTuple[];
  private readonly hidden: ReadonlySet<string>;
  /** When only added identities are hidden, a read that matched no added tuple needs no filter. */
  private readonly hidesOnlyAdded: boolean;

  /** Present only when the inner reader has it, so that one merged read stays one read. */
  readonly readRelationsByObjects?: (query: ReadRelationsByObjectsQuery) => Promise<RelationTuple[]>;

  constructor(inner: TupleReader, overlay: Overlay) {
    this.inner = inner;
    this.added = overlay.added;
    const hidden = new Set(overlay.hidden ?? []);
    this.hidesOnlyAdded = hidden.size === 0;
    for (const t of overlay.added) hidden.add(tupleIdentity(t));
    this.hidden = hidden;
    if (inner.readRelationsByObjects) {
      const readInner = inner.readRelationsByObjects.bind(inner);
      this.readRelationsByObjects = async (query) => {
        const ids = new Set(query.objectIds);
        const wanted = new Map(query.relations.map((r) => [r.relation, r.userFilters]));
        const local = this.added.filter((t) => t.objectType === query.objectType && ids.has(t.objectId) && wanted.has(t.relation) && admits(wanted.get(t.relation), t));
        const stored = query.objectIds.length === 0 ? [] : await readInner(query);
        return this.merge(local, stored);
      };
    }
  }

  async readByObjects(query: ReadByObjectsQuery): Promise<RelationTuple[]> {
    const ids = new Set(query.objectIds);
    const local = this.added.filter(
      (t) => t.objectType === query.objectType && t.relation === query.relation && ids.has(t.objectId) && admits(query.userFilters, t),
    );
    const stored = query.objectIds.length === 0 ? [] : await this.inner.readByObjects(query);
    return this.merge(local, stored);
  }

  async readByUsers(query: ReadByUsersQuery): Promise<RelationTuple[]> {
    const users = new Set(query.userIds);
    const objects = query.objectIds ? new Set(query.objectIds) : undefined;
    const local = this.added.filter(
      (t) =>
        t.objectType === query.objectType &&
        t.relation === query.relation &&
        t.userType === query.userType &&
        t.userRelation === query.userRelation &&
        users.has(t.userId) &&
        (!objects || objects.has(t.objectId)),
    );
    const stored = query.userIds.length === 0 ? [] : await this.inner.readByUsers(query);
    return this.merge(local, stored);
  }

  private merge(local: RelationTuple[], stored: RelationTuple[]): RelationTuple[] {
    if (local.length === 0 && this.hidesOnlyAdded) return stored;
    const kept = stored.filter((t) => !this.hidden.has(tupleIdentity(t)));
    return local.length === 0 ? kept : [...local, ...kept];
  }
}

function admits(filters: readonly UserTypeFilter[] | undefined, t: RelationTuple): boolean {
  return !filters || filters.some((f) => f.userType === t.userType && f.userRelation === t.userRelation);
}
