// Which Check results a tuple write can change. For every relation `T#r` of a model we collect
// what its evaluation reads: its own tuples (`this`), the tupleset tuples of a TTU, and the
// results of other relations (computed usersets, the computed relation of a TTU on every parent
// type, usersets allowed as direct types, all operands of union/intersection/exclusion). A
// write to `T#x` changes every relation that reads `T#x` tuples, and, transitively, every
// relation that reads one of those results.
import type { AuthorizationModel, TypeDefinition, Userset } from '../model/index.js';

/** `type#relation`. */
export type RelationKey = string;

export function relationKey(type: string, relation: string): RelationKey {
  return `${type}#${relation}`;
}

/** Written `type#relation` -> the results (`type#relation`) that the write may change. */
export interface DependencyGraph {
  /** Results that may change when tuples of `written` change; includes `written` itself. */
  affectedBy(written: RelationKey): ReadonlySet<RelationKey>;
}

interface Reads {
  tuples: Set<RelationKey>;
  results: Set<RelationKey>;
}

function directTypes(typeDef: TypeDefinition, relation: string) {
  return typeDef.metadata?.relations?.[relation]?.directly_related_user_types;
}

function collectReads(types: ReadonlyMap<string, TypeDefinition>, typeDef: TypeDefinition, relation: string, userset: Userset, reads: Reads): void {
  const visit = (node: Userset): void => {
    if ('this' in node) {
      reads.tuples.add(relationKey(typeDef.type, relation));
      for (const ref of directTypes(typeDef, relation) ?? []) {
        if (ref.relation) reads.results.add(relationKey(ref.type, ref.relation));
      }
    } else if ('computedUserset' in node) {
      if (node.computedUserset.relation) reads.results.add(relationKey(typeDef.type, node.computedUserset.relation));
    } else if ('tupleToUserset' in node) {
      const tupleset = node.tupleToUserset.tupleset.relation;
      const computed = node.tupleToUserset.computedUserset.relation;
      if (!tupleset || !computed) return;
      reads.tuples.add(relationKey(typeDef.type, tupleset));
      // Schema 1.0 models have no type restrictions: any type may be a parent.
      const parents = directTypes(typeDef, tupleset)?.map((ref) => ref.type) ?? [...types.keys()];
      for (const parent of parents) {
        if (types.get(parent)?.relations?.[computed]) reads.results.add(relationKey(parent, computed));
      }
    } else if ('union' in node) {
      node.union.child.forEach(visit);
    } else if ('intersection' in node) {
      node.intersection.child.forEach(visit);
    } else {
      visit(node.difference.base);
      visit(node.difference.subtract);
    }
  };
  visit(userset);
}

/** Builds the graph once per model version; lookups are memoised. */
export function buildDependencyGraph(model: AuthorizationModel): DependencyGraph {
  const readersOfTuples = new Map<RelationKey, Set<RelationKey>>();
  const readersOfResult = new Map<RelationKey, Set<RelationKey>>();
  const addEdge = (index: Map<RelationKey, Set<RelationKey>>, from: RelationKey, to: RelationKey) => {
    let set = index.get(from);
    if (!set) index.set(from, (set = new Set()));
    set.add(to);
  };
  const types = new Map(model.type_definitions.map((t) => [t.type, t]));
  for (const typeDef of model.type_definitions) {
    for (const [relation, userset] of Object.entries(typeDef.relations ?? {})) {
      const reads: Reads = { tuples: new Set(), results: new Set() };
      collectReads(types, typeDef, relation, userset, reads);
      const self = relationKey(typeDef.type, relation);
      for (const written of reads.tuples) addEdge(readersOfTuples, written, self);
      for (const result of reads.results) addEdge(readersOfResult, result, self);
    }
  }

  const memo = new Map<RelationKey, ReadonlySet<RelationKey>>();
  return {
    affectedBy(written) {
      const cached = memo.get(written);
      if (cached) return cached;
      // Conservative: a write always invalidates its own relation, even one the model lacks.
      const affected = new Set<RelationKey>([written, ...(readersOfTuples.get(written) ?? [])]);
      const queue = [...affected];
      while (queue.length > 0) {
        const next = queue.pop() as RelationKey;
        for (const reader of readersOfResult.get(next) ?? []) {
          if (!affected.has(reader)) {
            affected.add(reader);
            queue.push(reader);
          }
        }
      }
      memo.set(written, affected);
      return affected;
    },
  };
}
