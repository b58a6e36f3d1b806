// Expand: one level of the userset tree of `object#relation`, in OpenFGA's Expand response shape.
// Leaves name the next things to expand (usersets, computed relations, parents of a tupleset)
// rather than resolving them, exactly like OpenFGA, so a client walks the tree level by level.

import type { TupleKey, Userset } from '../../model/index.js';
import type { ModelIndex } from '../model-index.js';
import { childrenOf } from '../model-index.js';
import type { RequestReader } from '../read/request-reader.js';
import type { RelationTuple } from '../../model/index.js';
import { formatTupleUser } from '../../model/index.js';

export interface ExpandRequest {
  object: string;
  relation: string;
  contextualTuples?: TupleKey[];
}

export type ExpandLeaf =
  | { users: { users: string[] } }
  | { computed: { userset: string } }
  | { tupleToUserset: { tupleset: string; computed: { userset: string }[] } };

/** A node of the tree: exactly one of leaf, union, intersection, difference is set. */
export interface ExpandNode {
  /** `object#relation` this node describes. */
  name: string;
  leaf?: ExpandLeaf;
  union?: { nodes: ExpandNode[] };
  intersection?: { nodes: ExpandNode[] };
  difference?: { base: ExpandNode; subtract: ExpandNode };
}

export interface ExpandResult {
  tree: { root: ExpandNode };
  readCount?: number;
}

/** Builds the tree for an already validated object (`type:id`) and relation. */
export async function expandTree(model: ModelIndex, reads: RequestReader, type: string, id: string, relation: string): Promise<ExpandNode> {
  const rewrite = model.rewrite(type, relation);
  const name = `${type}:${id}#${relation}`;
  if (!rewrite) return { name, leaf: { users: { users: [] } } };
  return expandRewrite(model, reads, rewrite, type, id, relation, name);
}

async function expandRewrite(model: ModelIndex, reads: RequestReader, rewrite: Userset, type: string, id: string, relation: string, name: string): Promise<ExpandNode> {
  if ('this' in rewrite) {
    const tuples = await validTuples(model, reads, type, id, relation);
    return { name, leaf: { users: { users: tuples.map(formatTupleUser) } } };
  }
  if ('computedUserset' in rewrite) {
    return { name, leaf: { computed: { userset: `${type}:${id}#${rewrite.computedUserset.relation ?? ''}` } } };
  }
  if ('tupleToUserset' in rewrite) {
    const tupleset = rewrite.tupleToUserset.tupleset.relation ?? '';
    const computed = rewrite.tupleToUserset.computedUserset.relation ?? '';
    const parents = (await validTuples(model, reads, type, id, tupleset)).filter(
      (t) => t.userRelation === '' && t.userId !== '*' && model.hasRelation(t.userType, computed),
    );
    return {
      name,
      leaf: {
        tupleToUserset: {
          tupleset: `${type}:${id}#${tupleset}`,
          computed: parents.map((t) => ({ userset: `${t.userType}:${t.userId}#${computed}` })),
        },
      },
    };
  }
  const child = (u: Userset) => expandRewrite(model, reads, u, type, id, relation, name);
  if ('union' in rewrite) return { name, union: { nodes: await Promise.all(childrenOf(rewrite).map(child)) } };
  if ('intersection' in rewrite) return { name, intersection: { nodes: await Promise.all(childrenOf(rewrite).map(child)) } };
  const [base, subtract] = await Promise.all([child(rewrite.difference.base), child(rewrite.difference.subtract)]);
  return { name, difference: { base, subtract } };
}

async function validTuples(model: ModelIndex, reads: RequestReader, type: string, id: string, relation: string): Promise<RelationTuple[]> {
  const tuples = await reads.objectTuples(type, relation, id);
  return tuples.filter((t) => model.allowsUser(type, relation, t.userType, t.userId, t.userRelation, t.conditionName ?? ''));
}
