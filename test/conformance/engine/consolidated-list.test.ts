// OpenFGA's engine corpus, list side: every listObjectsAssertions and listUsersAssertions of
// consolidated_1_1_tests.yaml and abac_tests.yaml, over an in-memory TupleReader. Stages run in
// order against one store (tuples accumulate, a new model per stage).
import { describe, expect, it } from 'vitest';
import { parseDsl } from '../../../src/dsl/index.js';
import { RelataError } from '../../../src/model/index.js';
import { Engine } from '../../../src/engine/index.js';
import { formatListedUser } from '../../../src/engine/list/list-users.js';
import { ArrayTupleReader } from '../../helpers/array-tuple-reader.js';
import { conformanceDir, conformanceFiles, loadServerTests } from '../../helpers/conformance.js';
import { judgeList, ListScore } from '../../helpers/list-conformance.js';
import type { ListError, ListStage } from '../../helpers/list-conformance.js';

const dir = conformanceDir();

/** OpenFGA's code of a refused call (a RelataError's), and how to show the error. */
function describeError(error: unknown): ListError {
  const code = error instanceof RelataError ? error.code : undefined;
  return { code, shown: `${code ?? ''}: ${error instanceof Error ? error.message : String(error)}` };
}

describe.skipIf(!dir)('OpenFGA list conformance', () => {
  for (const file of conformanceFiles) {
    it(`${file}: ListObjects and ListUsers`, { timeout: 120_000 }, async () => {
      const score = new ListScore();
      for (const test of loadServerTests<ListStage>(dir!, file)) {
        const reader = new ArrayTupleReader();
        for (const [stageIndex, stage] of test.stages.entries()) {
          reader.add(stage.tuples ?? []);
          const { model, errors } = parseDsl(stage.model);
          const label = `${test.name}[${stageIndex}]`;
          if (errors.length > 0) {
            const count = (stage.listObjectsAssertions?.length ?? 0) + (stage.listUsersAssertions?.length ?? 0);
            score.skipStage(stage);
            if (count > 0) score.skipped.push(`${label}: model does not compile (${errors[0]?.message})`);
            continue;
          }
          const engine = new Engine(model);
          for (const [i, assertion] of (stage.listObjectsAssertions ?? []).entries()) {
            const why = await judgeList(
              async () => (await engine.listObjects(reader, { ...assertion.request, contextualTuples: assertion.contextualTuples, context: assertion.context })).objects,
              assertion.expectation, assertion.errorCode, describeError);
            score.record('listObjects', label, i, assertion.request, why);
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
            const why = await judgeList(
              async () => (await engine.listUsers(reader, request)).users.map(formatListedUser),
              assertion.expectation, assertion.errorCode, describeError);
            score.record('listUsers', label, i, assertion.request, why);
          }
        }
      }
      expect(score.report(file)).toEqual([]);
    });
  }
});
