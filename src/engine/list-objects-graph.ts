// The model's relation graph turned around for reverse expansion: from a user (or a set of
// objects that have a relation) to the relations those grant, one edge per tuple read.
// Anything that passes an intersection or an exclusion only yields candidates (`needsCheck`):
// the set found is a superset of the answer, and Check decides the rest.

import type { AuthorizationModel, RelationReference, TypeDefinition, Userset } from '../model/index.js';

/** `type#relation`, the key of a node of the graph. */
export type NodeKey = string;

export function nodeKey(type: string, relation: string): NodeKey {
  return `${type}#${relation}`;
}

/** A tuple read that turns users of `userType` into objects of `objectType` with `relation`. */
interface ReadEdgeBase {
  /** Node that receives the objects found. */
  target: NodeKey;
  objectType: string;
  /** The relation read from storage (the tupleset for a TTU). */
  readRelation: string;
  userType: string;
  needsCheck: boolean;
}

/** From the request's own user: `objectType:?#readRelation@userType:id` (or `userType:*`). */
export interface UserEdge extends ReadEdgeBase {
  kind: 'user';
  wildcard: boolean;
}

/** From objects of a node: a userset grant `objectType:?#readRelation@userType:id#userRelation`. */
export interface UsersetEdge extends ReadEdgeBase {
  kind: 'userset';
  userRelation: string;
}

/** From objects of a node: a TTU `readRelation` tuple pointing at those objects. */
export interface TtuEdge extends ReadEdgeBase {
  kind: 'ttu';
}

/** From objects of a node to another relation of the same objects (no read). */
export interface ComputedEdge {
  kind: 'computed';
  target: NodeKey;
  needsCheck: boolean;
}

export type NodeEdge = UsersetEdge | TtuEdge | ComputedEdge;

export interface ReverseGraph {
  /** Edges that start at a user of this type (plain or wildcard grants). */
  userEdges(userType: string): readonly UserEdge[];
  /** Edges that start at the objects of this node. */
  nodeEdges(node: NodeKey): readonly NodeEdge[];
}

export function directTypes(typeDef: TypeDefinition | undefined, relation: string): RelationReference[] {
  return typeDef?.metadata?.relations?.[relation]?.directly_related_user_types ?? [];
}

/** Which child of an intersection to expand: a direct one reads least, any is a valid superset. */
function pickIntersectionChild(children: Userset[]): Userset | undefined {
  return children.find((child) => 'this' in child) ?? children.find((child) => 'computedUserset' in child) ?? children[0];
}

/** Compiles the reverse graph of a model; cheap, so callers may cache it per model id. */
export function buildReverseGraph(model: AuthorizationModel): ReverseGraph {
  const types = new Map<string, TypeDefinition>();
  for (const typeDef of model.type_definitions) types.set(typeDef.type, typeDef);
  const byUserType = new Map<string, UserEdge[]>();
  const byNode = new Map<NodeKey, NodeEdge[]>();
  const push = <K, V>(map: Map<K, V[]>, key: K, value: V): void => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  const hasRelation = (type: string, relation: string): boolean => types.get(type)?.relations?.[relation] !== undefined;

  const visit = (typeDef: TypeDefinition, relation: string, rewrite: Userset, needsCheck: boolean): void => {
    const target = nodeKey(typeDef.type, relation);
    if ('this' in rewrite) {
      for (const ref of directTypes(typeDef, relation)) {
        const base = { target, objectType: typeDef.type, readRelation: relation, userType: ref.type, needsCheck };
        if (ref.relation) push(byNode, nodeKey(ref.type, ref.relation), { ...base, kind: 'userset', userRelation: ref.relation });
        else push(byUserType, ref.type, { ...base, kind: 'user', wildcard: ref.wildcard !== undefined });
      }
    } else if ('computedUserset' in rewrite) {
      const source = rewrite.computedUserset.relation;
      if (source && hasRelation(typeDef.type, source)) push(byNode, nodeKey(typeDef.type, source), { kind: 'computed', target, needsCheck });
    } else if ('tupleToUserset' in rewrite) {
      const tupleset = rewrite.tupleToUserset.tupleset.relation ?? '';
      const computed = rewrite.tupleToUserset.computedUserset.relation ?? '';
      const seen = new Set<string>();
      for (const ref of directTypes(typeDef, tupleset)) {
        // Only plain objects on the tupleset are followed (OpenFGA ignores usersets/wildcards there).
        if (ref.relation || ref.wildcard || seen.has(ref.type) || !hasRelation(ref.type, computed)) continue;
        seen.add(ref.type);
        push(byNode, nodeKey(ref.type, computed), {
          kind: 'ttu', target, objectType: typeDef.type, readRelation: tupleset, userType: ref.type, needsCheck,
        });
      }
    } else if ('union' in rewrite) {
      for (const child of rewrite.union.child) visit(typeDef, relation, child, needsCheck);
    } else if ('intersection' in rewrite) {
      const child = pickIntersectionChild(rewrite.intersection.child);
      if (child) visit(typeDef, relation, child, true);
    } else {
      visit(typeDef, relation, rewrite.difference.base, true);
    }
  };

  for (const typeDef of model.type_definitions) {
    for (const [relation, rewrite] of Object.entries(typeDef.relations ?? {})) visit(typeDef, relation, rewrite, false);
  }
  return {
    userEdges: (userType) => byUserType.get(userType) ?? [],
    nodeEdges: (node) => byNode.get(node) ?? [],
  };
}
