// The conditions module against OpenFGA's abac_tests.yaml, without the graph engine: every
// condition of every stage model must compile, and every check assertion that one direct,
// conditional tuple decides is answered by evaluating that tuple's condition with the
// assertion's context. Assertions that need a graph walk are counted as skipped here; the full
// run through the engine is consolidated-check.test.ts.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDsl } from '../../../src/dsl/index.js';
import { compileModelConditions, evaluateTupleCondition } from '../../../src/engine/conditions/index.js';
import type { CompiledCondition, ConditionResult } from '../../../src/engine/conditions/index.js';
import { RelataError, parseUser } from '../../../src/model/index.js';
import type { AuthorizationModel, TupleKey } from '../../../src/model/index.js';
import { conformanceDir, printScore } from '../../helpers/conformance.js';
import type { CheckAssertion } from './consolidated-runner.js';
import { loadConformanceTests } from './consolidated-runner.js';

const corpus = conformanceDir();

type Outcome = { ok: true } | { ok: false; detail: string } | { skipped: string };

const sameKey = (a: TupleKey, b: TupleKey): boolean => a.object === b.object && a.relation === b.relation && a.user === b.user;

/**
 * Decides `assertion` from the stored tuples when the relation is directly assigned only (`[…]`,
 * no rewrite) and every tuple on the object#relation names a concrete user, so that the answer is
 * exactly "does the one matching tuple hold". A tuple whose condition the relation no longer
 * admits is ignored (OpenFGA: prior_conditions_ignored).
 */
function decide(
  model: AuthorizationModel,
  conditions: ReadonlyMap<string, CompiledCondition>,
  tuples: readonly TupleKey[],
  assertion: CheckAssertion,
): Outcome {
  const { object, relation, user } = assertion.tuple;
  if (assertion.contextualTuples?.length) return { skipped: 'contextual tuples' };
  const type = object.slice(0, object.indexOf(':'));
  const definition = model.type_definitions.find((d) => d.type === type);
  const rewrite = definition?.relations?.[relation];
  if (!rewrite || !('this' in rewrite)) return { skipped: 'relation is not directly assigned only' };
  const onRelation = tuples.filter((t) => t.object === object && t.relation === relation);
  if (onRelation.some((t) => { const u = parseUser(t.user); return !u || u.relation !== undefined || u.id === '*'; })) {
    return { skipped: 'usersets or wildcards on the relation' };
  }
  const tuple = onRelation.find((t) => sameKey(t, assertion.tuple));
  if (!tuple?.condition?.name) return { skipped: 'no conditional tuple for the user' };
  const restrictions = definition?.metadata?.relations?.[relation]?.directly_related_user_types ?? [];
  const userType = user.slice(0, user.indexOf(':'));
  const admitted = restrictions.some((r) => r.type === userType && !r.relation && !r.wildcard && r.condition === tuple.condition?.name);

  let result: ConditionResult | undefined;
  let error: unknown;
  if (admitted) {
    try {
      result = evaluateTupleCondition(
        conditions,
        { conditionName: tuple.condition.name, conditionContext: tuple.condition.context },
        assertion.context,
      );
    } catch (e) {
      error = e;
    }
  } else {
    result = { met: false };
  }

  const got =
    error !== undefined
      ? `error ${error instanceof RelataError ? `${error.code}: ${error.message}` : String(error)}`
      : result && 'missingParameters' in result
        ? `missing parameters [${result.missingParameters.join(', ')}] (Check: error 2000)`
        : `allowed=${String(result?.met)}`;
  if (assertion.errorCode !== undefined) {
    const code = error instanceof RelataError ? error.code : result && 'missingParameters' in result ? 2000 : undefined;
    return code === assertion.errorCode ? { ok: true } : { ok: false, detail: `expected error ${assertion.errorCode}, got ${got}` };
  }
  const met = result && 'met' in result ? result.met : undefined;
  return met === (assertion.expectation ?? false) ? { ok: true } : { ok: false, detail: `expected allowed=${String(assertion.expectation)}, got ${got}` };
}

