import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TupleKey } from '../../model/index.js';
import { ArrayTupleReader, toTuple } from '../../../test/helpers/array-tuple-reader.js';
import { snapshotReader, type UndoableChange } from './snapshot-reader.js';
import { formatTuple, type RelationTuple } from '../../model/index.js';
import { type TupleReader } from './tuple-reader.js';

const docs = ['doc:1', 'doc:2', 'doc:3'];
const users = ['user:anne', 'user:bob', 'user:*', 'group:eng#member'];
const relations = ['viewer', 'editor'];

/** Every tuple a reader shows for the fixed universe, by read method (each must see all of them). */
async function everything(reader: TupleReader): Promise<Record<string, string[]>> {
  const ids = docs.map((d) => d.slice('doc:'.length));
  const userReads = relations.flatMap((relation) => [
    { objectType: 'doc', relation, userType: 'user', userRelation: '', userIds: ['anne', 'bob', '*'] },
    { objectType: 'doc', relation, userType: 'group', userRelation: 'member', userIds: ['eng'] },
  ]);
  const byMethod: Record<string, RelationTuple[]> = {
    readByObjects: (await Promise.all(relations.map((relation) => reader.readByObjects({ objectType: 'doc', objectIds: ids, relation })))).flat(),
    readByUsers: (await Promise.all(userReads.map((read) => reader.readByUsers(read)))).flat(),
  };
  if (reader.readManyByObjects) byMethod.readManyByObjects = await reader.readManyByObjects(relations.map((relation) => ({ objectType: 'doc', relation, objectIds: ids })));
  if (reader.readManyByUsers) byMethod.readManyByUsers = await reader.readManyByUsers(userReads);
  if (reader.readRelationsByObjects) {
    byMethod.readRelationsByObjects = await reader.readRelationsByObjects({ objectType: 'doc', objectIds: ids, relations: relations.map((relation) => ({ relation })) });
  }
  return Object.fromEntries(Object.entries(byMethod).map(([method, tuples]) => [method, tuples.map(show).sort()]));
}

const show = (t: RelationTuple) => `${formatTuple(t)} ${t.conditionName ?? ''}`;

const keyArb = fc.record({ object: fc.constantFrom(...docs), relation: fc.constantFrom(...relations), user: fc.constantFrom(...users) });
const opArb = fc.record({ key: keyArb, conditioned: fc.boolean() });

describe('snapshotReader', () => {
  it('shows the store as it was at any earlier revision (random histories)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { maxLength: 40 }), fc.nat(), async (ops, cut) => {
        // Apply the history: a write where the tuple is absent, else a delete (what storage allows).
        const state = new Map<string, TupleKey>();
        const snapshots: TupleKey[][] = [[]];
        const changes: UndoableChange[] = [];
        ops.forEach((op, i) => {
          const id = `${op.key.object}#${op.key.relation}@${op.key.user}`;
          const present = state.get(id);
          const revision = BigInt(i + 1);
          if (present) {
            state.delete(id);
            changes.push({ tuple: toTuple(present), operation: 'delete', revision });
          } else {
            const key: TupleKey = op.conditioned ? { ...op.key, condition: { name: 'c' } } : op.key;
            state.set(id, key);
            changes.push({ tuple: toTuple(key), operation: 'write', revision });
          }
          snapshots.push([...state.values()]);
        });
        const at = cut % snapshots.length;
        const current = new ArrayTupleReader([...state.values()]);
        const reader = snapshotReader(current, changes.filter((c) => c.revision > BigInt(at)));
        expect(await everything(reader)).toEqual(await everything(new ArrayTupleReader(snapshots[at])));
      }),
      { seed: 7, numRuns: 300 },
    );
  });

  it('undoes a condition replaced by delete-then-write in one revision', async () => {
    const before: TupleKey = { object: 'doc:1', relation: 'viewer', user: 'user:anne', condition: { name: 'old' } };
    const after: TupleKey = { ...before, condition: { name: 'new' } };
    const reader = snapshotReader(new ArrayTupleReader([after]), [
      { tuple: toTuple(after), operation: 'write', revision: 5n },
      { tuple: toTuple(before), operation: 'delete', revision: 5n },
    ]);
    for (const tuples of Object.values(await everything(reader))) expect(tuples).toEqual(['doc:1#viewer@user:anne old']);
  });
});
