// Data-driven check on real data: every tuple set of OpenFGA's engine corpus is written to a
// fresh store, then read back through readTuples (all pages) and the TupleReader, and must come
// back exactly, conditions included.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { parse } from 'yaml';
import { parseObject, parseUser, tupleKeyId } from '../../../src/model/index.js';
import type { TupleKey } from '../../../src/model/index.js';
import type { Datastore } from '../../../src/storage/datastore.js';
import { conformanceDir, printScore } from '../../helpers/conformance.js';

interface CorpusTest {
  name: string;
  stages?: { tuples?: TupleKey[] }[];
}

const files = ['openfga-server/consolidated_1_1_tests.yaml', 'openfga-server/abac_tests.yaml'];

function canonical(key: TupleKey): string {
  const condition = key.condition ? `${key.condition.name}:${JSON.stringify(Object.entries(key.condition.context ?? {}).sort())}` : '';
  return `${tupleKeyId(key)} ${condition}`;
}

async function readAll(ds: Datastore, store: string): Promise<TupleKey[]> {
  const keys: TupleKey[] = [];
  let token: string | undefined;
  do {
    const page = await ds.readTuples(store, {}, { pageSize: 37, continuationToken: token });
    keys.push(...page.items.map((t) => t.key));
    token = page.continuationToken || undefined;
  } while (token);
  return keys;
}

async function roundTrip(ds: Datastore, store: string, tuples: TupleKey[]): Promise<boolean> {
  for (let i = 0; i < tuples.length; i += 100) await ds.writeTuples(store, { writes: tuples.slice(i, i + 100), deletes: [] });
  const expected = tuples.map(canonical).sort();
  const read = (await readAll(ds, store)).map(canonical).sort();
  if (JSON.stringify(read) !== JSON.stringify(expected)) return false;
  // The same tuples through the engine's forward reader, one call per (type, relation).
  const groups = new Map<string, { type: string; relation: string; ids: Set<string> }>();
  for (const t of tuples) {
    const object = parseObject(t.object)!;
    const group = groups.get(`${object.type}#${t.relation}`) ?? { type: object.type, relation: t.relation, ids: new Set<string>() };
    group.ids.add(object.id);
    groups.set(`${object.type}#${t.relation}`, group);
  }
  const reader = ds.tupleReader(store);
  let count = 0;
  for (const g of groups.values()) count += (await reader.readByObjects({ objectType: g.type, objectIds: [...g.ids], relation: g.relation })).length;
  return count === tuples.length;
}

export async function runCorpusRoundTrip(backend: string, ds: Datastore, newStore: () => Promise<string>): Promise<void> {
  const dir = conformanceDir();
  if (!dir) return;
  const counts = { passed: 0, failed: 0, skipped: 0 };
  const skipped: string[] = [];
  const failed: string[] = [];
  for (const file of files) {
    const doc = parse(readFileSync(join(dir, file), 'utf8')) as { tests?: CorpusTest[] };
    for (const test of doc.tests ?? []) {
      const unique = new Map<string, TupleKey>();
      for (const stage of test.stages ?? []) for (const t of stage.tuples ?? []) if (!unique.has(tupleKeyId(t))) unique.set(tupleKeyId(t), t);
      const tuples = [...unique.values()];
      if (tuples.length === 0 || tuples.some((t) => !parseObject(t.object) || !parseUser(t.user) || !t.relation)) {
        counts.skipped++;
        skipped.push(`${test.name} (${tuples.length === 0 ? 'no tuples' : 'malformed tuple'})`);
        continue;
      }
      if (await roundTrip(ds, await newStore(), tuples)) counts.passed++;
      else {
        counts.failed++;
        failed.push(test.name);
      }
    }
  }
  printScore(`storage-round-trip (${backend})`, counts, skipped.filter((s) => !s.endsWith('(no tuples)')));
  expect(failed).toEqual([]);
}
