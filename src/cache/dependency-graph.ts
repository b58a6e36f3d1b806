// Which Check results a tuple write can change, and on which objects. For every relation `T#r`
// of a model we collect what its evaluation on an object `T:o` reads: its own tuples (`this`)
// and the tupleset tuples of a TTU, both on `T:o`; and the results of other relations, either
// on `T:o` too (computed usersets, operands of union/intersection/exclusion) or on other objects
// (the computed relation of a TTU on every parent type, usersets allowed as direct types). A
// write to `T#x` changes every relation that reads `T#x` tuples, and, transitively, every
// relation that reads one of those results.
//
// Scope: an affected relation is `object` when every path from the write to it stays on the
// written object (a write to `T:o#x` can then only change its results on `T:o`), and `relation`
// when some path crosses objects (a TTU's parent, a userset type ref, or anything downstream of
// such a crossing): then the write may change its results on any object.
import type { AuthorizationModel, TypeDefinition, Userset } from '../model/index.js';
import { ownValue } from '../model/index.js';

/** `type#relation`. */
export type RelationKey = string;

export function relationKey(type: string, relation: string): RelationKey {
  return `${type}#${relation}`;
}

/** How far a write reaches into an affected relation: the written objects only, or every object. */
export type InvalidationScope = 'object' | 'relation';

/** Written `type#relation` -> the results (`type#relation`) that the write may change, with their scope. */
export interface DependencyGraph {
  /** Results that may change when tuples of `written` change; includes `written` itself (scope `object` at least). */
  affectedBy(written: RelationKey): ReadonlyMap<RelationKey, InvalidationScope>;
}

interface Reads {
  /** Tuples read on the evaluated object. */
  tuples: Set<RelationKey>;
  /** Results read; true when read on another object (a crossing). */
  results: Map<RelationKey, boolean>;
}

function directTypes(typeDef: TypeDefinition, relation: string) {
  return ownValue(typeDef.metadata?.relations, relation)?.directly_related_user_types;
}

function addResult(reads: Reads, result: RelationKey, crossing: boolean): void {
  reads.results.set(result, crossing || (reads.results.get(result) ?? false));
}

function collectReads(types: ReadonlyMap<string, TypeDefinition>, typeDef: TypeDefinition, relation: string, userset: Userset, reads: Reads): void {
  const visit = (node: Userset): void => {
    if ('this' in node) {
      reads.tuples.add(relationKey(typeDef.type, relation));
      // A userset user `U:u#m` on a tuple of `T:o` makes `T:o`'s result read `U:u#m`'s.
      for (const ref of directTypes(typeDef, relation) ?? []) {
        if (ref.relation) addResult(reads, relationKey(ref.type, ref.relation), true);
      }
    } else if ('computedUserset' in node) {
      if (node.computedUserset.relation) addResult(reads, relationKey(typeDef.type, node.computedUserset.relation), false);
    } else if ('tupleToUserset' in node) {
      const tupleset = node.tupleToUserset.tupleset.relation;
      const computed = node.tupleToUserset.computedUserset.relation;
      if (!tupleset || !computed) return;
      reads.tuples.add(relationKey(typeDef.type, tupleset));
      // Schema 1.0 models have no type restrictions: any type may be a parent.
      const parents = directTypes(typeDef, tupleset)?.map((ref) => ref.type) ?? [...types.keys()];
      for (const parent of parents) {
        // Even a parent of the same type is another object (or the same one: crossing covers both).
        if (ownValue(types.get(parent)?.relations, computed)) addResult(reads, relationKey(parent, computed), true);
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
  /** result -> reader -> whether the reader reads it on another object. */
  const readersOfResult = new Map<RelationKey, Map<RelationKey, boolean>>();
  const types = new Map(model.type_definitions.map((t) => [t.type, t]));
  for (const typeDef of model.type_definitions) {
    for (const [relation, userset] of Object.entries(typeDef.relations ?? {})) {
      const reads: Reads = { tuples: new Set(), results: new Map() };
      collectReads(types, typeDef, relation, userset, reads);
      const self = relationKey(typeDef.type, relation);
      for (const written of reads.tuples) {
        let readers = readersOfTuples.get(written);
        if (!readers) readersOfTuples.set(written, (readers = new Set()));
        readers.add(self);
      }
      for (const [result, crossing] of reads.results) {
        let readers = readersOfResult.get(result);
        if (!readers) readersOfResult.set(result, (readers = new Map()));
        readers.set(self, crossing || (readers.get(self) ?? false));
      }
    }
  }

  const memo = new Map<RelationKey, ReadonlyMap<RelationKey, InvalidationScope>>();
  return {
    affectedBy(written) {
      const cached = memo.get(written);
      if (cached) return cached;
      // Conservative: a write always invalidates its own relation, even one the model lacks.
      const affected = new Map<RelationKey, InvalidationScope>([[written, 'object']]);
      for (const reader of readersOfTuples.get(written) ?? []) affected.set(reader, 'object');
      // Each relation is queued at most twice: once as `object`, once widened to `relation`.
      const queue = [...affected.keys()];
      while (queue.length > 0) {
        const next = queue.pop() as RelationKey;
        const scope = affected.get(next) as InvalidationScope;
        for (const [reader, crossing] of readersOfResult.get(next) ?? []) {
          const reach: InvalidationScope = crossing || scope === 'relation' ? 'relation' : 'object';
          const known = affected.get(reader);
          if (known === reach || known === 'relation') continue;
          affected.set(reader, reach);
          queue.push(reader);
        }
      }
      memo.set(written, affected);
      return affected;
    },
  };
}

/** What a write to `written` affects under any of several models (of one store): the widest scope wins. */
export function affectedByAny(graphs: Iterable<DependencyGraph>, written: RelationKey): ReadonlyMap<RelationKey, InvalidationScope> {
  let merged: Map<RelationKey, InvalidationScope> | undefined;
  let only: ReadonlyMap<RelationKey, InvalidationScope> | undefined;
  for (const graph of graphs) {
    const affected = graph.affectedBy(written);
    if (!only) {
      only = affected;
      continue;
    }
    merged ??= new Map(only);
    for (const [relation, scope] of affected) {
      if (merged.get(relation) !== 'relation') merged.set(relation, scope);
    }
  }
  // No model known: at least the written relation itself, everywhere.
  return merged ?? only ?? new Map([[written, 'relation']]);
}
