// A TupleReader over an array of tuple keys, for engine tests that need no storage backend.
// It counts reads so that tests can assert the batching of a graph walk.
import type { TupleKey } from '../../src/model/index.js';
import { toRelationTuple, tupleIdentity } from '../../src/model/index.js';
import type { RelationTuple } from '../../src/model/index.js';
import type { ObjectsRead, ReadByObjectsQuery, ReadByUsersQuery, ReadRelationsByObjectsQuery, TupleReader, UsersRead } from '../../src/engine/read/tuple-reader.js';

export function toTuple(key: TupleKey): RelationTuple {
  const tuple = toRelationTuple(key);
  if (!tuple) throw new Error(`bad tuple ${key.object}#${key.relation}@${key.user}`);
  return tuple;
}

export class ArrayTupleReader implements TupleReader {
  readonly tuples: RelationTuple[];
  private readonly positions = new Map<string, number>();
  reads = 0;
  readByUsersCalls: ReadByUsersQuery[] = [];
  readManyByUsersCalls: (readonly UsersRead[])[] = [];

  constructor(keys: readonly TupleKey[] = []) {
    this.tuples = [];
    this.add(keys);
  }

  /** Adds tuples; one equal to a present tuple (ignoring its condition) replaces it. */
  add(keys: readonly TupleKey[]): void {
    for (const tuple of keys.map(toTuple)) {
      const id = tupleIdentity(tuple);
      const same = this.positions.get(id);
      if (same !== undefined) this.tuples[same] = tuple;
      else this.positions.set(id, this.tuples.push(tuple) - 1);
    }
  }

  async readByObjects(query: ReadByObjectsQuery): Promise<RelationTuple[]> {
    if (query.objectIds.length === 0) return [];
    this.reads++;
    const ids = new Set(query.objectIds);
    return this.tuples.filter((t) =>
      t.objectType === query.objectType && t.relation === query.relation && ids.has(t.objectId)
      && (!query.userFilters || query.userFilters.some((f) => f.userType === t.userType && f.userRelation === t.userRelation)));
  }

  /** Several relations of the same objects in one read (counted once). */
  async readRelationsByObjects(query: ReadRelationsByObjectsQuery): Promise<RelationTuple[]> {
    if (query.objectIds.length === 0) return [];
    this.reads++;
    const ids = new Set(query.objectIds);
    const wanted = new Map(query.relations.map((r) => [r.relation, r.userFilters]));
    return this.tuples.filter((t) => {
      if (t.objectType !== query.objectType || !ids.has(t.objectId) || !wanted.has(t.relation)) return false;
      const filters = wanted.get(t.relation);
      return !filters || filters.some((f) => f.userType === t.userType && f.userRelation === t.userRelation);
    });
  }

  /** Many forward reads in one (counted once). */
  async readManyByObjects(reads: readonly ObjectsRead[]): Promise<RelationTuple[]> {
    if (reads.every((r) => r.objectIds.length === 0)) return [];
    this.reads++;
    const keys = new Set(reads.flatMap((r) => r.objectIds.map((id) => `${r.objectType}:${id}#${r.relation}`)));
    return this.tuples.filter((t) => keys.has(`${t.objectType}:${t.objectId}#${t.relation}`));
  }

  /** Many reverse reads in one (counted once). */
  async readManyByUsers(reads: readonly UsersRead[]): Promise<RelationTuple[]> {
    if (reads.every((r) => r.userIds.length === 0)) return [];
    this.reads++;
    this.readManyByUsersCalls.push(reads);
    const keys = new Set(reads.flatMap((r) => r.userIds.map((id) => `${r.objectType}#${r.relation}@${r.userType}:${id}#${r.userRelation}`)));
    return this.tuples.filter((t) => keys.has(`${t.objectType}#${t.relation}@${t.userType}:${t.userId}#${t.userRelation}`));
  }

  async readByUsers(query: ReadByUsersQuery): Promise<RelationTuple[]> {
    if (query.userIds.length === 0) return [];
    this.reads++;
    this.readByUsersCalls.push(query);
    const users = new Set(query.userIds);
    const objects = query.objectIds ? new Set(query.objectIds) : undefined;
    return this.tuples.filter((t) =>
      t.objectType === query.objectType && t.relation === query.relation && t.userType === query.userType
      && t.userRelation === query.userRelation && users.has(t.userId) && (!objects || objects.has(t.objectId)));
  }
}
