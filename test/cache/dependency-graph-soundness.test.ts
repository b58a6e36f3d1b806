// Property: for random models and tuple sets, a tuple write changes the engine's answer only for
// relations that the dependency graph says the write affects. That is the claim invalidation
// rests on (an unsound graph would serve stale decisions), checked against the real engine.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildDependencyGraph, relationKey } from '../../src/cache/index.js';
import { Engine } from '../../src/engine/index.js';
import type { AuthorizationModel, RelationReference, TupleKey, Userset } from '../../src/model/index.js';
import { ArrayTupleReader } from '../helpers/array-tuple-reader.js';
import { typeDef } from './model-fixtures.js';

// Two object types linked both ways by pure tupleset relations, each with random relations.
const layout = {
  a: { tupleset: 'p', parent: 'b', relations: ['r1', 'r2', 'r3'] },
  b: { tupleset: 'q', parent: 'a', relations: ['s1', 's2'] },
} as const;
type ObjType = keyof typeof layout;
const objTypes: ObjType[] = ['a', 'b'];

const userRefs: RelationReference[] = [
  { type: 'user' },
  { type: 'user', wildcard: {} },
  ...objTypes.flatMap((t) => layout[t].relations.map((relation) => ({ type: t, relation }))),
];

type Leaf = { kind: 'this' } | { kind: 'computed'; pick: number } | { kind: 'ttu'; pick: number };
type Rewrite = { leaf: Leaf } | { op: 'union' | 'intersection' | 'difference'; left: Leaf; right: Leaf };

const leafArb: fc.Arbitrary<Leaf> = fc.oneof(
  fc.constant<Leaf>({ kind: 'this' }),
  fc.nat().map((pick): Leaf => ({ kind: 'computed', pick })),
  fc.nat().map((pick): Leaf => ({ kind: 'ttu', pick })),
);
const rewriteArb: fc.Arbitrary<Rewrite> = fc.oneof(
  leafArb.map((leaf): Rewrite => ({ leaf })),
  fc.record({ op: fc.constantFrom('union' as const, 'intersection' as const, 'difference' as const), left: leafArb, right: leafArb }),
);
const relationSpecArb = fc.record({ rewrite: rewriteArb, direct: fc.uniqueArray(fc.integer({ min: 0, max: userRefs.length - 1 }), { minLength: 1, maxLength: 3 }) });

function buildModel(specs: Record<string, { rewrite: Rewrite; direct: number[] }>): AuthorizationModel {
  const defs = objTypes.map((type) => {
    const { tupleset, parent, relations } = layout[type];
    const entries: Record<string, [Userset, RelationReference[]?]> = { [tupleset]: [{ this: {} }, [{ type: parent }]] };
    for (const relation of relations) {
      const spec = specs[`${type}#${relation}`];
      const others = relations.filter((r) => r !== relation);
      let usesThis = false;
      const leaf = (l: Leaf): Userset => {
        if (l.kind === 'computed' && others.length > 0) return { computedUserset: { relation: others[l.pick % others.length] } };
        if (l.kind === 'ttu') {
          const parentRelations = layout[parent].relations;
          return { tupleToUserset: { tupleset: { relation: tupleset }, computedUserset: { relation: parentRelations[l.pick % parentRelations.length] } } };
        }
        usesThis = true;
        return { this: {} };
      };
      const rw = spec.rewrite;
      let userset: Userset;
      if ('leaf' in rw) userset = leaf(rw.leaf);
      else {
        const left = leaf(rw.left);
        // At most one direct-assignment leaf per relation, as in the DSL.
        const right = 'this' in left && rw.right.kind === 'this' ? leaf({ kind: 'ttu', pick: 0 }) : leaf(rw.right);
        userset = rw.op === 'difference' ? { difference: { base: left, subtract: right } } : rw.op === 'union' ? { union: { child: [left, right] } } : { intersection: { child: [left, right] } };
      }
      entries[relation] = [userset, usesThis ? spec.direct.map((i) => userRefs[i]) : []];
    }
    return typeDef(type, entries);
  });
  return { schema_version: '1.1', type_definitions: [typeDef('user'), ...defs] };
}

/** Every tuple the model admits over ids {1,2}: direct relations and tuplesets. */
function candidateTuples(model: AuthorizationModel): TupleKey[] {
  const out: TupleKey[] = [];
  for (const def of model.type_definitions) {
    for (const [relation, meta] of Object.entries(def.metadata?.relations ?? {})) {
      for (const ref of meta.directly_related_user_types ?? []) {
        for (const id of ['1', '2']) {
          const users = ref.wildcard ? [`${ref.type}:*`] : ref.relation ? ['1', '2'].map((u) => `${ref.type}:${u}#${ref.relation}`) : ['1', '2'].map((u) => `${ref.type}:${u}`);
          for (const user of users) out.push({ object: `${def.type}:${id}`, relation, user });
        }
      }
    }
  }
  return out;
}

async function answers(engine: Engine, model: AuthorizationModel, tuples: TupleKey[]): Promise<Map<string, string>> {
  const reader = new ArrayTupleReader(tuples);
  const result = new Map<string, string>();
  for (const def of model.type_definitions) {
    for (const relation of Object.keys(def.relations ?? {})) {
      for (const id of ['1', '2']) {
        for (const user of ['user:1', 'user:2']) {
          let answer: string;
          try {
            answer = String((await engine.check(reader, { object: `${def.type}:${id}`, relation, user })).allowed);
          } catch (error) {
            answer = `error ${(error as { code?: number }).code ?? ''}`;
          }
          result.set(`${def.type}#${relation}|${def.type}:${id}@${user}`, answer);
        }
      }
    }
  }
  return result;
}

describe('dependency graph soundness against the engine', () => {
  it('a write changes answers only of relations in affectedBy(written relation)', async () => {
    const specKeys = objTypes.flatMap((t) => layout[t].relations.map((r) => `${t}#${r}`));
    let changedCases = 0;
    let answersSeen = 0;
    let errorsSeen = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.record(Object.fromEntries(specKeys.map((k) => [k, relationSpecArb]))),
        fc.array(fc.nat(), { maxLength: 12 }),
        fc.nat(),
        async (specs, picks, writePick) => {
          const model = buildModel(specs);
          const candidates = candidateTuples(model);
          const base = [...new Map(picks.map((p) => candidates[p % candidates.length]).map((t) => [`${t.object}#${t.relation}@${t.user}`, t])).values()];
          const write = candidates[writePick % candidates.length];
          const engine = new Engine(model);
          const before = await answers(engine, model, base);
          const after = await answers(engine, model, [...base, write]);
          const affected = buildDependencyGraph(model).affectedBy(relationKey(write.object.split(':')[0], write.relation));
          for (const [key, answer] of before) {
            answersSeen++;
            if (answer.startsWith('error')) errorsSeen++;
            if (after.get(key) === answer) continue;
            changedCases++;
            const relation = key.split('|')[0];
            expect(affected, `write ${write.object}#${write.relation}@${write.user} changed ${key}`).toContain(relation);
          }
        },
      ),
      { numRuns: 300 },
    );
    // The property must have been exercised, not vacuously true.
    expect(changedCases).toBeGreaterThan(20);
    console.log(`[cache] dependency graph soundness: 300 random models, ${answersSeen} answers (${errorsSeen} errors), ${changedCases} changed by the write, all predicted`);
  });
});
