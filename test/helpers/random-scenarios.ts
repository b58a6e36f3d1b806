// Random small models (union, intersection, exclusion, TTU, nested usersets, wildcards,
// conditions) and tuples that fit them, for the property tests that compare the list and
// explain walks with Check.
import fc from 'fast-check';
import type { AuthorizationModel, RelationReference, TupleKey, Userset } from '../../src/model/index.js';
import type { TupleReader } from '../../src/engine/index.js';
import type { ArrayTupleReader } from './array-tuple-reader.js';

export const users = ['user:u0', 'user:u1', 'user:u2'];
export const docs = ['d0', 'd1', 'd2'];
export const folders = ['f0', 'f1'];
export const groups = ['g0', 'g1'];
export const docRelations = ['r0', 'r1', 'r2', 'r3'];

/** Direct type restrictions a relation may get. */
const refChoices: RelationReference[] = [
  { type: 'user' },
  { type: 'user', wildcard: {} },
  { type: 'group', relation: 'member' },
  { type: 'user', condition: 'small' },
];

const refsArb = fc.subarray(refChoices, { minLength: 1 });

/** A rewrite for doc relation number `index`: computed edges only point to earlier relations (no computed cycles). */
function rewriteArb(index: number): fc.Arbitrary<Userset> {
  const leaves: fc.Arbitrary<Userset>[] = [
    fc.constant<Userset>({ this: {} }),
    fc.constantFrom<Userset>(
      { tupleToUserset: { tupleset: { relation: 'parent' }, computedUserset: { relation: 'viewer' } } },
      { tupleToUserset: { tupleset: { relation: 'parent' }, computedUserset: { relation: 'owner' } } },
    ),
  ];
  if (index > 0) leaves.push(fc.integer({ min: 0, max: index - 1 }).map((j): Userset => ({ computedUserset: { relation: docRelations[j] } })));
  const leaf = fc.oneof(...leaves);
  const pair = fc.tuple(leaf, leaf);
  return fc.oneof(
    { arbitrary: leaf, weight: 2 },
    { arbitrary: pair.map(([a, b]): Userset => ({ union: { child: [a, b] } })), weight: 2 },
    { arbitrary: pair.map(([a, b]): Userset => ({ intersection: { child: [a, b] } })), weight: 1 },
    { arbitrary: pair.map(([a, b]): Userset => ({ difference: { base: a, subtract: b } })), weight: 1 },
  );
}

const folderViewerArb = fc.constantFrom<Userset>(
  { union: { child: [{ this: {} }, { computedUserset: { relation: 'owner' } }, { tupleToUserset: { tupleset: { relation: 'parent' }, computedUserset: { relation: 'viewer' } } }] } },
  { difference: { base: { this: {} }, subtract: { computedUserset: { relation: 'owner' } } } },
  { intersection: { child: [{ this: {} }, { computedUserset: { relation: 'owner' } }] } },
  { union: { child: [{ this: {} }, { tupleToUserset: { tupleset: { relation: 'parent' }, computedUserset: { relation: 'viewer' } } }] } },
);

const modelArb: fc.Arbitrary<AuthorizationModel> = fc
  .record({
    memberRefs: refsArb,
    folderViewer: folderViewerArb,
    folderViewerRefs: refsArb,
    rewrites: fc.tuple(...docRelations.map((_, i) => rewriteArb(i))),
    refs: fc.tuple(...docRelations.map(() => refsArb)),
  })
  .map(({ memberRefs, folderViewer, folderViewerRefs, rewrites, refs }): AuthorizationModel => ({
    schema_version: '1.1',
    type_definitions: [
      { type: 'user' },
      {
        type: 'group',
        relations: { member: { this: {} } },
        metadata: { relations: { member: { directly_related_user_types: memberRefs } } },
      },
      {
        type: 'folder',
        relations: { parent: { this: {} }, owner: { this: {} }, viewer: folderViewer },
        metadata: {
          relations: {
            parent: { directly_related_user_types: [{ type: 'folder' }] },
            owner: { directly_related_user_types: [{ type: 'user' }, { type: 'group', relation: 'member' }] },
            viewer: { directly_related_user_types: folderViewerRefs },
          },
        },
      },
      {
        type: 'doc',
        relations: { parent: { this: {} }, ...Object.fromEntries(docRelations.map((r, i) => [r, rewrites[i]])) },
        metadata: {
          relations: {
            parent: { directly_related_user_types: [{ type: 'folder' }] },
            ...Object.fromEntries(docRelations.map((r, i) => [r, { directly_related_user_types: refs[i] }])),
          },
        },
      },
    ],
    conditions: {
      small: { name: 'small', expression: 'x < 5', parameters: { x: { type_name: 'TYPE_NAME_INT' } } },
    },
  }));

/** A user value that fits one restriction. */
function userFor(ref: RelationReference, pick: number): TupleKey['user'] {
  if (ref.wildcard) return 'user:*';
  if (ref.relation) return `group:${groups[pick % groups.length]}#member`;
  return users[pick % users.length];
}

function tuplesArb(model: AuthorizationModel): fc.Arbitrary<TupleKey[]> {
  const slots: { type: string; ids: string[]; relation: string; refs: RelationReference[] }[] = [];
  for (const def of model.type_definitions) {
    for (const [relation, meta] of Object.entries(def.metadata?.relations ?? {})) {
      const ids = def.type === 'doc' ? docs : def.type === 'folder' ? folders : groups;
      slots.push({ type: def.type, ids, relation, refs: meta.directly_related_user_types ?? [] });
    }
  }
  const tuple = fc
    .record({ slot: fc.integer({ min: 0, max: slots.length - 1 }), object: fc.nat(), ref: fc.nat(), user: fc.nat(), x: fc.integer({ min: 0, max: 9 }) })
    .map(({ slot, object, ref, user, x }): TupleKey => {
      const s = slots[slot];
      const restriction = s.refs[ref % s.refs.length];
      const key: TupleKey = { object: `${s.type}:${s.ids[object % s.ids.length]}`, relation: s.relation, user: '' };
      if (s.relation === 'parent') key.user = `folder:${folders[user % folders.length]}`;
      else key.user = userFor(restriction, user);
      if (restriction?.condition && s.relation !== 'parent') key.condition = { name: restriction.condition, context: { x } };
      return key;
    });
  return fc.array(tuple, { maxLength: 14 });
}

// `plain`: a reader with only the required methods, so that the one-read-per-call fallbacks of
// the optional multi-reads answer too.
export const scenarioArb = modelArb.chain((model) => fc.record({ tuples: tuplesArb(model), plain: fc.boolean() }).map(({ tuples, plain }) => ({ model, tuples, plain })));

export function plainReader(inner: ArrayTupleReader): TupleReader {
  return { readByObjects: (q) => inner.readByObjects(q), readByUsers: (q) => inner.readByUsers(q) };
}

