// The model's relation graph turned around for reverse expansion: from a user (or a set of
// objects that have a relation) to the relations those grant, one edge per tuple read.
// Anything that passes an intersection or an exclusion only yields candidates (`needsCheck`):
// the set found is a superset of the answer, and Check decides the rest. When what an operator
// leaves undecided is only other relations of the same object (`viewer but not blocked`, `owner
// and editor`), the edge names them (`residual`), so that a candidate reached exactly costs a
// Check of those relations alone, not of the whole relation.

import { stronglyConnected } from '../../model/index.js';
import type { AuthorizationModel, RelationReference, TypeDefinition, Userset } from '../../model/index.js';
import { hasKey, ownValue } from '../../model/index.js';

/** `type#relation`, the key of a node of the graph. */
export type NodeKey = string;

export function nodeKey(type: string, relation: string): NodeKey {
  return `${type}#${relation}`;
}

/** The inverse of `nodeKey` (type names cannot contain `#`). */
export function splitNodeKey(node: NodeKey): { type: string; relation: string } {
  const hash = node.indexOf('#');
  return { type: node.slice(0, hash), relation: node.slice(hash + 1) };
}

/** One conjunct of a residual: `relation` of the same object holds for the user (or, negated, does not). */
export interface Residual {
  relation: string;
  negated: boolean;
}

/** What an edge leaves undecided about the objects it reaches. */
interface EdgeCertainty {
  /** The objects are only candidates (an intersection or exclusion lies on the way). */
  needsCheck: boolean;
  /**
   * When needsCheck: an object reached exactly through the edge has the target relation iff every
   * conjunct holds. Absent when what is left cannot be put so (a TTU or a nested operator on the
   * other side, or a relation that depends on the target itself): the whole relation is checked.
   */
  residual?: readonly Residual[];
}

