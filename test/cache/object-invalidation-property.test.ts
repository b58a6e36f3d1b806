// Property: with random models (one or two per store), random writes and deletes, invalidations
// applied in any order (pub/sub and the changelog poller can deliver them late and out of
// order) and a tiny bound on object floors (so that they are evicted all the time), once every
// invalidation has been applied no servable entry disagrees with the engine's current answer.
// Entries are stamped and evaluated like the cached checker does: stamp first, then read.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { relationKey } from '../../src/cache/index.js';
import { InvalidationState, writtenRelations } from '../../src/cache/invalidation-state.js';
import type { CacheEntry } from '../../src/cache/cache-entry.js';
import { Engine } from '../../src/engine/index.js';
import type { AuthorizationModel, TupleKey } from '../../src/model/index.js';
import { ArrayTupleReader } from '../helpers/array-tuple-reader.js';
import { candidateTuples, modelArb } from './random-models.js';

type Step = { kind: 'write'; picks: number[] } | { kind: 'apply'; pick: number } | { kind: 'eval'; picks: number[] } | { kind: 'sync'; order: number[] };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.array(fc.nat(), { minLength: 1, maxLength: 3 }).map((picks): Step => ({ kind: 'write', picks })),
  fc.nat().map((pick): Step => ({ kind: 'apply', pick })),
  fc.array(fc.nat(), { minLength: 1, maxLength: 6 }).map((picks): Step => ({ kind: 'eval', picks })),
  fc.array(fc.nat(), { maxLength: 8 }).map((order): Step => ({ kind: 'sync', order })),
);

interface Query {
  model: number;
  relation: string;
  objectId: string;
  request: { object: string; relation: string; user: string };
}

const tupleId = (t: TupleKey) => `${t.object}#${t.relation}@${t.user}`;

function queriesOf(models: AuthorizationModel[]): Query[] {
  return models.flatMap((model, index) =>
    model.type_definitions.flatMap((def) =>
      Object.keys(def.relations ?? {}).flatMap((relation) =>
        ['1', '2'].flatMap((objectId) =>
          ['user:1', 'user:2', 'a:1#r1'].map((user) => ({ model: index, relation: relationKey(def.type, relation), objectId, request: { object: `${def.type}:${objectId}`, relation, user } })),
        ),
      ),
    ),
  );
}

async function answer(engine: Engine, tuples: Map<string, TupleKey>, query: Query): Promise<boolean | undefined> {
  try {
    return (await engine.check(new ArrayTupleReader([...tuples.values()]), query.request)).allowed;
  } catch {
    return undefined; // an error is never cached
  }
}

describe('object-scoped invalidation against brute force', () => {
  it('after every invalidation is applied, a servable entry always equals the current answer', async () => {
    const stats = { checked: 0, servable: 0, servableAcrossWrites: 0, stale: 0 };
    await fc.assert(
      fc.asyncProperty(modelArb, fc.option(modelArb, { nil: undefined }), fc.integer({ min: 1, max: 6 }), fc.array(fc.nat(), { maxLength: 16 }), fc.array(stepArb, { minLength: 10, maxLength: 40 }), async (first, second, bound, seed, steps) => {
        const store = 'prop-store';
        const models = second ? [first, second] : [first];
        const ids = models.map((_, i) => `01JPROPMODEL00000000000${i}`);
        const engines = models.map((model) => new Engine(model));
        const state = new InvalidationState({ stalenessBoundMs: 1_000, storeIdleMs: 60_000, localOnly: true, objectFloorMaxEntries: bound, now: () => 1_000 });
        models.forEach((model, i) => state.useModel(store, { ...model, id: ids[i] }));
        const candidates = [...new Map(models.flatMap(candidateTuples).map((t) => [tupleId(t), t])).values()];
        const queries = queriesOf(models);
        // The store's tuples before any entry (revision 0).
        const tuples = new Map(seed.map((p) => candidates[p % candidates.length]).map((t) => [tupleId(t), t]));
        const pending: { revision: bigint; touched: TupleKey[] }[] = [];
        const entries = new Map<Query, { allowed: boolean; entry: CacheEntry }>();
        let revision = 0n;

        const apply = (index: number) => {
          const [change] = pending.splice(index, 1);
          state.applyWrite(store, change.revision, writtenRelations(change.touched).written);
        };
        /** Applies what is pending (in the given order, then newest first), then compares every entry. */
        const verify = async (order: number[]) => {
          for (const pick of order) if (pending.length > 0) apply(pick % pending.length);
          while (pending.length > 0) apply(pending.length - 1);
          for (const [query, cached] of entries) {
            stats.checked++;
            const now = await answer(engines[query.model], tuples, query);
            if (now !== cached.allowed) stats.stale++;
            if (!state.isServable(store, ids[query.model], query.relation, query.objectId, cached.entry)) continue;
            stats.servable++;
            if (cached.entry.revision < revision) stats.servableAcrossWrites++;
            expect(now, `${query.request.object}#${query.request.relation}@${query.request.user} (model ${query.model}) at ${cached.entry.revision}`).toBe(cached.allowed);
          }
        };

        for (const step of steps) {
          if (step.kind === 'write') {
            // One Write: several tuples, each added when absent and deleted when present.
            const touched = [...new Map(step.picks.map((p) => candidates[p % candidates.length]).map((t) => [tupleId(t), t])).values()];
            for (const t of touched) {
              if (tuples.has(tupleId(t))) tuples.delete(tupleId(t));
              else tuples.set(tupleId(t), t);
            }
            revision += 1n;
            pending.push({ revision, touched });
          } else if (step.kind === 'apply') {
            if (pending.length > 0) apply(step.pick % pending.length);
          } else if (step.kind === 'eval') {
            for (const pick of step.picks) {
              const query = queries[pick % queries.length];
              const stamp = state.stampRevision(store);
              const allowed = await answer(engines[query.model], tuples, query);
              if (allowed !== undefined) entries.set(query, { allowed, entry: { allowed, revision: stamp, computedAt: 1_000 } });
            }
          } else {
            await verify(step.order);
          }
        }
        await verify([]);
      }),
      { numRuns: 200 },
    );
    // Exercised both ways: entries kept across later writes (object scope pays off), stale ones rejected.
    expect(stats.servableAcrossWrites).toBeGreaterThan(100);
    expect(stats.stale).toBeGreaterThan(50);
    console.log(
      `[cache] object invalidation property: ${stats.checked} entry checks, ${stats.servable} servable (${stats.servableAcrossWrites} older than the latest write), all current; ${stats.stale} stale, none served`,
    );
  });
});
