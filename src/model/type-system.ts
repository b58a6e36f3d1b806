// A read-only index over one authorization model version, built once and shared by every
// request on that version: type and relation lookups, directly related user types, tupleset
// relations and conditions, all answered from Maps (no scans per request).

import { ownValue } from './dict.js';
import type { AuthorizationModel, Condition, RelationReference, TypeDefinition, Userset } from './types.js';

/** Everything the engine needs to know about one relation. */
export interface RelationInfo {
  readonly type: string;
  readonly name: string;
  readonly rewrite: Userset;
  /** The `[...]` of the relation: types, wildcards and usersets (with optional condition) allowed on tuples. */
  readonly directlyRelatedUserTypes: readonly RelationReference[];
  /** True when the rewrite contains `this` anywhere (tuples may be written for it). */
  readonly directlyAssignable: boolean;
  /** True when some relation of the same type uses this one as the tupleset of a `X from this`. */
  readonly tupleset: boolean;
  /** directlyRelatedUserTypes grouped by user type key (`user`, `user:*`, `group#member`). */
  readonly restrictionsByUserType: ReadonlyMap<string, readonly RelationReference[]>;
}

/** A user type as found on a tuple: `user`, `user:*` (wildcard) or `group#member` (userset). */
export interface UserTypeRef {
  type: string;
  relation?: string;
  wildcard?: boolean;
}

const EMPTY: readonly RelationReference[] = Object.freeze([]);

/** The key a user type is indexed under: `user`, `user:*` or `group#member`. */
function userTypeKey(user: UserTypeRef): string {
  if (user.relation) return `${user.type}#${user.relation}`;
  return user.wildcard ? `${user.type}:*` : user.type;
}

function groupByUserType(refs: readonly RelationReference[]): Map<string, RelationReference[]> {
  const groups = new Map<string, RelationReference[]>();
  for (const ref of refs) {
    const key = userTypeKey({ type: ref.type, relation: ref.relation, wildcard: Boolean(ref.wildcard) && !ref.relation });
    const group = groups.get(key);
    if (group) group.push(ref);
    else groups.set(key, [ref]);
  }
  return groups;
}

export class TypeSystem {
  readonly model: AuthorizationModel;
  private readonly types = new Map<string, TypeDefinition>();
  private readonly relations = new Map<string, Map<string, RelationInfo>>();
  private readonly conditions = new Map<string, Condition>();

  constructor(model: AuthorizationModel) {
    this.model = model;
    for (const typeDef of model.type_definitions ?? []) {
      this.types.set(typeDef.type, typeDef);
      const tuplesets = tuplesetNames(typeDef);
      const byName = new Map<string, RelationInfo>();
      for (const [name, rewrite] of Object.entries(typeDef.relations ?? {})) {
        const restrictions = ownValue(typeDef.metadata?.relations, name)?.directly_related_user_types ?? EMPTY;
        byName.set(name, {
          type: typeDef.type,
          name,
          rewrite,
          directlyRelatedUserTypes: restrictions,
          directlyAssignable: containsThis(rewrite),
          tupleset: tuplesets.has(name),
          restrictionsByUserType: groupByUserType(restrictions),
        });
      }
      this.relations.set(typeDef.type, byName);
    }
    for (const [name, condition] of Object.entries(model.conditions ?? {})) this.conditions.set(name, condition);
  }

  get id(): string | undefined {
    return this.model.id;
  }

  get schemaVersion(): string {
    return this.model.schema_version;
  }

  hasType(type: string): boolean {
    return this.types.has(type);
  }

  typeDefinition(type: string): TypeDefinition | undefined {
    return this.types.get(type);
  }

  typeNames(): string[] {
    return [...this.types.keys()];
  }

  relation(type: string, relation: string): RelationInfo | undefined {
    return this.relations.get(type)?.get(relation);
  }

  hasRelation(type: string, relation: string): boolean {
    return this.relation(type, relation) !== undefined;
  }

  /** The relations of a type, in definition order (empty for an unknown type). */
  relationsOf(type: string): RelationInfo[] {
    return [...(this.relations.get(type)?.values() ?? [])];
  }

  rewrite(type: string, relation: string): Userset | undefined {
    return this.relation(type, relation)?.rewrite;
  }

  directlyRelatedUserTypes(type: string, relation: string): readonly RelationReference[] {
    return this.relation(type, relation)?.directlyRelatedUserTypes ?? EMPTY;
  }

  isDirectlyAssignable(type: string, relation: string): boolean {
    return this.relation(type, relation)?.directlyAssignable ?? false;
  }

  isTuplesetRelation(type: string, relation: string): boolean {
    return this.relation(type, relation)?.tupleset ?? false;
  }

  /**
   * The restrictions of `type#relation` that admit `user` (same type; same userset relation or
   * wildcard-ness). Callers then check conditions: several may match with different conditions.
   */
  matchingRestrictions(type: string, relation: string, user: UserTypeRef): readonly RelationReference[] {
    return this.relation(type, relation)?.restrictionsByUserType.get(userTypeKey(user)) ?? EMPTY;
  }

  /** Whether a tuple `type:x#relation@user` may exist, optionally with the given condition (`undefined` = none). */
  isDirectlyRelated(type: string, relation: string, user: UserTypeRef, condition?: string): boolean {
    return this.matchingRestrictions(type, relation, user).some((ref) => (ref.condition ?? undefined) === condition);
  }

  /** Whether `type#relation` admits the wildcard `userType:*`. */
  allowsWildcard(type: string, relation: string, userType: string): boolean {
    return this.matchingRestrictions(type, relation, { type: userType, wildcard: true }).length > 0;
  }

  condition(name: string): Condition | undefined {
    return this.conditions.get(name);
  }

  conditionNames(): string[] {
    return [...this.conditions.keys()];
  }
}

function containsThis(rewrite: Userset): boolean {
  if ('this' in rewrite) return true;
  if ('union' in rewrite) return rewrite.union.child.some(containsThis);
  if ('intersection' in rewrite) return rewrite.intersection.child.some(containsThis);
  if ('difference' in rewrite) return containsThis(rewrite.difference.base) || containsThis(rewrite.difference.subtract);
  return false;
}

function tuplesetNames(typeDef: TypeDefinition): Set<string> {
  const names = new Set<string>();
  const visit = (rewrite: Userset): void => {
    if ('tupleToUserset' in rewrite) {
      const name = rewrite.tupleToUserset.tupleset?.relation;
      if (name) names.add(name);
    } else if ('union' in rewrite) rewrite.union.child.forEach(visit);
    else if ('intersection' in rewrite) rewrite.intersection.child.forEach(visit);
    else if ('difference' in rewrite) {
      visit(rewrite.difference.base);
      visit(rewrite.difference.subtract);
    }
  };
  Object.values(typeDef.relations ?? {}).forEach(visit);
  return names;
}
