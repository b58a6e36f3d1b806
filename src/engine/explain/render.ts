// Turns the evaluation's DAG of steps into the tree an explanation returns: for a step that
// granted, only the branch that granted (every member of an intersection, both sides of an
// exclusion); for a step that did not, every branch tried. A sub-problem reached again is shown
// once in full and then as `repeated`; past `maxNodes` nodes children are left out, counted in
// `omittedChildren`, and the tree is marked truncated.
import type { ExplainNode } from './explanation.js';

/** Steps that hold when any one of their children holds. */
const anyOf = new Set<ExplainNode['step']>(['relation', 'computed-userset', 'direct', 'nested-membership', 'tuple-to-userset', 'union', 'tuple']);

export interface RenderedExplanation {
  root: ExplainNode;
  nodeCount: number;
  truncated: boolean;
}

export function renderExplanation(root: ExplainNode, maxNodes: number): RenderedExplanation {
  const seen = new Set<ExplainNode>();
  let count = 0;
  let truncated = false;

  const render = (node: ExplainNode): ExplainNode => {
    count += 1;
    const { children, ...fields } = node;
    if (!children || children.length === 0) return { ...fields };
    if (seen.has(node)) {
      const repeated: ExplainNode = { step: 'repeated', result: node.result };
      for (const key of ['object', 'relation', 'tupleset', 'role', 'reason'] as const) if (node[key] !== undefined) Object.assign(repeated, { [key]: node[key] });
      return repeated;
    }
    seen.add(node);
    const shown = node.result === 'allowed' && anyOf.has(node.step) ? children.filter((c) => c.result === 'allowed').slice(0, 1) : children;
    const out: ExplainNode = { ...fields, children: [] };
    for (const [i, child] of shown.entries()) {
      if (count >= maxNodes) {
        out.omittedChildren = shown.length - i;
        truncated = true;
        break;
      }
      out.children!.push(render(child));
    }
    return out;
  };

  return { root: render(root), nodeCount: count, truncated };
}

/** Every node of a rendered tree, depth first (for tests and printers). */
export function* explainNodes(root: ExplainNode): Generator<ExplainNode> {
  yield root;
  for (const child of root.children ?? []) yield* explainNodes(child);
}
