// A TupleReader decorator that shows the store's tuples with some hidden and others added: the
// one mechanism behind contextual tuples (a request's own tuples over the store's) and snapshot
// reads (the store as it was at an earlier revision, by undoing later changes).
import { tupleIdentity } from '../../model/index.js';
import { usersReadKey } from './tuple-reader.js';
import type { RelationTuple } from '../../model/index.js';
import type { ObjectsRead, ReadByObjectsQuery, ReadByUsersQuery, ReadRelationsByObjectsQuery, TupleReader, UserTypeFilter, UsersRead } from './tuple-reader.js';

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

  // The optional multi-reads are present only when the inner reader has them, so that one
  // merged read stays one read.
  readonly readRelationsByObjects?: (query: ReadRelationsByObjectsQuery) => Promise<RelationTuple[]>;
  readonly readManyByObjects?: (reads: readonly ObjectsRead[]) => Promise<RelationTuple[]>;
  readonly readManyByUsers?: (reads: readonly UsersRead[]) => Promise<RelationTuple[]>;

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
    if (inner.readManyByObjects) {
      const readInner = inner.readManyByObjects.bind(inner);
      this.readManyByObjects = async (reads) => {
        const local = this.added.length === 0 ? [] : this.added.filter(idsByKey(reads, (r) => `${r.objectType}#${r.relation}`, (r) => r.objectIds, (t) => [`${t.objectType}#${t.relation}`, t.objectId]));
        return this.merge(local, await readInner(reads));
      };
    }
    if (inner.readManyByUsers) {
      const readInner = inner.readManyByUsers.bind(inner);
      this.readManyByUsers = async (reads) => {
        const local = this.added.length === 0 ? [] : this.added.filter(idsByKey(reads, usersReadKey, (r) => r.userIds, (t) => [usersReadKey(t), t.userId]));
        return this.merge(local, await readInner(reads));
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
    const key = usersReadKey(query);
    const local = this.added.filter((t) => usersReadKey(t) === key && users.has(t.userId) && (!objects || objects.has(t.objectId)));
    const stored = query.userIds.length === 0 ? [] : await this.inner.readByUsers(query);
    return this.merge(local, stored);
  }

  private merge(local: RelationTuple[], stored: RelationTuple[]): RelationTuple[] {
    if (local.length === 0 && this.hidesOnlyAdded) return stored;
    const kept = stored.filter((t) => !this.hidden.has(tupleIdentity(t)));
    return local.length === 0 ? kept : [...local, ...kept];
  }
}

/**
 * A tuple filter for a multi-read: the reads' ids grouped by their key, so that each added tuple
 * costs one lookup however many reads and ids there are.
 */
function idsByKey<R>(reads: readonly R[], keyOf: (read: R) => string, idsOf: (read: R) => readonly string[], tupleKey: (t: RelationTuple) => [string, string]) {
  const ids = new Map<string, Set<string>>();
  for (const read of reads) {
    const key = keyOf(read);
    let set = ids.get(key);
    if (!set) ids.set(key, (set = new Set()));
    for (const id of idsOf(read)) set.add(id);
  }
  return (t: RelationTuple): boolean => {
    const [key, id] = tupleKey(t);
    return ids.get(key)?.has(id) ?? false;
  };
}

function admits(filters: readonly UserTypeFilter[] | undefined, t: RelationTuple): boolean {
  return !filters || filters.some((f) => f.userType === t.userType && f.userRelation === t.userRelation);
}
