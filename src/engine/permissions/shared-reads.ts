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

/** How one kind of multi-read is cut into remembered units: a read's key and ids, a tuple's unit. */
interface Units<R> {
  keyOf(read: R): string;
  idsOf(read: R): readonly string[];
  withIds(read: R, ids: string[]): R;
  unitOf(t: RelationTuple): string;
  fetch(reads: R[]): Promise<RelationTuple[]>;
}

export class SharedReads implements TupleReader {
  private readonly settled = new Map<string, RelationTuple[]>();
  private readonly pending = new Map<string, Promise<void>>();
  /** Reads sent to the inner reader. */
  innerReads = 0;
  private readonly users: Units<UsersRead>;
  private readonly objects: Units<ObjectsRead>;

  constructor(private readonly inner: TupleReader) {
    this.users = {
      keyOf: (read) => `u|${usersReadKey(read)}`,
      idsOf: (read) => read.userIds,
      withIds: (read, userIds) => ({ ...read, userIds }),
      unitOf: (t) => `u|${usersReadKey(t)}@${t.userId}`,
      fetch: (reads) => readManyByUsers(this.inner, reads),
    };
    this.objects = {
      keyOf: (read) => `o|${read.objectType}#${read.relation}`,
      idsOf: (read) => read.objectIds,
      withIds: (read, objectIds) => ({ objectType: read.objectType, relation: read.relation, objectIds }),
      unitOf: (t) => `o|${t.objectType}#${t.relation}@${t.objectId}`,
      fetch: (reads) => readManyByObjects(this.inner, reads),
    };
  }

  readByUsers(query: ReadByUsersQuery): Promise<RelationTuple[]> {
    if (query.objectIds) return this.pass(() => this.inner.readByUsers(query));
    return this.readManyByUsers([query]);
  }

  readManyByUsers(reads: readonly UsersRead[]): Promise<RelationTuple[]> {
    return this.read(this.users, reads);
  }

  readByObjects(query: ReadByObjectsQuery): Promise<RelationTuple[]> {
    if (query.userFilters) return this.pass(() => this.inner.readByObjects(query));
    return this.readManyByObjects([query]);
  }

  readManyByObjects(reads: readonly ObjectsRead[]): Promise<RelationTuple[]> {
    return this.read(this.objects, reads);
  }

  readRelationsByObjects(query: ReadRelationsByObjectsQuery): Promise<RelationTuple[]> {
    return this.pass(() => readRelationsByObjects(this.inner, query));
  }

  /**
   * The units neither remembered nor being read are read in one multi-read; the answer is then
   * assembled from memory. Settled units are plain arrays (no promise per id: a level of a walk
   * asks for thousands of ids, and the inner read may cost less than a promise each).
   */
  private async read<R>(units: Units<R>, reads: readonly R[]): Promise<RelationTuple[]> {
    const missing = new Map<string, { read: R; ids: string[] }>();
    const asked: string[] = [];
    const waits = new Set<Promise<void>>();
    for (const read of reads) {
      const key = units.keyOf(read);
      for (const id of new Set(units.idsOf(read))) {
        const unit = `${key}@${id}`;
        asked.push(unit);
        if (this.settled.has(unit)) continue;
        const inFlight = this.pending.get(unit);
        if (inFlight) {
          waits.add(inFlight);
          continue;
        }
        let entry = missing.get(key);
        if (!entry) missing.set(key, (entry = { read, ids: [] }));
        entry.ids.push(id);
      }
    }
    if (missing.size > 0) {
      this.innerReads += 1;
      const unitsRead = [...missing].flatMap(([key, { ids }]) => ids.map((id) => `${key}@${id}`));
      const batch = units.fetch([...missing.values()].map(({ read, ids }) => units.withIds(read, ids))).then(
        (tuples) => {
          for (const unit of unitsRead) this.settled.set(unit, []);
          for (const t of tuples) this.settled.get(units.unitOf(t))?.push(t);
          for (const unit of unitsRead) this.pending.delete(unit);
        },
        (error: unknown) => {
          for (const unit of unitsRead) this.pending.delete(unit);
          throw error;
        },
      );
      for (const unit of unitsRead) this.pending.set(unit, batch);
      waits.add(batch);
    }
    await Promise.all(waits);
    const out: RelationTuple[] = [];
    for (const unit of asked) for (const t of this.settled.get(unit) ?? []) out.push(t);
    return out;
  }

  private pass(read: () => Promise<RelationTuple[]>): Promise<RelationTuple[]> {
    this.innerReads += 1;
    return read();
  }
}
