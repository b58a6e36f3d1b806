// OpenFGA's engine corpus, list side: every listObjectsAssertions and listUsersAssertions of
// consolidated_1_1_tests.yaml and abac_tests.yaml, over an in-memory TupleReader. Stages run in
// order against one store (tuples accumulate, a new model per stage).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseDsl } from '../../../src/dsl/index.js';
import type { TupleKey } from '../../../src/model/index.js';
import { RelataError } from '../../../src/model/index.js';
import { createQueryEngine } from '../../../src/cli/commands/model-test-engine.js';
import { formatListedUser } from '../../../src/engine/list-users.js';
import { ArrayTupleReader } from '../../helpers/array-tuple-reader.js';
import { conformanceDir, printScore } from '../../helpers/conformance.js';

interface Stage {
  model: string;
  tuples?: TupleKey[];
  listObjectsAssertions?: {
    request: { user: string; type: string; relation: string };
    contextualTuples?: TupleKey[];
    context?: Record<string, unknown>;
    expectation?: string[] | null;
    errorCode?: number;
  }[];
  listUsersAssertions?: {
    request: { object: string; relation: string; filters: string[] };
    contextualTuples?: TupleKey[];
    context?: Record<string, unknown>;
    expectation?: string[] | null;
    errorCode?: number;
  }[];
}

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

const dir = conformanceDir();
const files = ['consolidated_1_1_tests.yaml', 'abac_tests.yaml'];

/** Why an outcome differs from the expectation, or undefined when it matches. */
async function judge(run: () => Promise<string[]>, expectation: string[] | null | undefined, errorCode: number | undefined): Promise<string | undefined> {
  try {
    const actual = [...new Set(await run())].sort();
    if (errorCode !== undefined) return `expected error ${errorCode}, got ${JSON.stringify(actual)}`;
    const expected = [...(expectation ?? [])].sort();
    return JSON.stringify(actual) === JSON.stringify(expected) ? undefined : `expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
  } catch (error) {
    const code = error instanceof RelataError ? error.code : undefined;
    if (errorCode !== undefined && code === errorCode) return undefined;
    return `unexpected error ${code ?? ''}: ${error instanceof Error ? error.message : String(error)}`;
  }
}

describe.skipIf(!dir)('OpenFGA list conformance', () => {
  for (const file of files) {
    it(`${file}: ListObjects and ListUsers`, { timeout: 120_000 }, async () => {
      const doc = parse(readFileSync(join(dir!, 'openfga-server', file), 'utf8')) as { tests: { name: string; stages: Stage[] }[] };
      const objects: Counts = { passed: 0, failed: 0, skipped: 0 };
      const users: Counts = { passed: 0, failed: 0, skipped: 0 };
      const skipped: string[] = [];
      const failures: string[] = [];
      for (const test of doc.tests) {
        const reader = new ArrayTupleReader();
        for (const [stageIndex, stage] of test.stages.entries()) {
          reader.add(stage.tuples ?? []);
          const { model, errors } = parseDsl(stage.model);
          const label = `${test.name}[${stageIndex}]`;
          if (errors.length > 0) {
            const count = (stage.listObjectsAssertions?.length ?? 0) + (stage.listUsersAssertions?.length ?? 0);
            objects.skipped += stage.listObjectsAssertions?.length ?? 0;
            users.skipped += stage.listUsersAssertions?.length ?? 0;
            if (count > 0) skipped.push(`${label}: model does not compile (${errors[0]?.message})`);
            continue;
          }
          const engine = createQueryEngine(model);
          for (const [i, assertion] of (stage.listObjectsAssertions ?? []).entries()) {
            const why = await judge(
              async () => (await engine.listObjects(reader, { ...assertion.request, contextualTuples: assertion.contextualTuples, context: assertion.context })).objects,
              assertion.expectation, assertion.errorCode);
            if (why) failures.push(`${label} listObjects#${i} ${JSON.stringify(assertion.request)}: ${why}`);
            objects[why ? 'failed' : 'passed']++;
          }
          for (const [i, assertion] of (stage.listUsersAssertions ?? []).entries()) {
            const request = {
              object: assertion.request.object,
              relation: assertion.request.relation,
              userFilters: assertion.request.filters.map((filter) => {
                const [type, relation] = filter.split('#');
                return relation ? { type, relation } : { type };
              }),
              contextualTuples: assertion.contextualTuples,
              context: assertion.context,
            };
            const why = await judge(
              async () => (await engine.listUsers(reader, request)).users.map(formatListedUser),
              assertion.expectation, assertion.errorCode);
            if (why) failures.push(`${label} listUsers#${i} ${JSON.stringify(assertion.request)}: ${why}`);
            users[why ? 'failed' : 'passed']++;
          }
        }
      }
      printScore(`${file} listObjects`, objects, skipped);
      printScore(`${file} listUsers`, users);
      for (const failure of failures) console.log(`[conformance]   FAILED ${failure}`);
      expect(failures).toEqual([]);
    });
  }
});
