// Property: Checks that reuse sub-results across requests answer exactly as Checks that start
// from nothing. Random models (recursive, TTU both ways, usersets, exclusions), random writes and
// deletes recorded with the decision cache as the Write use case records them, a tiny LRU (so
// entries are evicted all the time) and a tiny bound on object floors (so invalidation widens),
// and evaluations that race a write: they stamp, read the old tuples, and store their
// sub-results only after the write was recorded (born stale, never served).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDecisionCache } from '../../src/cache/index.js';
import { Engine, type SubResults } from '../../src/engine/index.js';
import type { AuthorizationModel, TupleKey } from '../../src/model/index.js';
import { ArrayTupleReader } from '../helpers/array-tuple-reader.js';
import { candidateTuples, modelArb } from './random-models.js';

type Step = { kind: 'write'; picks: number[] } | { kind: 'eval'; picks: number[] } | { kind: 'race'; picks: number[]; write: number[] };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }).map((picks): Step => ({ kind: 'write', picks })), weight: 2 },
  { arbitrary: fc.array(fc.nat(), { minLength: 1, maxLength: 8 }).map((picks): Step => ({ kind: 'eval', picks })), weight: 3 },
  { arbitrary: fc.record({ picks: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), write: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }) }).map((r): Step => ({ kind: 'race', ...r })), weight: 1 },
);

const tupleId = (t: TupleKey) => `${t.object}#${t.relation}@${t.user}`;

function queriesOf(model: AuthorizationModel) {
  return model.type_definitions.flatMap((def) =>
    Object.keys(def.relations ?? {}).flatMap((relation) =>
      ['1', '2'].flatMap((id) => ['user:1', 'user:2', 'user:*', 'a:1#r1', 'b:2#s1'].map((user) => ({ object: `${def.type}:${id}`, relation, user }))),
    ),
  );
}

async function answer(engine: Engine, tuples: Iterable<TupleKey>, request: { object: string; relation: string; user: string }, subResults?: SubResults): Promise<string> {
  try {
    return String((await engine.check(new ArrayTupleReader([...tuples]), request, { subResults })).allowed);
  } catch (error) {
    return `error ${(error as { code?: number }).code ?? ''}`;
  }
}

/** Holds a session's stores back until `flush`, as a slow evaluation would. */
function delayed(inner: SubResults): SubResults & { flush(): void } {
  const pending: Parameters<SubResults['set']>[] = [];
  return { get: (...args) => inner.get(...args), set: (...args) => void pending.push(args), flush: () => pending.splice(0).forEach((args) => inner.set(...args)) };
}

describe('sub-result reuse against evaluation from scratch', () => {
  it('gives the same answers as the engine without it, across writes, races and evictions', async () => {
    const stats = { compared: 0, hits: 0, stored: 0 };
    await fc.assert(
      fc.asyncProperty(modelArb, fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 4 }), fc.array(fc.nat(), { maxLength: 16 }), fc.array(stepArb, { minLength: 8, maxLength: 30 }), async (model, lruSize, floors, seed, steps) => {
        const store = 'sub-prop';
        const versioned = { ...model, id: '01JSUBPROPMODEL000000000000' };
        const engine = new Engine(model);
        const cache = createDecisionCache({ subResultMaxEntries: lruSize, objectFloorMaxEntries: floors });
        try {
          const candidates = [...new Map(candidateTuples(model).map((t) => [tupleId(t), t])).values()];
          const queries = queriesOf(model);
          const tuples = new Map(seed.map((p) => candidates[p % candidates.length]).map((t) => [tupleId(t), t]));
          let revision = 0n;
          const write = (picks: number[]) => {
            const touched = [...new Map(picks.map((p) => candidates[p % candidates.length]).map((t) => [tupleId(t), t])).values()];
            for (const t of touched) {
              if (tuples.has(tupleId(t))) tuples.delete(tupleId(t));
              else tuples.set(tupleId(t), t);
            }
            revision += 1n;
            cache.recordWrite(store, { revision, tuples: touched });
          };
          for (const step of steps) {
            if (step.kind === 'write') {
              write(step.picks);
            } else if (step.kind === 'eval') {
              for (const pick of step.picks) {
                const request = queries[pick % queries.length];
                const reused = await answer(engine, tuples.values(), request, cache.subResults(store, versioned));
                const fresh = await answer(engine, tuples.values(), request);
                stats.compared++;
                expect(reused, `${request.object}#${request.relation}@${request.user} at ${revision}`).toBe(fresh);
              }
            } else {
              // Stamped and read before the write; stored after it was recorded.
              const before = [...tuples.values()];
              const sessions = step.picks.map(() => delayed(cache.subResults(store, versioned) as SubResults));
              await Promise.all(step.picks.map((pick, i) => answer(engine, before, queries[pick % queries.length], sessions[i])));
              write(step.write);
              for (const session of sessions) session.flush();
            }
          }
          const s = cache.subResultStats();
          stats.hits += s.hits;
          stats.stored += s.stored;
        } finally {
          await cache.close();
        }
      }),
      { numRuns: 150 },
    );
    expect(stats.hits).toBeGreaterThan(500);
    console.log(`[cache] sub-result property: ${stats.compared} answers compared, ${stats.stored} sub-results stored, ${stats.hits} reused, all equal`);
  });

  it('is not used for relations a condition can change, nor with contextual tuples', async () => {
    const conditional: AuthorizationModel = {
      schema_version: '1.1',
      type_definitions: [
        { type: 'user' },
        {
          type: 'doc',
          relations: { viewer: { this: {} }, reader: { computedUserset: { relation: 'viewer' } }, owner: { this: {} } },
          metadata: { relations: { viewer: { directly_related_user_types: [{ type: 'user', condition: 'open' }] }, owner: { directly_related_user_types: [{ type: 'user' }] } } },
        },
      ],
      conditions: { open: { name: 'open', expression: 'flag', parameters: { flag: { type_name: 'TYPE_NAME_BOOL' } } } },
    };
    const engine = new Engine(conditional);
    expect(engine.model.isConditionFree('doc', 'reader')).toBe(false);
    expect(engine.model.isConditionFree('doc', 'owner')).toBe(true);
    const cache = createDecisionCache({});
    const versioned = { ...conditional, id: '01JSUBPROPMODEL000000000001' };
    const reader = new ArrayTupleReader([{ object: 'doc:1', relation: 'viewer', user: 'user:a', condition: { name: 'open' } }]);
    const ask = (context: Record<string, unknown>) => engine.check(reader, { object: 'doc:1', relation: 'reader', user: 'user:a', context }, { subResults: cache.subResults('s', versioned) });
    expect((await ask({ flag: true })).allowed).toBe(true);
    expect((await ask({ flag: false })).allowed).toBe(false);
    expect(cache.subResultStats()).toMatchObject({ hits: 0, stored: 0 });
    const owner = { object: 'doc:1', relation: 'owner', user: 'user:a' };
    const contextual = [{ object: 'doc:1', relation: 'owner', user: 'user:a' }];
    expect((await engine.check(reader, { ...owner, contextualTuples: contextual }, { subResults: cache.subResults('s', versioned) })).allowed).toBe(true);
    expect((await engine.check(reader, owner, { subResults: cache.subResults('s', versioned) })).allowed).toBe(false);
    expect(cache.subResultStats()).toMatchObject({ hits: 0, stored: 1 });
    await cache.close();
  });
});
