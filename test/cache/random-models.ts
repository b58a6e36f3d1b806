// Random small models over two object types linked both ways by tupleset relations, the tuples
// they admit, and the engine's answers: the property tests of the dependency graph and of the
// invalidation state compare the cache's claims with these brute-force answers.
import fc from 'fast-check';
import type { Engine } from '../../src/engine/index.js';
import type { AuthorizationModel, RelationReference, TupleKey, Userset } from '../../src/model/index.js';
import { ArrayTupleReader } from '../helpers/array-tuple-reader.js';
import { typeDef } from './model-fixtures.js';

// Two object types linked both ways by pure tupleset relations, each with random relations.
export const layout = {
  a: { tupleset: 'p', parent: 'b', relations: ['r1', 'r2', 'r3'] },
  b: { tupleset: 'q', parent: 'a', relations: ['s1', 's2'] },
} as const;
export type ObjType = keyof typeof layout;
export const objTypes: ObjType[] = ['a', 'b'];

const userRefs: RelationReference[] = [
  { type: 'user' },
  { type: 'user', wildcard: {} },
  ...objTypes.flatMap((t) => layout[t].relations.map((relation) => ({ type: t, relation }))),
];

export type Leaf = { kind: 'this' } | { kind: 'computed'; pick: number } | { kind: 'ttu'; pick: number };
export type Rewrite = { leaf: Leaf } | { op: 'union' | 'intersection' | 'difference'; left: Leaf; right: Leaf };

const leafArb: fc.Arbitrary<Leaf> = fc.oneof(
  fc.constant<Leaf>({ kind: 'this' }),
  fc.nat().map((pick): Leaf => ({ kind: 'computed', pick })),
  fc.nat().map((pick): Leaf => ({ kind: 'ttu', pick })),
);
const rewriteArb: fc.Arbitrary<Rewrite> = fc.oneof(
  leafArb.map((leaf): Rewrite => ({ leaf })),
  fc.record({ op: fc.constantFrom('union' as const, 'intersection' as const, 'difference' as const), left: leafArb, right: leafArb }),
);
export const relationSpecArb = fc.record({ rewrite: rewriteArb, direct: fc.uniqueArray(fc.integer({ min: 0, max: userRefs.length - 1 }), { minLength: 1, maxLength: 3 }) });

export function buildModel(specs: Record<string, { rewrite: Rewrite; direct: number[] }>): AuthorizationModel {
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
export function candidateTuples(model: AuthorizationModel): TupleKey[] {
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

/** `type#relation` of every random relation. */
export const specKeys = objTypes.flatMap((t) => layout[t].relations.map((r) => `${t}#${r}`));

/** A random model of the layout. */
export const modelArb: fc.Arbitrary<AuthorizationModel> = fc.record(Object.fromEntries(specKeys.map((k) => [k, relationSpecArb]))).map(buildModel);

/** Users checked by default: plain users (userset users are asked for explicitly). */
export const plainUsers = ['user:1', 'user:2'];

/** Userset users, which the engine resolves through its own paths. */
export const usersetUsers = ['a:1#r1', 'b:2#s1'];

/**
 * The engine's answer ('true', 'false' or 'error <code>') for every relation of the model on
 * objects 1 and 2 and each of `users`, keyed `type#relation|type:id@user`.
 */
export async function answers(engine: Engine, model: AuthorizationModel, tuples: TupleKey[], users: readonly string[] = plainUsers): Promise<Map<string, string>> {
  const reader = new ArrayTupleReader(tuples);
  const result = new Map<string, string>();
  for (const def of model.type_definitions) {
    for (const relation of Object.keys(def.relations ?? {})) {
      for (const id of ['1', '2']) {
        for (const user of users) {
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

