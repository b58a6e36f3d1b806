import { describe, expect, it } from 'vitest';
import { cpuTime } from '../../test/helpers/cpu-time.js';
import { fibonacciChain, fibonacciLoop, nestedRewrite, randomModel, ttuChain, userChain, wideUnion } from '../../test/helpers/generated-models.js';
import { entryPoints } from './entry-points.js';
import type { EntryPointResult } from './entry-points.js';
import { TypeDefinitionIndex } from './type-definition-index.js';
import type { AuthorizationModel, Userset } from './types.js';
import { validateModel } from './validate-model.js';

// openfga/language's path search, as Relata ran it before the fixed point: exponential, but the
// definition the verdicts must keep matching.
function referenceSearch(index: TypeDefinitionIndex, typeName: string, relation: string, rewrite: Userset, path: ReadonlySet<string>): EntryPointResult {
  const NONE = { hasEntry: false, loop: false };
  const ENTRY = { hasEntry: true, loop: false };
  const key = (t: string, r: string) => `${t}#${r}`;
  const visited = new Set(path).add(key(typeName, relation));
  if (!index.rewrite(typeName, relation)) return NONE;
  if ('this' in rewrite) {
    for (const ref of index.restrictions(typeName, relation)) {
      if (!ref.relation || ref.wildcard) return ENTRY;
      const target = index.rewrite(ref.type, ref.relation);
      if (!target) return NONE;
      if (visited.has(key(ref.type, ref.relation))) continue;
      if (referenceSearch(index, ref.type, ref.relation, target, visited).hasEntry) return ENTRY;
    }
    return NONE;
  }
  if ('computedUserset' in rewrite) {
    const target = rewrite.computedUserset.relation;
    const targetRewrite = target ? index.rewrite(typeName, target) : undefined;
    if (!target || !targetRewrite) return NONE;
    if (visited.has(key(typeName, target))) return { hasEntry: false, loop: true };
    return referenceSearch(index, typeName, target, targetRewrite, visited);
  }
  if ('tupleToUserset' in rewrite) {
    const tupleset = rewrite.tupleToUserset.tupleset?.relation;
    const computed = rewrite.tupleToUserset.computedUserset?.relation;
    if (!tupleset || !computed || !index.rewrite(typeName, tupleset)) return NONE;
    for (const ref of index.restrictions(typeName, tupleset)) {
      if (ref.relation || ref.wildcard) continue;
      const target = index.rewrite(ref.type, computed);
      if (!target || visited.has(key(ref.type, computed))) continue;
      if (referenceSearch(index, ref.type, computed, target, visited).hasEntry) return ENTRY;
    }
    return NONE;
  }
  if ('union' in rewrite) {
    let loop = false;
    for (const child of rewrite.union.child) {
      const result = referenceSearch(index, typeName, relation, child, visited);
      if (result.hasEntry) return ENTRY;
      loop ||= result.loop;
    }
    return { hasEntry: false, loop };
  }
  const children = 'intersection' in rewrite ? rewrite.intersection.child : [rewrite.difference.base, rewrite.difference.subtract];
  for (const child of children) {
    const result = referenceSearch(index, typeName, relation, child, visited);
    if (!result.hasEntry) return { hasEntry: false, loop: result.loop };
  }
  return ENTRY;
}

function verdicts(model: AuthorizationModel, analyse: (index: TypeDefinitionIndex, type: string, relation: string) => EntryPointResult): string[] {
  const index = new TypeDefinitionIndex(model);
  const out: string[] = [];
  for (const [type, def] of index.types) {
    for (const relation of Object.keys(def.relations ?? {})) {
      const { hasEntry, loop } = analyse(index, type, relation);
      out.push(`${type}#${relation}: ${hasEntry ? 'entry' : loop ? 'loop' : 'none'}`);
    }
  }
  return out;
}

const reference = (index: TypeDefinitionIndex, type: string, relation: string) =>
  referenceSearch(index, type, relation, index.rewrite(type, relation)!, new Set());

describe('entryPoints', () => {
  it('gives the path search verdicts on 3000 random models', () => {
    for (let seed = 1; seed <= 3000; seed++) {
      const model = randomModel(seed);
      let all: ((t: string, r: string) => EntryPointResult) | undefined;
      const fast = verdicts(model, (index, type, relation) => (all ??= entryPoints(index))(type, relation));
      expect(fast, `seed ${seed}`).toEqual(verdicts(model, reference));
    }
  });

  it('tells a loop from a missing entry point', () => {
    const model = fibonacciLoop(6);
    expect(verdicts(model, reference)).toContain('doc#r3: loop');
    expect(verdicts(model, (index, t, r) => entryPoints(index)(t, r))).toEqual(verdicts(model, reference));
  });

  // Each used to take seconds or more (the path search is exponential on shared sub-graphs).
  it.each([
    ['29-relation r_i: r_(i-1) or r_(i-2)', fibonacciChain(29)],
    ['3000-relation r_i: r_(i-1) and r_(i-2)', fibonacciChain(3000, 'intersection')],
    ['3000-relation loop of r_i: r_(i-1) or r_(i-2)', fibonacciLoop(3000)],
    ['3000 relations [user] or r_(i-1)', userChain(3000)],
    ['a 3000-wide union', wideUnion(3000)],
    ['a 99-type TTU chain', ttuChain(99)],
    ['a 100-deep nested rewrite', nestedRewrite(100)],
  ])('validates %s in well under a second', async (_name, model) => {
    const { ms, result: errors } = await cpuTime(() => validateModel(model));
    expect(ms).toBeLessThan(1000);
    expect(errors.every((e) => e.errorType === 'relation-no-entry-point')).toBe(true);
  });

  it('finds an entry point for every relation of the generated chains', () => {
    for (const model of [fibonacciChain(29), fibonacciChain(3000, 'intersection'), userChain(3000), wideUnion(3000), ttuChain(99), nestedRewrite(100)]) {
      expect(validateModel(model)).toEqual([]);
    }
  });

  it('reports every relation of a long computed loop as a potential loop', () => {
    const errors = validateModel(fibonacciLoop(3000));
    expect(errors).toHaveLength(3000);
    expect(errors[0]?.message).toBe('`r0` is an impossible relation for `doc` (potential loop).');
  });
});
