// A TupleReader decorator that remembers, for one request, the answer of every reverse read per
// (object type, relation, user type, user id, user relation) and of every forward read per
// (object type, relation, object id): a permission snapshot runs one reverse walk per listed
// relation, and relations of one type mostly walk the same edges (`viewer: [user] or editor`,
// `editor: [user] or owner`), so each edge is read from the store once for all of them.
// Reads with narrowing or filters (a Check's) are passed through: they rarely repeat exactly, and
// keying them would cost more than it saves.
import type { RelationTuple } from '../../model/index.js';
import type { ObjectsRead, ReadByObjectsQuery, ReadByUsersQuery, ReadRelationsByObjectsQuery, TupleReader, UsersRead } from '../read/tuple-reader.js';
import { readManyByObjects, readManyByUsers, readRelationsByObjects, usersReadKey } from '../read/tuple-reader.js';

export class SharedReads implements TupleReader {
  private readonly byUser = new Map<string, Promise<RelationTuple[]>>();
  private readonly byObject = new Map<string, Promise<RelationTuple[]>>();
  /** Reads sent to the inner reader. */
  innerReads = 0;

  constructor(private readonly inner: TupleReader) {}

  readByUsers(query: ReadByUsersQuery): Promise<RelationTuple[]> {
    if (query.objectIds) return this.pass(() => this.inner.readByUsers(query));
    return this.readManyByUsers([query]);
  }

  async readManyByUsers(reads: readonly UsersRead[]): Promise<RelationTuple[]> {
    const missing = new Map<string, { read: UsersRead; ids: string[] }>();
    for (const read of reads) {
      const key = usersReadKey(read);
      for (const id of new Set(read.userIds)) {
        if (this.byUser.has(`${key}@${id}`)) continue;
        let entry = missing.get(key);
        if (!entry) missing.set(key, (entry = { read, ids: [] }));
        entry.ids.push(id);
      }
    }
    if (missing.size > 0) {
      const wanted = [...missing.values()].map(({ read, ids }) => ({ ...read, userIds: ids }));
      this.innerReads += 1;
      const fetched = readManyByUsers(this.inner, wanted);
      const sorted = fetched.then((tuples) => {
        const groups = new Map<string, RelationTuple[]>();
        for (const t of tuples) {
          const key = `${usersReadKey(t)}@${t.userId}`;
          let group = groups.get(key);
          if (!group) groups.set(key, (group = []));
          group.push(t);
        }
        return groups;
      });
      for (const [key, { ids }] of missing) for (const id of ids) this.byUser.set(`${key}@${id}`, sorted.then((groups) => groups.get(`${key}@${id}`) ?? []));
    }
    const parts = await Promise.all(reads.flatMap((read) => [...new Set(read.userIds)].map((id) => this.byUser.get(`${usersReadKey(read)}@${id}`) as Promise<RelationTuple[]>)));
    return parts.flat();
  }

  readByObjects(query: ReadByObjectsQuery): Promise<RelationTuple[]> {
    if (query.userFilters) return this.pass(() => this.inner.readByObjects(query));
    return this.readManyByObjects([query]);
  }

  async readManyByObjects(reads: readonly ObjectsRead[]): Promise<RelationTuple[]> {
    const missing = new Map<string, { read: ObjectsRead; ids: string[] }>();
    for (const read of reads) {
      const key = `${read.objectType}#${read.relation}`;
      for (const id of new Set(read.objectIds)) {
        if (this.byObject.has(`${key}@${id}`)) continue;
        let entry = missing.get(key);
        if (!entry) missing.set(key, (entry = { read, ids: [] }));
        entry.ids.push(id);
      }
    }
    if (missing.size > 0) {
      const wanted = [...missing.values()].map(({ read, ids }) => ({ objectType: read.objectType, relation: read.relation, objectIds: ids }));
      this.innerReads += 1;
      const sorted = readManyByObjects(this.inner, wanted).then((tuples) => {
        const groups = new Map<string, RelationTuple[]>();
        for (const t of tuples) {
          const key = `${t.objectType}#${t.relation}@${t.objectId}`;
          let group = groups.get(key);
          if (!group) groups.set(key, (group = []));
          group.push(t);
        }
        return groups;
      });
      for (const [key, { ids }] of missing) for (const id of ids) this.byObject.set(`${key}@${id}`, sorted.then((groups) => groups.get(`${key}@${id}`) ?? []));
    }
    const parts = await Promise.all(reads.flatMap((read) => [...new Set(read.objectIds)].map((id) => this.byObject.get(`${read.objectType}#${read.relation}@${id}`) as Promise<RelationTuple[]>)));
    return parts.flat();
  }

  readRelationsByObjects(query: ReadRelationsByObjectsQuery): Promise<RelationTuple[]> {
    return this.pass(() => readRelationsByObjects(this.inner, query));
  }

  private pass(read: () => Promise<RelationTuple[]>): Promise<RelationTuple[]> {
    this.innerReads += 1;
    return read();
  }
}
