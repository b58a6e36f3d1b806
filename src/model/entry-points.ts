// Whether a relation can ever hold a user: it needs an entry point, i.e. some path through its
// rewrite that ends at a directly assignable concrete type or wildcard. `define a: b` +
// `define b: a` has none (a loop); `define viewer: viewer from parent` with `parent: [group]`
// only leads back to itself. The verdicts (and "no entrypoint" vs "potential loop") are
// openfga/language's, whose search walks every path; here they come from a fixed point over the
// relation graph and one cycle analysis, linear in the model's size rather than exponential.
//
// Why that is the same answer: a relation has an entry in the path search iff it has a finite
// derivation (and/or proof) from directly assignable types, and a shortest derivation never
// revisits a relation, which is exactly the least fixed point computed here. For a relation
// without entry, every relation the search goes on to is itself without entry, so each operator
// picks its operands by their fixed-point value (a union all of them, an intersection or an
// exclusion the first without entry), and the search reports a loop iff following the computed
// relations so picked reaches a cycle.

import { nodesReachingCycle } from './graph-cycles.js';
import type { TypeDefinitionIndex } from './type-definition-index.js';
import type { Userset } from './types.js';

export interface EntryPointResult {
  hasEntry: boolean;
  /** The search came back to a relation already on the path through a computed relation. */
  loop: boolean;
}

const key = (typeName: string, relation: string) => `${typeName}#${relation}`;

/** Entry-point verdicts of every relation of the model, computed once. */
export function entryPoints(index: TypeDefinitionIndex): (typeName: string, relation: string) => EntryPointResult {
  const analysis = new EntryPointAnalysis(index);
  analysis.solve();
  const loops = analysis.loops();
  return (typeName, relation) => {
    const node = key(typeName, relation);
    return { hasEntry: analysis.entry.has(node), loop: !analysis.entry.has(node) && loops.has(node) };
  };
}

interface Node {
  typeName: string;
  relation: string;
  rewrite: Userset;
}

class EntryPointAnalysis {
  readonly entry = new Set<string>();
  private readonly nodes = new Map<string, Node>();

  constructor(private readonly index: TypeDefinitionIndex) {
    for (const [typeName, typeDef] of index.types) {
      for (const [relation, rewrite] of Object.entries(typeDef.relations ?? {})) {
        if (index.rewrite(typeName, relation)) this.nodes.set(key(typeName, relation), { typeName, relation, rewrite });
      }
    }
  }

  /** The least fixed point: a relation is re-evaluated only when one it reads gains an entry. */
  solve(): void {
    const readers = new Map<string, string[]>();
    for (const [node, { typeName, relation, rewrite }] of this.nodes) {
      for (const read of this.reads(typeName, relation, rewrite)) {
        const list = readers.get(read);
        if (list) list.push(node);
        else readers.set(read, [node]);
      }
    }
    const work = [...this.nodes.keys()];
    while (work.length > 0) {
      const node = work.pop()!;
      if (this.entry.has(node)) continue;
      const { typeName, relation, rewrite } = this.nodes.get(node)!;
      if (!this.holds(typeName, relation, rewrite)) continue;
      this.entry.add(node);
      for (const reader of readers.get(node) ?? []) if (!this.entry.has(reader)) work.push(reader);
    }
  }

  /** Relations without entry from which the search would come back to its own path. */
  loops(): Set<string> {
    const without = [...this.nodes.keys()].filter((node) => !this.entry.has(node));
    const edges = new Map<string, string[]>();
    for (const node of without) {
      const { typeName, relation, rewrite } = this.nodes.get(node)!;
      const out: string[] = [];
      this.loopEdges(typeName, relation, rewrite, out);
      edges.set(node, out);
    }
    return nodesReachingCycle(without, (node) => edges.get(node) ?? []);
  }

  /** Every relation whose verdict `rewrite`'s may depend on. */
  private reads(typeName: string, relation: string, rewrite: Userset): string[] {
    const out: string[] = [];
    const visit = (node: Userset): void => {
      if ('this' in node) {
        for (const ref of this.index.restrictions(typeName, relation)) if (ref.relation) out.push(key(ref.type, ref.relation));
      } else if ('computedUserset' in node) {
        if (node.computedUserset.relation) out.push(key(typeName, node.computedUserset.relation));
      } else if ('tupleToUserset' in node) {
        const tupleset = node.tupleToUserset.tupleset?.relation;
        const computed = node.tupleToUserset.computedUserset?.relation;
        if (tupleset && computed) for (const ref of this.index.restrictions(typeName, tupleset)) out.push(key(ref.type, computed));
      } else operands(node).forEach(visit);
    };
    visit(rewrite);
    return out;
  }

  /** Whether `rewrite` has an entry given the verdicts so far (the search's rules, one step). */
  private holds(typeName: string, relation: string, rewrite: Userset): boolean {
    if ('this' in rewrite) {
      for (const ref of this.index.restrictions(typeName, relation)) {
        if (!ref.relation || ref.wildcard) return true;
        if (!this.index.rewrite(ref.type, ref.relation)) return false;
        if (this.entry.has(key(ref.type, ref.relation))) return true;
      }
      return false;
    }
    if ('computedUserset' in rewrite) {
      const target = rewrite.computedUserset.relation;
      return target !== undefined && this.entry.has(key(typeName, target)) && this.index.rewrite(typeName, target) !== undefined;
    }
    if ('tupleToUserset' in rewrite) {
      const tupleset = rewrite.tupleToUserset.tupleset?.relation;
      const computed = rewrite.tupleToUserset.computedUserset?.relation;
      if (!tupleset || !computed || !this.index.rewrite(typeName, tupleset)) return false;
      for (const ref of this.index.restrictions(typeName, tupleset)) {
        if (ref.relation || ref.wildcard) continue;
        if (this.entry.has(key(ref.type, computed))) return true;
      }
      return false;
    }
    if ('union' in rewrite) return (rewrite.union.child ?? []).some((child) => this.holds(typeName, relation, child));
    return operands(rewrite).every((child) => this.holds(typeName, relation, child));
  }

  /** The computed relations the search follows from a rewrite without entry (see the header). */
  private loopEdges(typeName: string, relation: string, rewrite: Userset, out: string[]): void {
    if ('computedUserset' in rewrite) {
      const target = rewrite.computedUserset.relation;
      if (target && this.index.rewrite(typeName, target)) out.push(key(typeName, target));
    } else if ('union' in rewrite) {
      for (const child of rewrite.union.child ?? []) this.loopEdges(typeName, relation, child, out);
    } else if ('intersection' in rewrite || 'difference' in rewrite) {
      const failing = operands(rewrite).find((child) => !this.holds(typeName, relation, child));
      if (failing) this.loopEdges(typeName, relation, failing, out);
    }
  }
}

function operands(rewrite: Userset): Userset[] {
  if ('union' in rewrite) return rewrite.union.child ?? [];
  if ('intersection' in rewrite) return rewrite.intersection.child ?? [];
  if ('difference' in rewrite) return [rewrite.difference.base, rewrite.difference.subtract];
  return [];
}
