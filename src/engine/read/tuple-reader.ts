// The engine's only window on data. Storage implements it; the cache and contextual tuples wrap
// it as decorators. Every method is batched (a set of objects or users per call) so that one
// level of a graph walk costs one query, not one per edge.
import type { RelationTuple } from '../../model/index.js';

/** Which users to return from a forward read: any, or only these user types/usersets. */
export interface UserTypeFilter {
  userType: string;
  /** '' = plain objects and wildcards of the type; a relation = usersets `type:id#relation`. */
  userRelation: string;
}

export interface ReadByObjectsQuery {
  objectType: string;
  /** Distinct ids; the reader may split very large sets into several queries. */
  objectIds: readonly string[];
  relation: string;
  /** When set, only tuples whose user matches one of these. */
  userFilters?: readonly UserTypeFilter[];
}

/** One relation of a multi-relation forward read, with its own user filter. */
export interface RelationRead {
  relation: string;
  /** When set, only tuples of this relation whose user matches one of these (as in ReadByObjectsQuery). */
  userFilters?: readonly UserTypeFilter[];
}

/** Tuples of several relations of the same objects: the union of one ReadByObjectsQuery per relation. */
export interface ReadRelationsByObjectsQuery {
  objectType: string;
  /** Distinct ids; the reader may split very large sets into several queries. */
  objectIds: readonly string[];
  /** Distinct relations, each with its own filter. */
  relations: readonly RelationRead[];
}

export interface ReadByUsersQuery {
  objectType: string;
  relation: string;
  userType: string;
  /** Ids of users of `userType` (include '*' to find wildcard grants). */
  userIds: readonly string[];
  /** '' for plain users; a relation for usersets (`group:x#member`). */
  userRelation: string;
  /** Optional narrowing to a set of object ids (used by Check's reverse direction). */
  objectIds?: readonly string[];
}

/** One (object type, relation) of a multi-read, forward: tuples `objectType:id#relation` for these ids. */
export interface ObjectsRead {
  objectType: string;
  relation: string;
  /** Distinct ids. */
  objectIds: readonly string[];
}

/** One (object type, relation, user type, user relation) of a multi-read, reverse: ReadByUsersQuery without object narrowing. */
export type UsersRead = Omit<ReadByUsersQuery, 'objectIds'>;

/** A forward read of a level (LevelQuery): ObjectsRead with the relation's user filter, as in ReadByObjectsQuery. */
export interface FilteredObjectsRead extends ObjectsRead {
  /** When set, only tuples whose user matches one of these (an empty list admits nothing). */
  userFilters?: readonly UserTypeFilter[];
}

/**
 * Everything one level of a Check needs, forward and reverse, in one round trip: the object side
 * of the walk (`objects`), the user-side walks of nested membership (`users`) and, from readers
 * with the closure index only, its reads (`closures`, `memberships`). Reads of the same
 * (objectType, relation) must carry the same filter.
 */
export interface LevelQuery {
  objects: readonly FilteredObjectsRead[];
  users: readonly UsersRead[];
  /** readClosure's reads; only for readers that have readClosure. */
  closures?: readonly ClosureQuery[];
  /** readMemberships' reads; only for readers that have readClosure. */
  memberships?: readonly MembershipQuery[];
}

/** The answer to a LevelQuery, each side kept apart (a tuple may answer both). */
export interface LevelTuples {
  /** The union of readByObjects for each of `objects`. */
  objects: RelationTuple[];
  /** The union of readByUsers for each of `users`. */
  users: RelationTuple[];
  /** readClosure's answer to each of `closures`, in order. */
  closures?: (ReadonlyMap<string, readonly string[]> | undefined)[];
  /** readMemberships' answer to each of `memberships`, in order. */
  memberships?: (ReadonlyMap<string, RelationTuple[]> | undefined)[];
  /** The tuples `closures[].prefetch` asked for (may repeat tuples of `objects`). */
  prefetched?: RelationTuple[];
}

/** What a reverse read and the tuples it returns share: object type, relation, user type and user relation. */
export function usersReadKey(r: Pick<RelationTuple, 'objectType' | 'relation' | 'userType' | 'userRelation'>): string {
  return `${r.objectType}#${r.relation}@${r.userType}#${r.userRelation}`;
}

