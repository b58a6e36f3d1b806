import { describe, expect, it } from 'vitest';
import { cpuTime } from '../../test/helpers/cpu-time.js';
import { fibonacciChain, fibonacciLoop, randomModel, userChain } from '../../test/helpers/generated-models.js';
import { validateServerRules } from './server-rules.js';
import { TypeSystem } from './type-system.js';
import type { AuthorizationModel, Userset } from './types.js';

// The path walk Relata ran before the cycle analysis (exponential on shared sub-graphs): the reference.
function referenceCycle(ts: TypeSystem, typeName: string, relation: string, rewrite: Userset, path: ReadonlySet<string>): boolean {
  const visited = new Set(path).add(relation);
  if ('this' in rewrite || 'tupleToUserset' in rewrite) return false;
  if ('computedUserset' in rewrite) {
    const target = rewrite.computedUserset.relation ?? '';
    if (visited.has(target)) return true;
    const targetRewrite = ts.rewrite(typeName, target);
    return targetRewrite ? referenceCycle(ts, typeName, target, targetRewrite, visited) : false;
  }
  const children = 'union' in rewrite ? rewrite.union.child : 'intersection' in rewrite ? rewrite.intersection.child : [rewrite.difference.base, rewrite.difference.subtract];
  return children.some((child) => referenceCycle(ts, typeName, relation, child, visited));
}

const cycles = (model: AuthorizationModel) =>
  validateServerRules(model)
    .filter((e) => e.errorType === 'relation-cycle')
    .map((e) => `${e.typeName}#${e.relation}`);

describe('validateServerRules: cycles of computed relations', () => {
  it('finds the relations the path walk finds, on 2000 random models', () => {
    for (let seed = 1; seed <= 2000; seed++) {
      const model = randomModel(seed);
      const ts = new TypeSystem(model);
      const expected: string[] = [];
      for (const type of ts.typeNames()) {
        for (const r of ts.relationsOf(type)) if (referenceCycle(ts, type, r.name, r.rewrite, new Set())) expected.push(`${type}#${r.name}`);
      }
      expect(cycles(model), `seed ${seed}`).toEqual(expected);
    }
  });

  it('reports a long loop with the server message, in well under a second', async () => {
    const { ms, result: errors } = await cpuTime(() => validateServerRules(fibonacciLoop(3000)));
    expect(ms).toBeLessThan(1000);
    expect(errors).toHaveLength(3000);
    expect(errors[0]?.message).toBe("the definition of relation 'r0' in object type 'doc' is invalid: an authorization model cannot contain a cycle");
  });

  it('accepts long acyclic chains in well under a second (29 relations took seconds, 800 took 38 s)', async () => {
    for (const model of [fibonacciChain(29), fibonacciChain(3000), userChain(800), userChain(3000)]) {
      const { ms, result } = await cpuTime(() => validateServerRules(model));
      expect(result).toEqual([]);
      expect(ms).toBeLessThan(1000);
    }
  });
});
