// Relation tuples and their string forms: `type:id`, `type:id#relation`, `type:*`.

export interface TupleCondition {
  name: string;
  context?: Record<string, unknown>;
}

/** A relation tuple as the API carries it: user `user:anne` | `group:eng#member` | `user:*`. */
export interface TupleKey {
  object: string;
  relation: string;
  user: string;
  condition?: TupleCondition;
}

/** A stored tuple with the time it was written. */
export interface Tuple {
  key: TupleKey;
  timestamp: Date;
}

export interface ObjectRef {
  type: string;
  id: string;
}

/** A parsed user: an object (`user:anne`), a wildcard (`user:*`) or a userset (`group:eng#member`). */
export interface UserRef {
  type: string;
  id: string;
  relation?: string;
}

/** Splits `type:id`; the id may itself contain ':' (OpenFGA splits on the first one). */
export function parseObject(value: string): ObjectRef | undefined {
  const colon = value.indexOf(':');
  if (colon <= 0 || colon === value.length - 1) return undefined;
  return { type: value.slice(0, colon), id: value.slice(colon + 1) };
}

export function parseUser(value: string): UserRef | undefined {
  const hash = value.lastIndexOf('#');
  const objectPart = hash >= 0 ? value.slice(0, hash) : value;
  const object = parseObject(objectPart);
  if (!object) return undefined;
  if (hash < 0) return object;
  const relation = value.slice(hash + 1);
  return relation ? { ...object, relation } : undefined;
}

export function formatUser(ref: UserRef): string {
  return ref.relation ? `${ref.type}:${ref.id}#${ref.relation}` : `${ref.type}:${ref.id}`;
}

/** A stable identity for a tuple key, ignoring its condition (OpenFGA's uniqueness rule). */
export function tupleKeyId(key: TupleKey): string {
  return `${key.object}#${key.relation}@${key.user}`;
}
