// Property: over the random models and tuples of ListObjects' property test, a permission
// snapshot lists exactly the object#relation pairs Check allows, ListRelations exactly the
// relations Check allows, and Explain's verdict (and error code) is Check's.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ArrayTupleReader } from '../../../test/helpers/array-tuple-reader.js';
import { RelataError } from '../../model/index.js';
import { Engine } from '../engine.js';
import { docs, folders, groups, plainReader, scenarioArb, users } from '../../../test/helpers/random-scenarios.js';

const ids: Record<string, string[]> = { doc: docs, folder: folders, group: groups, user: [] };

async function verdict(run: () => Promise<{ allowed: boolean; error?: RelataError }>): Promise<string> {
  try {
    const result = await run();
    return result.error ? `error ${result.error.code}` : String(result.allowed);
  } catch (error) {
    if (error instanceof RelataError) return `error ${error.code}`;
    throw error;
  }
}

describe('permission snapshots, ListRelations and Explain agree with Check', () => {
  it('on random models and tuples', { timeout: 120_000 }, async () => {
    const seed = Number(process.env.RELATA_PROPERTY_SEED ?? 20261203);
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(scenarioArb, async ({ model, tuples, plain }) => {
        const engine = new Engine(model);
        const reader = plain ? plainReader(new ArrayTupleReader(tuples)) : new ArrayTupleReader(tuples);
        for (const user of [...users, 'group:g0#member']) {
          const context = { x: 3 };
          const expected: string[] = [];
          const failures: string[] = [];
          for (const def of model.type_definitions) {
            for (const relation of Object.keys(def.relations ?? {})) {
              for (const id of ids[def.type] ?? []) {
                const object = `${def.type}:${id}`;
                const checked = await verdict(() => engine.check(reader, { object, relation, user, context }));
                if (checked === 'true') expected.push(`${object}#${relation}`);
                if (checked.startsWith('error')) failures.push(`${object}#${relation}`);
                const explained = await verdict(() => engine.explain(reader, { object, relation, user, context }));
                expect(explained, `Explain ${object}#${relation}@${user}`).toBe(checked);
                compared++;
              }
            }
          }
          const snapshot = await engine.listPermissionsSorted(reader, { user, context }, { deadlineMs: 0 });
          expect(snapshot.objects.filter((k) => !failures.includes(k)), `snapshot of ${user}`).toEqual([...expected].sort());
          for (const id of docs) {
            const object = `doc:${id}`;
            const relations = await engine.listRelations(reader, { object, user, context });
            const allowed = expected.filter((k) => k.startsWith(`${object}#`)).map((k) => k.slice(object.length + 1));
            expect([...relations.relations].sort(), `ListRelations ${object}@${user}`).toEqual(allowed.sort());
          }
        }
      }),
      { seed, numRuns: 150, verbose: 1 },
    );
    console.log(`[property] ${compared} explanations compared with Check; snapshots and ListRelations checked (seed ${seed})`);
  });
});