describe.skipIf(!corpus)('conformance: abac conditions (compile + direct evaluation)', () => {
  const tests = corpus ? loadConformanceTests(corpus, 'abac_tests.yaml') : [];
  const compiled = { passed: 0, failed: 0, skipped: 0 };
  const evaluated = { passed: 0, failed: 0, skipped: 0 };
  const skippedNames: string[] = [];
  afterAll(() => {
    printScore('abac conditions: compile', compiled);
    printScore('abac conditions: direct check assertions', evaluated, skippedNames);
  });

  it('has tests', () => {
    expect(tests.length).toBeGreaterThan(0);
  });

  for (const test of tests) {
    it(test.name, () => {
      const failures: string[] = [];
      const tuples: TupleKey[] = [];
      const skippedHere = new Map<string, number>();
      for (const [stageIndex, stage] of test.stages.entries()) {
        const { model, errors: dslErrors } = parseDsl(stage.model);
        if (dslErrors.length > 0) throw new Error(`stage ${stageIndex}: model does not parse: ${dslErrors.map((e) => e.message).join('; ')}`);
        const { conditions, errors } = compileModelConditions(model);
        compiled.passed += conditions.size;
        compiled.failed += errors.length;
        failures.push(...errors.map((e) => `stage ${stageIndex}: ${e.message}`));
        tuples.push(...stage.tuples);

        for (const [i, assertion] of stage.checkAssertions.entries()) {
          const outcome = decide(model, conditions, tuples, assertion);
          const label = `${test.name}[${stageIndex}]#${i}: ${assertion.tuple.object}#${assertion.tuple.relation}@${assertion.tuple.user}`;
          if ('skipped' in outcome) {
            evaluated.skipped++;
            skippedHere.set(outcome.skipped, (skippedHere.get(outcome.skipped) ?? 0) + 1);
          } else if (outcome.ok) {
            evaluated.passed++;
          } else {
            evaluated.failed++;
            failures.push(`${label}: ${outcome.detail}`);
          }
        }
      }
      for (const [reason, n] of skippedHere) skippedNames.push(`${test.name} (${n}): ${reason} (needs the graph engine)`);
      expect(failures).toEqual([]);
    });
  }
});

/**
 * Conditions of the openfga-language transformer corpora (valid DSL, not all valid for the
 * server): each must compile, except those a server rejects, listed with cel-go's reason.
 */
const serverRejects: Record<string, string> = {
  // The expression names `document_attributes`, which the condition does not declare.
  '11-multiple-conditions/doc_viewer_condition': "undeclared reference to 'document_attributes'",
};

describe.skipIf(!corpus)('conformance: conditions of the openfga-language models compile', () => {
  const dirs = corpus
    ? ['transformer', 'transformer-module'].flatMap((folder) =>
        readdirSync(join(corpus, 'openfga-language', folder)).map((name) => join(corpus, 'openfga-language', folder, name)),
      )
    : [];
  const counts = { passed: 0, failed: 0, skipped: 0 };
  afterAll(() => printScore('openfga-language model conditions compile', counts));

  for (const dir of dirs) {
    const file = join(dir, 'authorization-model.json');
    if (!existsSync(file)) continue;
    const model = JSON.parse(readFileSync(file, 'utf8')) as AuthorizationModel;
    if (!model.conditions || Object.keys(model.conditions).length === 0) continue;
    it(basename(dir), () => {
      const { conditions, errors } = compileModelConditions(model);
      const unexpected: string[] = [];
      for (const name of Object.keys(model.conditions ?? {})) {
        const reason = serverRejects[`${basename(dir)}/${name}`];
        const error = errors.find((e) => e.message.includes(`'${name}'`));
        const ok = reason ? error?.message.includes(reason) === true : conditions.has(name);
        if (ok) counts.passed++;
        else {
          counts.failed++;
          unexpected.push(`${name}: ${error?.message ?? 'compiled, but the server rejects it'}`);
        }
      }
      expect(unexpected).toEqual([]);
    });
  }
});
