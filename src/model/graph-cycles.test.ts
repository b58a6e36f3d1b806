import { describe, expect, it } from 'vitest';
import { nodesReachingCycle, stronglyConnected } from './graph-cycles.js';

/** Brute force: a node is on a cycle when a walk from its successors comes back to it. */
function reachable(edges: Map<number, number[]>, from: number): Set<number> {
  const seen = new Set<number>();
  const stack = [...(edges.get(from) ?? [])];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (seen.has(node)) continue;
    seen.add(node);
    stack.push(...(edges.get(node) ?? []));
  }
  return seen;
}

function randomGraph(seed: number, size: number): Map<number, number[]> {
  let state = seed;
  const rand = (n: number) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % n;
  };
  const edges = new Map<number, number[]>();
  for (let node = 0; node < size; node++) edges.set(node, Array.from({ length: rand(3) }, () => rand(size + 2)));
  return edges;
}

describe('graph cycles', () => {
  it('agrees with brute force on random graphs (edges to unknown nodes ignored)', () => {
    for (let seed = 1; seed <= 500; seed++) {
      const edges = randomGraph(seed, 1 + (seed % 12));
      const nodes = [...edges.keys()];
      const next = (node: number) => edges.get(node) ?? [];
      const onCycle = new Set(nodes.filter((node) => reachable(edges, node).has(node)));
      expect(stronglyConnected(nodes, next).cyclic, `seed ${seed}`).toEqual(onCycle);
      const reaching = new Set(nodes.filter((node) => onCycle.has(node) || [...reachable(edges, node)].some((other) => onCycle.has(other))));
      expect(nodesReachingCycle(nodes, next), `seed ${seed}`).toEqual(reaching);
    }
  });

  it('handles a 20000-node chain without recursion', () => {
    const size = 20_000;
    const next = (node: number) => (node + 1 < size ? [node + 1] : [0]);
    const nodes = Array.from({ length: size }, (_, i) => i);
    expect(stronglyConnected(nodes, next).cyclic.size).toBe(size);
    expect(nodesReachingCycle(nodes, (node) => (node + 1 < size ? [node + 1] : [])).size).toBe(0);
  });
});
