// Where Check may answer from the closure index (Leopard, issue 18) instead of walking: only
// where the index's answer is exactly the walk's. Decided from the model here; the store's side
// (no conditioned, expiring or wildcard edge of that kind) is the reader's to say, per read.
//
// - Nested membership `t#r: [plain types..., t#r]` (isNestedMembership): t:a#r includes a user
//   when a tuple naming the user sits on a or on any t:x that a reaches through `t#r` usersets —
//   provided those usersets are allowed unconditionally, so the walk would follow every one.
// - A tupleset chain `t#r: ... or r from p` with `p: [t, ...]`: t:a#r is the union, over a and
//   every t:x that a reaches through `t:_#p@t:_` tuples, of r's other branches (and of `r from p`
//   through parents of other types). Only when nothing else in r leads back to t#r: no other
//   recursive path, no recursion under an intersection or exclusion (r must be a union).
import type { Userset } from '../model/index.js';
import type { ClosureEdge } from './read/tuple-reader.js';
import type { ModelIndex } from './model-index.js';
import { childrenOf } from './model-index.js';

export interface ClosureChain {
  /** The tuples the index walks: `type:_#tupleset@type:_`. */
  edge: ClosureEdge;
  /** The `relation from tupleset` branch of the rewrite (the others are evaluated on every node). */
  recursive: Userset;
}

/** The closure edge that answers nested membership `type#relation`, if the model allows it. */
export function membershipEdge(model: ModelIndex, type: string, relation: string): ClosureEdge | undefined {
  if (!model.isNestedMembership(type, relation)) return undefined;
  const unconditional = model.directRestrictions(type, relation).some((r) => r.type === type && r.relation === relation && !r.wildcard && r.condition === '');
  return unconditional ? { objectType: type, relation, userRelation: relation } : undefined;
}

/** The chain that answers `type#relation` through the index, if its rewrite is a plain recursion. */
export function closureChain(model: ModelIndex, type: string, relation: string): ClosureChain | undefined {
  const rewrite = model.rewrite(type, relation);
  if (!rewrite) return undefined;
  const branches = 'union' in rewrite ? childrenOf(rewrite) : [rewrite];
  const self = `${type}#${relation}`;
  let chain: ClosureChain | undefined;
  for (const branch of branches) {
    if ('tupleToUserset' in branch && branch.tupleToUserset.computedUserset.relation === relation) {
      const tupleset = branch.tupleToUserset.tupleset.relation ?? '';
      const restrictions = model.directRestrictions(type, tupleset);
      if (restrictions.some((r) => r.type === type && r.relation === '' && !r.wildcard && r.condition === '')) {
        if (chain) return undefined; // several recursive paths
        chain = { edge: { objectType: type, relation: tupleset, userRelation: '' }, recursive: branch };
        // Parents of other types must not lead back either.
        for (const r of restrictions) if (r.type !== type && model.reachesNode(`${r.type}#${relation}`, self)) return undefined;
        continue;
      }
    }
    for (const node of branchNodes(model, type, relation, branch)) if (model.reachesNode(node, self)) return undefined;
  }
  return chain;
}

/** The `type#relation` nodes a branch of `type#relation`'s rewrite may evaluate next. */
function branchNodes(model: ModelIndex, type: string, relation: string, branch: Userset): string[] {
  const nodes: string[] = [];
  const visit = (u: Userset): void => {
    if ('this' in u) {
      for (const r of model.directRestrictions(type, relation)) if (r.relation) nodes.push(`${r.type}#${r.relation}`);
    } else if ('computedUserset' in u) {
      if (u.computedUserset.relation) nodes.push(`${type}#${u.computedUserset.relation}`);
    } else if ('tupleToUserset' in u) {
      const computed = u.tupleToUserset.computedUserset.relation ?? '';
      for (const r of model.directRestrictions(type, u.tupleToUserset.tupleset.relation ?? '')) nodes.push(`${r.type}#${computed}`);
    } else if ('difference' in u) {
      visit(u.difference.base);
      visit(u.difference.subtract);
    } else {
      for (const child of childrenOf(u)) visit(child);
    }
  };
  visit(branch);
  return nodes;
}

const chains = new WeakMap<ModelIndex, Map<string, ClosureChain | undefined>>();
const memberships = new WeakMap<ModelIndex, Map<string, ClosureEdge | undefined>>();

function memo<T>(cache: WeakMap<ModelIndex, Map<string, T>>, model: ModelIndex, key: string, compute: () => T): T {
  let byKey = cache.get(model);
  if (!byKey) cache.set(model, (byKey = new Map()));
  if (byKey.has(key)) return byKey.get(key) as T;
  const value = compute();
  byKey.set(key, value);
  return value;
}

/** closureChain, computed once per model and relation. */
export function closureChainOf(model: ModelIndex, type: string, relation: string): ClosureChain | undefined {
  return memo(chains, model, `${type}#${relation}`, () => closureChain(model, type, relation));
}

/** membershipEdge, computed once per model and relation. */
export function membershipEdgeOf(model: ModelIndex, type: string, relation: string): ClosureEdge | undefined {
  return memo(memberships, model, `${type}#${relation}`, () => membershipEdge(model, type, relation));
}

export function closureEdgeKey(edge: ClosureEdge): string {
  return `${edge.objectType}#${edge.relation}@${edge.userRelation}`;
}
