// Property: for random models and tuple sets, a tuple write changes the engine's answer only for
// relations that the dependency graph says the write affects, and, for a relation it scopes to
// the written object, only on that object. That is the claim invalidation rests on (an unsound
// graph would serve stale decisions), checked against the real engine.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildDependencyGraph, relationKey, type DependencyGraph } from '../../src/cache/index.js';
import { Engine } from '../../src/engine/index.js';
import type { AuthorizationModel, TupleKey } from '../../src/model/index.js';
import { answers, candidateTuples, modelArb, plainUsers, usersetUsers } from './random-models.js';

// Userset users too: the engine answers them through paths of their own.
const users = [...plainUsers, ...usersetUsers];
const stats = { answers: 0, errors: 0, changed: 0, changedElsewhere: 0 };

/** Asserts that adding `write` to `base` changes only answers that the graph predicts. */
async function expectPredicted(engine: Engine, model: AuthorizationModel, graph: DependencyGraph, base: TupleKey[], before: Map<string, string>, write: TupleKey) {
  const after = await answers(engine, model, [...base, write], users);
  const affected = graph.affectedBy(relationKey(write.object.split(':')[0], write.relation));
  for (const [key, answer] of before) {
    stats.answers++;
    if (answer.startsWith('error')) stats.errors++;
    if (after.get(key) === answer) continue;
    stats.changed++;
    const [relation, request] = key.split('|');
    const why = `write ${write.object}#${write.relation}@${write.user} changed ${key}`;
    expect([...affected.keys()], why).toContain(relation);
    if (request.split('@')[0] !== write.object) {
      stats.changedElsewhere++;
      expect(affected.get(relation), why).toBe('relation');
    }
  }
}

describe('dependency graph soundness against the engine', () => {
  it('a write changes answers only of relations in affectedBy(written relation), and of object-scoped ones only on the written object', async () => {
    await fc.assert(
      fc.asyncProperty(modelArb, fc.array(fc.nat(), { maxLength: 16 }), fc.array(fc.nat(), { minLength: 1, maxLength: 3 }), async (model, picks, writePicks) => {
        const candidates = candidateTuples(model);
        const base = [...new Map(picks.map((p) => candidates[p % candidates.length]).map((t) => [`${t.object}#${t.relation}@${t.user}`, t])).values()];
        const engine = new Engine(model);
        const graph = buildDependencyGraph(model);
        const before = await answers(engine, model, base, users);
        // Each write alone on the same base: several chances per model to reach another object.
        for (const pick of writePicks) await expectPredicted(engine, model, graph, base, before, candidates[pick % candidates.length]);
      }),
      { numRuns: 300 },
    );
    // The property must have been exercised, not vacuously true, on both scopes.
    expect(stats.changed).toBeGreaterThan(20);
    expect(stats.changedElsewhere).toBeGreaterThan(5);
    console.log(
      `[cache] dependency graph soundness: 300 random models, ${stats.answers} answers (${stats.errors} errors), ${stats.changed} changed by the write (${stats.changedElsewhere} on another object), all predicted`,
    );
  });
});
