// Cycle questions on the relation graphs the model rules and the engine build, answered in time
// linear in nodes + edges (Tarjan's strongly connected components, iterative so that a long
// chain of relations cannot overflow the stack). Walking every path instead is exponential on
// models such as `r_i: r_(i-1) or r_(i-2)`.

export interface Components<N> {
  /** Component id of each node; ids are in reverse topological order (sinks first). */
  readonly componentOf: ReadonlyMap<N, number>;
  /** Nodes on a cycle: in a component of two or more, or with an edge to themselves. */
  readonly cyclic: ReadonlySet<N>;
  /** The components in the order they were completed (each sink before anything leading to it). */
  readonly order: readonly (readonly N[])[];
}

/** Strongly connected components of the graph restricted to `nodes` (edges to other nodes are ignored). */
export function stronglyConnected<N>(nodes: Iterable<N>, successors: (node: N) => Iterable<N>): Components<N> {
  const all = new Set(nodes);
  const index = new Map<N, number>();
  const low = new Map<N, number>();
  const onStack = new Set<N>();
  const stack: N[] = [];
  const componentOf = new Map<N, number>();
  const cyclic = new Set<N>();
  const order: N[][] = [];
  const next = (node: N): N[] => [...successors(node)].filter((other) => all.has(other));
  let counter = 0;

  for (const root of all) {
    if (index.has(root)) continue;
    const frames: { node: N; edges: N[]; at: number }[] = [];
    const open = (node: N): void => {
      index.set(node, counter);
      low.set(node, counter);
      counter++;
      stack.push(node);
      onStack.add(node);
      frames.push({ node, edges: next(node), at: 0 });
    };
    open(root);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!;
      if (frame.at < frame.edges.length) {
        const other = frame.edges[frame.at++]!;
        if (other === frame.node) cyclic.add(other);
        if (!index.has(other)) open(other);
        else if (onStack.has(other)) low.set(frame.node, Math.min(low.get(frame.node)!, index.get(other)!));
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) !== index.get(frame.node)) continue;
      const component: N[] = [];
      let member: N;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        componentOf.set(member, order.length);
        component.push(member);
      } while (member !== frame.node);
      if (component.length > 1) for (const node of component) cyclic.add(node);
      order.push(component);
    }
  }
  return { componentOf, cyclic, order };
}

/** The nodes from which some cycle can be reached (the nodes on a cycle included). */
export function nodesReachingCycle<N>(nodes: Iterable<N>, successors: (node: N) => Iterable<N>): Set<N> {
  const { componentOf, cyclic, order } = stronglyConnected(nodes, successors);
  const reaching = new Set<N>();
  // Sinks come first, so every successor component is decided before the components leading to it.
  for (const component of order) {
    const reaches = component.some(
      (node) => cyclic.has(node) || [...successors(node)].some((other) => componentOf.has(other) && reaching.has(other)),
    );
    if (reaches) for (const node of component) reaching.add(node);
  }
  return reaching;
}
