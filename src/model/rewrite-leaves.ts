// The leaves of a relation rewrite (`this`, a computed relation, a tuple-to-userset), which is
// what most model rules look at: operators only combine leaves.

import type { Userset } from './types.js';

export type RewriteLeaf =
  | { kind: 'this' }
  | { kind: 'computed'; relation: string }
  | { kind: 'ttu'; tupleset: string; relation: string };

/** Leaves in breadth-first order (openfga/language's order, which decides the order of errors). */
export function rewriteLeaves(rewrite: Userset): RewriteLeaf[] {
  const leaves: RewriteLeaf[] = [];
  const queue: Userset[] = [rewrite];
  // An index, not shift(): shifting a wide union's queue would be quadratic.
  for (let at = 0; at < queue.length; at++) {
    const node = queue[at]!;
    if ('union' in node) queue.push(...(node.union.child ?? []));
    else if ('intersection' in node) queue.push(...(node.intersection.child ?? []));
    else if ('difference' in node) queue.push(node.difference.base, node.difference.subtract);
    else {
      const leaf = leafOf(node);
      if (leaf) leaves.push(leaf);
    }
  }
  return leaves;
}

export function leafOf(node: Userset): RewriteLeaf | undefined {
  if ('this' in node) return { kind: 'this' };
  if ('computedUserset' in node) return node.computedUserset.relation ? { kind: 'computed', relation: node.computedUserset.relation } : undefined;
  if ('tupleToUserset' in node) {
    const tupleset = node.tupleToUserset.tupleset?.relation;
    const relation = node.tupleToUserset.computedUserset?.relation;
    return tupleset && relation ? { kind: 'ttu', tupleset, relation } : undefined;
  }
  return undefined;
}

/** The DSL text of a leaf, as used in duplicate and tupleset messages: `viewer`, `viewer from parent`. */
export function leafText(leaf: RewriteLeaf): string | undefined {
  if (leaf.kind === 'computed') return leaf.relation;
  if (leaf.kind === 'ttu') return `${leaf.relation} from ${leaf.tupleset}`;
  return undefined;
}
