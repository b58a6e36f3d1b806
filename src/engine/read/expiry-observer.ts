// A TupleReader decorator that remembers the earliest expiry among the tuples it returned, for
// callers that keep an answer (a listing's snapshot answer) and must drop it when a grant it
// read ends. Check does not need it: its RequestReader notes expiries itself.
import type { RelationTuple } from '../../model/index.js';
import type { ObjectsRead, ReadByObjectsQuery, ReadByUsersQuery, ReadRelationsByObjectsQuery, TupleReader, UsersRead } from './tuple-reader.js';

export class ExpiryObservingReader implements TupleReader {
  /** Epoch ms of the earliest `expiresAt` returned so far; undefined when none expires. */
  earliestExpiry: number | undefined;
  readonly readRelationsByObjects?: (query: ReadRelationsByObjectsQuery) => Promise<RelationTuple[]>;
  readonly readManyByObjects?: (reads: readonly ObjectsRead[]) => Promise<RelationTuple[]>;
  readonly readManyByUsers?: (reads: readonly UsersRead[]) => Promise<RelationTuple[]>;

  constructor(private readonly inner: TupleReader) {
    // Optional methods are forwarded only when the inner reader has them (callers test for them).
    if (inner.readRelationsByObjects) this.readRelationsByObjects = (q) => this.note(inner.readRelationsByObjects!(q));
    if (inner.readManyByObjects) this.readManyByObjects = (r) => this.note(inner.readManyByObjects!(r));
    if (inner.readManyByUsers) this.readManyByUsers = (r) => this.note(inner.readManyByUsers!(r));
  }

  readByObjects(query: ReadByObjectsQuery): Promise<RelationTuple[]> {
    return this.note(this.inner.readByObjects(query));
  }

  readByUsers(query: ReadByUsersQuery): Promise<RelationTuple[]> {
    return this.note(this.inner.readByUsers(query));
  }

  private async note(read: Promise<RelationTuple[]>): Promise<RelationTuple[]> {
    const tuples = await read;
    for (const t of tuples) {
      if (t.expiresAt !== undefined && (this.earliestExpiry === undefined || t.expiresAt < this.earliestExpiry)) this.earliestExpiry = t.expiresAt;
    }
    return tuples;
  }
}
