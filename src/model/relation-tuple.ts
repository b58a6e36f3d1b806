// A tuple in the columns storage keeps and the engine walks, and its conversions to and from the
// API's TupleKey. Storage, the engine and the service share them, so they live with the tuple forms.
import type { TupleKey } from './tuple.js';

/** A tuple in the columns storage keeps, so the hot path never parses `type:id#rel` strings. */
export interface RelationTuple {
  objectType: string;
  objectId: string;
  relation: string;
  userType: string;
  /** `*` for a typed wildcard. */
  userId: string;
  /** '' for a plain user or wildcard; the relation of a userset (`group:eng#member` -> `member`). */
  userRelation: string;
  conditionName?: string;
  conditionContext?: Record<string, unknown>;
  /**
   * Epoch milliseconds from which the tuple no longer exists (an expiring grant); absent = never.
   * Readers leave out tuples expired at their request's "now"; the engine reports the earliest
   * one it read so that cached answers do not outlive it.
   */
  expiresAt?: number;
}

/**
 * The columns of a tuple key, or undefined when its object or user is not of the form
 * `type:id` / `type:id[#relation]` (callers choose whether that is an error). A condition is
 * kept when it has a name; an empty context reads as none.
 */
export function toRelationTuple(key: TupleKey): RelationTuple | undefined {
  // The split of parseObject and parseUser, without their intermediate objects: through them
  // (a spread for a userset, two shapes of user) this cost ~1.3 µs a tuple against ~0.1 here, on
  // every Write, contextual tuple and imported line (relation-tuple.test.ts holds the two equal).
  const { object, user } = key;
  const objectColon = object.indexOf(':');
  if (objectColon <= 0 || objectColon === object.length - 1) return undefined;
  const hash = user.lastIndexOf('#');
  const userEnd = hash >= 0 ? hash : user.length;
  const userColon = user.indexOf(':');
  if (userColon <= 0 || userColon >= userEnd - 1 || hash === user.length - 1) return undefined;
  const tuple: RelationTuple = {
    objectType: object.slice(0, objectColon),
    objectId: object.slice(objectColon + 1),
    relation: key.relation,
    userType: user.slice(0, userColon),
    userId: user.slice(userColon + 1, userEnd),
    userRelation: hash >= 0 ? user.slice(hash + 1) : '',
  };
  if (key.condition?.name) {
    tuple.conditionName = key.condition.name;
    if (key.condition.context && Object.keys(key.condition.context).length > 0) tuple.conditionContext = key.condition.context;
  }
  return tuple;
}

/** The user of a tuple as written: `type:id`, `type:*` or `type:id#relation`. */
export function formatTupleUser(t: RelationTuple): string {
  return t.userRelation ? `${t.userType}:${t.userId}#${t.userRelation}` : `${t.userType}:${t.userId}`;
}

/** `type:id#relation@user`, as OpenFGA names a tuple in messages. */
export function formatTuple(t: RelationTuple): string {
  return `${t.objectType}:${t.objectId}#${t.relation}@${formatTupleUser(t)}`;
}

/** The tuple key of a tuple; the inverse of `toRelationTuple`. */
export function toTupleKey(t: RelationTuple): TupleKey {
  const key: TupleKey = { object: `${t.objectType}:${t.objectId}`, relation: t.relation, user: formatTupleUser(t) };
  if (t.conditionName) {
    key.condition = t.conditionContext ? { name: t.conditionName, context: t.conditionContext } : { name: t.conditionName };
  }
  return key;
}

/** Identity of a tuple, condition excluded (a tuple exists at most once whatever its condition). */
export function tupleIdentity(t: RelationTuple): string {
  return `${t.objectType}:${t.objectId}#${t.relation}@${t.userType}:${t.userId}#${t.userRelation}`;
}