/** A tuple read that turns users of `userType` into objects of `objectType` with `relation`. */
interface ReadEdgeBase extends EdgeCertainty {
  /** Node that receives the objects found. */
  target: NodeKey;
  objectType: string;
  /** The relation read from storage (the tupleset for a TTU). */
  readRelation: string;
  userType: string;
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
export interface ComputedEdge extends EdgeCertainty {
  kind: 'computed';
  target: NodeKey;
}

export type NodeEdge = UsersetEdge | TtuEdge | ComputedEdge;

export interface ReverseGraph {
  /** Edges that start at a user of this type (plain or wildcard grants). */
  userEdges(userType: string): readonly UserEdge[];
  /** Edges that start at the objects of this node. */
  nodeEdges(node: NodeKey): readonly NodeEdge[];
  /**
   * The nodes from which `target` can be reached: a walk towards `target` need not follow an edge
   * into any other node (`resource#blocked` never leads to `resource#viewer`). Memoized.
   */
  leadsTo(target: NodeKey): ReadonlySet<NodeKey>;
}

export function directTypes(typeDef: TypeDefinition | undefined, relation: string): RelationReference[] {
  return ownValue(typeDef?.metadata?.relations, relation)?.directly_related_user_types ?? [];
}

/** Which child of an intersection to expand: a direct one reads least, any is a valid superset. */
function pickIntersectionChild(children: Userset[]): Userset | undefined {
  return children.find((child) => 'this' in child) ?? children.find((child) => 'computedUserset' in child) ?? children[0];
}

/** How certain a path through the rewrite is so far; `residual` undefined = only a full Check decides. */
interface PathCertainty {
  needsCheck: boolean;
  residual: readonly Residual[] | undefined;
}

const exact: PathCertainty = { needsCheck: false, residual: [] };

function certaintyOf(path: PathCertainty): EdgeCertainty {
  if (!path.needsCheck) return { needsCheck: false };
  return path.residual ? { needsCheck: true, residual: path.residual } : { needsCheck: true };
}

/** Compiles the reverse graph of a model; cheap, so callers may cache it per model id. */
export function buildReverseGraph(model: AuthorizationModel): ReverseGraph {
  const types = new Map<string, TypeDefinition>();
  for (const typeDef of model.type_definitions) types.set(typeDef.type, typeDef);
  const byUserType = new Map<string, UserEdge[]>();
  const byNode = new Map<NodeKey, NodeEdge[]>();
  /** Node -> the nodes whose value it feeds, through any child of any rewrite (all operands). */
  const feeds = new Map<NodeKey, Set<NodeKey>>();
  const push = <K, V>(map: Map<K, V[]>, key: K, value: V): void => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  const hasRelation = (type: string, relation: string): boolean => hasKey(types.get(type)?.relations, relation);
  const feed = (from: NodeKey, to: NodeKey): void => {
    let set = feeds.get(from);
    if (!set) feeds.set(from, (set = new Set()));
    set.add(to);
  };

  /** The dependencies of every rewrite, all operands included (for `dependsOn`). */
  const collectFeeds = (typeDef: TypeDefinition, relation: string, rewrite: Userset): void => {
    const target = nodeKey(typeDef.type, relation);
    if ('this' in rewrite) {
      for (const ref of directTypes(typeDef, relation)) if (ref.relation) feed(nodeKey(ref.type, ref.relation), target);
    } else if ('computedUserset' in rewrite) {
      feed(nodeKey(typeDef.type, rewrite.computedUserset.relation ?? ''), target);
    } else if ('tupleToUserset' in rewrite) {
      const computed = rewrite.tupleToUserset.computedUserset.relation ?? '';
      feed(nodeKey(typeDef.type, rewrite.tupleToUserset.tupleset.relation ?? ''), target);
      for (const ref of directTypes(typeDef, rewrite.tupleToUserset.tupleset.relation ?? '')) feed(nodeKey(ref.type, computed), target);
    } else {
      const children = 'union' in rewrite ? rewrite.union.child : 'intersection' in rewrite ? rewrite.intersection.child : [rewrite.difference.base, rewrite.difference.subtract];
      for (const child of children) collectFeeds(typeDef, relation, child);
    }
  };
  for (const typeDef of model.type_definitions) {
    for (const [relation, rewrite] of Object.entries(typeDef.relations ?? {})) collectFeeds(typeDef, relation, rewrite);
  }
  const reachableFrom = (start: NodeKey, next: (node: NodeKey) => Iterable<NodeKey>): Set<NodeKey> => {
    const seen = new Set<NodeKey>([start]);
    const queue = [start];
    for (let node = queue.pop(); node !== undefined; node = queue.pop()) {
      for (const other of next(node)) {
        if (seen.has(other)) continue;
        seen.add(other);
        queue.push(other);
      }
    }
    return seen;
  };
  const feedsOf = (node: NodeKey): Iterable<NodeKey> => feeds.get(node) ?? [];
  let components: ReadonlyMap<NodeKey, number> | undefined;
  /**
   * Whether `relation`'s value may depend on `target`'s: checking it then is no independent
   * question. Components number sinks first, so a node can only feed nodes numbered no higher:
   * most questions are answered by comparing two numbers, the rest by a walk that skips every
   * node numbered below the relation's (a walk per question would make the build quadratic).
   */
  const dependsOn = (type: string, relation: string, target: NodeKey): boolean => {
    const node = nodeKey(type, relation);
    components ??= stronglyConnected(new Set([...feeds.keys(), ...[...feeds.values()].flatMap((to) => [...to])]), feedsOf).componentOf;
    const floor = components.get(node);
    const start = components.get(target);
    if (floor === undefined || start === undefined || floor > start) return false;
    if (floor === start) return true;
    return reachableFrom(target, (from) => [...feedsOf(from)].filter((next) => (components?.get(next) ?? -1) >= floor)).has(node);
  };

  /** A rewrite that is one relation of the same object: a residual conjunct, unless it depends on the target. */
  const literal = (typeDef: TypeDefinition, target: NodeKey, rewrite: Userset, negated: boolean): Residual | undefined => {
    if (!('computedUserset' in rewrite)) return undefined;
    const relation = rewrite.computedUserset.relation ?? '';
    if (!hasRelation(typeDef.type, relation) || dependsOn(typeDef.type, relation, target)) return undefined;
    return { relation, negated };
  };
  const narrowed = (path: PathCertainty, more: (Residual | undefined)[]): PathCertainty => {
    const complete = path.residual !== undefined && more.every((r) => r !== undefined);
    return { needsCheck: true, residual: complete ? [...(path.residual ?? []), ...(more as Residual[])] : undefined };
  };

  const visit = (typeDef: TypeDefinition, relation: string, rewrite: Userset, path: PathCertainty): void => {
    const target = nodeKey(typeDef.type, relation);
    const certainty = certaintyOf(path);
    if ('this' in rewrite) {
      for (const ref of directTypes(typeDef, relation)) {
        const base = { target, objectType: typeDef.type, readRelation: relation, userType: ref.type, ...certainty };
        if (ref.relation) push(byNode, nodeKey(ref.type, ref.relation), { ...base, kind: 'userset', userRelation: ref.relation });
        else push(byUserType, ref.type, { ...base, kind: 'user', wildcard: ref.wildcard !== undefined });
      }
    } else if ('computedUserset' in rewrite) {
      const source = rewrite.computedUserset.relation;
      if (source && hasRelation(typeDef.type, source)) push(byNode, nodeKey(typeDef.type, source), { kind: 'computed', target, ...certainty });
    } else if ('tupleToUserset' in rewrite) {
      const tupleset = rewrite.tupleToUserset.tupleset.relation ?? '';
      const computed = rewrite.tupleToUserset.computedUserset.relation ?? '';
      const seen = new Set<string>();
      for (const ref of directTypes(typeDef, tupleset)) {
        // Only plain objects on the tupleset are followed (OpenFGA ignores usersets/wildcards there).
        if (ref.relation || ref.wildcard || seen.has(ref.type) || !hasRelation(ref.type, computed)) continue;
        seen.add(ref.type);
        push(byNode, nodeKey(ref.type, computed), {
          kind: 'ttu', target, objectType: typeDef.type, readRelation: tupleset, userType: ref.type, ...certainty,
        });
      }
    } else if ('union' in rewrite) {
      for (const child of rewrite.union.child) visit(typeDef, relation, child, path);
    } else if ('intersection' in rewrite) {
      const child = pickIntersectionChild(rewrite.intersection.child);
      const others = rewrite.intersection.child.filter((other) => other !== child);
      if (child) visit(typeDef, relation, child, narrowed(path, others.map((other) => literal(typeDef, target, other, false))));
    } else {
      const { base, subtract } = rewrite.difference;
      visit(typeDef, relation, base, narrowed(path, [literal(typeDef, target, subtract, true)]));
    }
  };

  for (const typeDef of model.type_definitions) {
    for (const [relation, rewrite] of Object.entries(typeDef.relations ?? {})) visit(typeDef, relation, rewrite, exact);
  }

  // Reverse-graph edges turned around once more, for `leadsTo`.
  const into = new Map<NodeKey, NodeKey[]>();
  for (const [node, edges] of byNode) for (const edge of edges) push(into, edge.target, node);
  const leadsTo = new Map<NodeKey, ReadonlySet<NodeKey>>();
  return {
    userEdges: (userType) => byUserType.get(userType) ?? [],
    nodeEdges: (node) => byNode.get(node) ?? [],
    leadsTo: (target) => {
      let nodes = leadsTo.get(target);
      if (!nodes) leadsTo.set(target, (nodes = reachableFrom(target, (node) => into.get(node) ?? [])));
      return nodes;
    },
  };
}