/**
 * One kind of recursive edge of the closure index (Leopard, Zanzibar §3.2.4): tuples
 * `objectType:a#relation@objectType:b#userRelation` whose user is an object of the same type,
 * with `userRelation` '' (a tupleset chain: `folder:a#parent@folder:b`) or equal to `relation`
 * (nested membership: `team:a#member@team:b#member`).
 */
export interface ClosureEdge {
  objectType: string;
  relation: string;
  userRelation: string;
}

/** What the closure index reaches from each of `objectIds`, through one or more edges of `edge`. */
export interface ClosureQuery {
  edge: ClosureEdge;
  /** Distinct ids. */
  objectIds: readonly string[];
  /**
   * In a LevelQuery only: also the tuples of these relations (each with its filter, as in
   * FilteredObjectsRead) of every id reached, answered in LevelTuples.prefetched, so that a
   * chain's ancestors cost no round trip of their own. A reader may leave out those of an edge it
   * declines.
   */
  prefetch?: readonly RelationRead[];
}

/**
 * Tuples `edge.objectType:x#edge.relation@userType:id#userRelation` for the given users, whose
 * object x is the start itself or reached from it through the edges: "is the user in team T
 * through any nesting" in one read.
 */
export interface ClosureTuplesQuery extends ClosureQuery {
  userType: string;
  /** Ids of users of `userType` (include '*' to find wildcard grants). */
  userIds: readonly string[];
  /** '' for plain users; a relation for usersets. */
  userRelation: string;
}

/**
 * A user's whole nested membership (Leopard's "which groups is U in, through any nesting"): the
 * users' own tuples `edge.objectType:g#edge.relation@userType:id` (userRelation '') and every group
 * that reaches such a g through the edges of `edge` (nested membership: edge.userRelation is
 * edge.relation).
 */
export interface MembershipQuery {
  edge: ClosureEdge;
  userType: string;
  /** Ids of plain users of `userType` (include '*' to find wildcard grants); distinct. */
  userIds: readonly string[];
}

/**
 * Reads of the relation graph. Contract (checked by the storage conformance suite):
 * - results are unordered unless a method says otherwise, and contain no duplicates;
 * - an empty id list returns [] without touching the store;
 * - reads see every write committed before the reader was created (a reader is bound to one
 *   store and one consistency point by whoever created it);
 * - a reader is also bound to one instant (its request's "now"): a tuple whose `expiresAt` is at
 *   or before it is never returned, and returned tuples carry their `expiresAt`, so that the
 *   evaluation can tell how long its answer holds (RequestReader.earliestExpiry).
 */
export interface TupleReader {
  /** Tuples `objectType:id#relation@user` for every id in `objectIds` (forward read). */
  readByObjects(query: ReadByObjectsQuery): Promise<RelationTuple[]>;
  /** Tuples `objectType:*#relation@userType:id[#userRelation]` for the given users (reverse read). */
  readByUsers(query: ReadByUsersQuery): Promise<RelationTuple[]>;
  /**
   * Optional: forward reads of several relations of the same objects in one round trip (what one
   * level of a union such as `[user] or editor or viewer from parent` needs). The answer is the
   * union of `readByObjects` for each relation with its filter. Readers without it are asked once
   * per relation (see readRelationsByObjects); decorators should forward it when their inner
   * reader has it.
   */
  readRelationsByObjects?(query: ReadRelationsByObjectsQuery): Promise<RelationTuple[]>;
  /**
   * Optional: many forward reads in one round trip, whatever their types and relations (one level
   * of a forward walk, as ListUsers does). The answer is the union of the reads' answers; tuples
   * carry their object type and relation, so the caller routes them. Readers without it are asked
   * once per read (see readManyByObjects).
   */
  readManyByObjects?(reads: readonly ObjectsRead[]): Promise<RelationTuple[]>;
  /**
   * Optional: many reverse reads in one round trip (one level of ListObjects' reverse walk: every
   * relation a user or a set of objects may grant). The union of `readByUsers` for each read;
   * readers without it are asked once per read (see readManyByUsers).
   */
  readManyByUsers?(reads: readonly UsersRead[]): Promise<RelationTuple[]>;
  /**
   * Optional: one level of a Check, forward and reverse reads together, in one round trip (see
   * LevelQuery). Readers without it are asked per kind of read (see readLevel); decorators that
   * change what the store shows must not forward it unless they apply their change to it.
   */
  readLevel?(query: LevelQuery): Promise<LevelTuples>;
  /**
   * Optional, the closure index: for each start id, the ids reached from it through one or more
   * edges of `query.edge` (the start itself only when a cycle leads back to it; ids with no
   * edge out are absent from the map or map to []). Only edges that hold until a write changes
   * them are indexed (no condition, no wildcard user): the answer is `undefined` (walk the
   * graph instead) while the store holds any other edge of this kind, or when the index is off.
   * Decorators that change what the store shows (contextual tuples, snapshots) must not forward it.
   */
  readClosure?(query: ClosureQuery): Promise<ReadonlyMap<string, readonly string[]> | undefined>;
  /**
   * Optional, the closure index, from the user's side: for each start id, the tuples of the
   * users whose object is the start or reached from it (see ClosureTuplesQuery); `undefined`
   * exactly when readClosure would be.
   */
  readClosureTuples?(query: ClosureTuplesQuery): Promise<ReadonlyMap<string, RelationTuple[]> | undefined>;
  /**
   * Optional, the closure index from the user's side, for every group at once: for each group x
   * the users are in (directly or through nesting), the users' own tuples that put them in x —
   * what readClosureTuples answers for start x, for every x in one read. `undefined` exactly when
   * readClosure would be. Readers with readLevel and readClosure answer it inside readLevel too.
   */
  readMemberships?(query: MembershipQuery): Promise<ReadonlyMap<string, RelationTuple[]> | undefined>;
}

