// Whether a relation can ever hold a user: it needs an entry point, i.e. some path through its
// rewrite that ends at a directly assignable concrete type or wildcard. `define a: b` +
// `define b: a` has none (a loop); `define viewer: viewer from parent` with `parent: [group]`
// only leads back to itself. This follows openfga/language's algorithm, so that the verdicts
// (and "no entrypoint" vs "potential loop") match its conformance cases.

import type { ModelIndex } from './model-index.js';
import type { Userset } from './types.js';

export interface EntryPointResult {
  hasEntry: boolean;
  /** The search came back to a relation already on the path through a computed relation. */
  loop: boolean;
}

const NONE: EntryPointResult = { hasEntry: false, loop: false };
const ENTRY: EntryPointResult = { hasEntry: true, loop: false };

const key = (typeName: string, relation: string) => `${typeName}#${relation}`;

export function relationEntryPoint(index: ModelIndex, typeName: string, relation: string): EntryPointResult {
  const rewrite = index.rewrite(typeName, relation);
  return rewrite ? search(index, typeName, relation, rewrite, new Set()) : NONE;
}

function search(index: ModelIndex, typeName: string, relation: string, rewrite: Userset, path: ReadonlySet<string>): EntryPointResult {
  const visited = new Set(path);
  visited.add(key(typeName, relation));
  if (!index.rewrite(typeName, relation)) return NONE;

  if ('this' in rewrite) {
    for (const ref of index.restrictions(typeName, relation)) {
      if (!ref.relation || ref.wildcard) return ENTRY;
      const target = index.rewrite(ref.type, ref.relation);
      if (!target) return NONE;
      if (visited.has(key(ref.type, ref.relation))) continue;
      if (search(index, ref.type, ref.relation, target, visited).hasEntry) return ENTRY;
    }
    return NONE;
  }
  if ('computedUserset' in rewrite) {
    const target = rewrite.computedUserset.relation;
    const targetRewrite = target ? index.rewrite(typeName, target) : undefined;
    if (!target || !targetRewrite) return NONE;
    if (visited.has(key(typeName, target))) return { hasEntry: false, loop: true };
    return search(index, typeName, target, targetRewrite, visited);
  }
  if ('tupleToUserset' in rewrite) {
    const tupleset = rewrite.tupleToUserset.tupleset?.relation;
    const computed = rewrite.tupleToUserset.computedUserset?.relation;
    if (!tupleset || !computed || !index.rewrite(typeName, tupleset)) return NONE;
    for (const ref of index.restrictions(typeName, tupleset)) {
      if (ref.relation || ref.wildcard) continue;
      const target = index.rewrite(ref.type, computed);
      if (!target || visited.has(key(ref.type, computed))) continue;
      if (search(index, ref.type, computed, target, visited).hasEntry) return ENTRY;
    }
    return NONE;
  }
  if ('union' in rewrite) {
    let loop = false;
    for (const child of rewrite.union.child ?? []) {
      const result = search(index, typeName, relation, child, visited);
      if (result.hasEntry) return ENTRY;
      loop ||= result.loop;
    }
    return { hasEntry: false, loop };
  }
  if ('intersection' in rewrite) {
    for (const child of rewrite.intersection.child ?? []) {
      const result = search(index, typeName, relation, child, visited);
      if (!result.hasEntry) return { hasEntry: false, loop: result.loop };
    }
    return ENTRY;
  }
  for (const operand of [rewrite.difference.base, rewrite.difference.subtract]) {
    const result = search(index, typeName, relation, operand, path);
    if (!result.hasEntry) return { hasEntry: false, loop: result.loop };
  }
  return ENTRY;
}
