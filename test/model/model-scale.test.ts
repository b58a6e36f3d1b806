// Everything built per model load (the type system, the engine's index, the reverse graph of
// ListObjects, the cache's dependency graph) and the DSL printer and compiler, on the generated
// models that used to stall or that nest 100 deep: each finishes at once and none overflows.
import { describe, expect, it } from 'vitest';
import { buildDependencyGraph } from '../../src/cache/dependency-graph.js';
import { parseDsl, printModel } from '../../src/dsl/index.js';
import { buildReverseGraph } from '../../src/engine/list/reverse-graph.js';
import { ModelIndex } from '../../src/engine/model-index.js';
import { TypeSystem, validateModel } from '../../src/model/index.js';
import type { AuthorizationModel } from '../../src/model/index.js';
import { cpuTime } from '../helpers/cpu-time.js';
import { fibonacciChain, fibonacciLoop, nestedRewrite, ttuChain, userChain, wideUnion } from '../helpers/generated-models.js';

const models: [string, AuthorizationModel][] = [
  ['29-relation r_i: r_(i-1) or r_(i-2)', fibonacciChain(29)],
  ['3000-relation r_i: r_(i-1) and r_(i-2)', fibonacciChain(3000, 'intersection')],
  ['3000-relation computed loop', fibonacciLoop(3000)],
  ['3000 relations [user] or r_(i-1)', userChain(3000)],
  ['a 3000-wide union', wideUnion(3000)],
  ['a 99-type TTU chain', ttuChain(99)],
  ['a 100-deep nested rewrite', nestedRewrite(100)],
];

describe('per-model structures at scale', () => {
  it.each(models)('builds every index of %s in well under a second', async (_name, model) => {
    const { ms } = await cpuTime(() => {
      new TypeSystem(model);
      const index = new ModelIndex(model);
      const graph = buildReverseGraph(model);
      const deps = buildDependencyGraph(model);
      // The lazily built parts too: cycle marks, reachability, residual dependencies.
      for (const def of model.type_definitions) {
        for (const relation of Object.keys(def.relations ?? {})) {
          index.isCyclic(def.type, relation);
          graph.nodeEdges(`${def.type}#${relation}`);
        }
      }
      const first = model.type_definitions[1]!;
      const relation = Object.keys(first.relations ?? {})[0]!;
      graph.leadsTo(`${first.type}#${relation}`);
      deps.affectedBy(`${first.type}#${relation}`);
    });
    expect(ms).toBeLessThan(1000);
  });

  it('marks exactly the relations of a computed loop as cyclic, and none of an acyclic chain', () => {
    const loop = new ModelIndex(fibonacciLoop(50));
    expect(['r0', 'r1', 'r25', 'r49'].every((r) => loop.isCyclic('doc', r))).toBe(true);
    const chain = new ModelIndex(userChain(50));
    expect(chain.isCyclic('doc0', 'r49')).toBe(false);
  });

  it('prints a 100-deep nested rewrite as DSL and compiles it back to the same model', () => {
    const model = nestedRewrite(100);
    const dsl = printModel(model);
    const { model: back, errors } = parseDsl(dsl);
    expect(errors).toEqual([]);
    expect(back.type_definitions.find((t) => t.type === 'doc')?.relations).toEqual(model.type_definitions.find((t) => t.type === 'doc')?.relations);
    expect(validateModel(back, { source: dsl })).toEqual([]);
  });

  it('compiles and validates the DSL of 3000 relations in well under a second', async () => {
    const dsl = printModel(userChain(3000));
    const { ms, result } = await cpuTime(() => {
      const { model, errors } = parseDsl(dsl);
      return [...errors, ...validateModel(model, { source: dsl })];
    });
    expect(result).toEqual([]);
    expect(ms).toBeLessThan(2000);
  });
});