/** `reader.readRelationsByObjects`, or one `readByObjects` per relation when the reader lacks it. */
export async function readRelationsByObjects(reader: TupleReader, query: ReadRelationsByObjectsQuery): Promise<RelationTuple[]> {
  if (query.objectIds.length === 0 || query.relations.length === 0) return [];
  if (reader.readRelationsByObjects) return reader.readRelationsByObjects(query);
  const results = await Promise.all(
    query.relations.map((r) =>
      reader.readByObjects({ objectType: query.objectType, objectIds: query.objectIds, relation: r.relation, ...(r.userFilters ? { userFilters: r.userFilters } : {}) }),
    ),
  );
  return results.flat();
}

/** `reader.readManyByObjects`, or one `readByObjects` per read (in parallel) when the reader lacks it. */
export async function readManyByObjects(reader: TupleReader, reads: readonly ObjectsRead[]): Promise<RelationTuple[]> {
  const wanted = reads.filter((r) => r.objectIds.length > 0);
  if (wanted.length === 0) return [];
  if (reader.readManyByObjects) return reader.readManyByObjects(wanted);
  const results = await Promise.all(wanted.map((r) => reader.readByObjects({ objectType: r.objectType, objectIds: r.objectIds, relation: r.relation })));
  return results.flat();
}

/** `reader.readManyByUsers`, or one `readByUsers` per read (in parallel) when the reader lacks it. */
export async function readManyByUsers(reader: TupleReader, reads: readonly UsersRead[]): Promise<RelationTuple[]> {
  const wanted = reads.filter((r) => r.userIds.length > 0);
  if (wanted.length === 0) return [];
  if (reader.readManyByUsers) return reader.readManyByUsers(wanted);
  const results = await Promise.all(wanted.map((r) => reader.readByUsers(r)));
  return results.flat();
}

/** `reader.readLevel`, or one forward read per (type, relation) and one multi-read of the users, in parallel, when the reader lacks it. */
export async function readLevel(reader: TupleReader, query: LevelQuery): Promise<LevelTuples> {
  const objects = query.objects.filter((r) => r.objectIds.length > 0 && r.userFilters?.length !== 0);
  const users = query.users.filter((r) => r.userIds.length > 0);
  if (objects.length === 0 && users.length === 0) return { objects: [], users: [] };
  if (reader.readLevel) return reader.readLevel({ objects, users });
  const [forward, reverse] = await Promise.all([
    Promise.all(objects.map((r) => reader.readByObjects({ objectType: r.objectType, objectIds: r.objectIds, relation: r.relation, ...(r.userFilters ? { userFilters: r.userFilters } : {}) }))),
    readManyByUsers(reader, users),
  ]);
  return { objects: forward.flat(), users: reverse };
}
