// Property: over random small models (union, intersection, exclusion, TTU, nested usersets,
// wildcards, conditions) and random tuples, ListObjects returns exactly the objects for which
// Check is true, and ListUsers lists exactly the users Check allows. Seeded, so a failure
// replays with the printed seed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ArrayTupleReader } from '../../../test/helpers/array-tuple-reader.js';
import { Engine } from '../engine.js';
import { formatListedUser } from './list-users.js';
import { docRelations, docs, folders, groups, plainReader, scenarioArb, users } from '../../../test/helpers/random-scenarios.js';

describe('ListObjects and ListUsers agree with Check', () => {
  it('on random models and tuples', { timeout: 60_000 }, async () => {
    const seed = Number(process.env.RELATA_PROPERTY_SEED ?? 20261125);
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(scenarioArb, async ({ model, tuples, plain }) => {
        const engine = new Engine(model);
        const reader = plain ? plainReader(new ArrayTupleReader(tuples)) : new ArrayTupleReader(tuples);
        for (const user of [...users, 'group:g0#member']) {
          for (const relation of [...docRelations, 'viewer']) {
            const type = relation === 'viewer' ? 'folder' : 'doc';
            const ids = type === 'doc' ? docs : folders;
            const expected: string[] = [];
            for (const id of ids) if ((await engine.check(reader, { object: `${type}:${id}`, relation, user })).allowed) expected.push(`${type}:${id}`);
            const listed = (await engine.listObjects(reader, { type, relation, user })).objects;
            expect([...listed].sort(), `ListObjects ${type}#${relation}@${user}`).toEqual(expected);
            compared++;
          }
        }
        for (const id of docs) {
          for (const relation of docRelations) {
            const object = `doc:${id}`;
            const listed = new Set((await engine.listUsers(reader, { object, relation, userFilters: [{ type: 'user' }] })).users.map(formatListedUser));
            for (const user of users) {
              const { allowed } = await engine.check(reader, { object, relation, user });
              // A listed wildcard stands for every user; an excluded one then still shows as `user:*`.
              if (allowed) expect(listed.has(user) || listed.has('user:*'), `ListUsers ${object}#${relation} misses ${user}`).toBe(true);
              else expect(listed.has(user), `ListUsers ${object}#${relation} lists ${user}`).toBe(false);
            }
            const usersets = new Set((await engine.listUsers(reader, { object, relation, userFilters: [{ type: 'group', relation: 'member' }] })).users.map(formatListedUser));
            for (const group of groups) {
              const userset = `group:${group}#member`;
              const { allowed } = await engine.check(reader, { object, relation, user: userset });
              expect(usersets.has(userset), `ListUsers ${object}#${relation} with ${userset}`).toBe(allowed);
            }
            compared++;
          }
        }
      }),
      { seed, numRuns: 250, verbose: 1 },
    );
    console.log(`[property] ${compared} list answers compared with Check (seed ${seed})`);
  });
});
