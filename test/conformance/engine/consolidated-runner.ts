// Runs the check assertions of OpenFGA's consolidated engine tests (consolidated_1_1_tests.yaml,
// abac_tests.yaml) through any "check driver": the engine over an in-memory reader here, the
// service over gRPC/postgres elsewhere. Stages of one test share one store: tuples accumulate,
// each stage installs a new model version.
import { afterAll, describe, expect, it } from 'vitest';
import type { TupleKey } from '../../../src/model/index.js';
import { conformanceFiles, loadServerTests, newCounts, printScore } from '../../helpers/conformance.js';
import type { Counts } from '../../helpers/conformance.js';

export interface CheckAssertion {
  tuple: TupleKey;
  contextualTuples?: TupleKey[];
  context?: Record<string, unknown>;
  expectation?: boolean;
  errorCode?: number;
}

export interface Stage {
  /** The model in the DSL. */
  model: string;
  tuples: TupleKey[];
  checkAssertions: CheckAssertion[];
}

export interface ConformanceTest {
  name: string;
  stages: Stage[];
}

/** One store of a driver, used by one test from its first stage to its last. */
export interface ConformanceStore {
  /** Installs a new model version (DSL source); later checks use it. */
  writeModel(dsl: string): Promise<void>;
  /** Adds tuples to the store (they stay for the following stages). */
  writeTuples(tuples: TupleKey[]): Promise<void>;
  /** Answers a Check; fails with an error carrying OpenFGA's numeric `code` when the request is refused. */
  check(request: { tuple: TupleKey; contextualTuples?: TupleKey[]; context?: Record<string, unknown> }): Promise<boolean>;
  close?(): Promise<void>;
}

export interface CheckDriver {
  openStore(testName: string): Promise<ConformanceStore>;
}

export interface AssertionResult {
  /** `test[stage]#index: object#relation@user`. */
  label: string;
  ok: boolean;
  /** What went wrong, for failures. */
  detail?: string;
}

export function loadConformanceTests(corpusDir: string, file: string): ConformanceTest[] {
  return loadServerTests<Partial<Stage>>(corpusDir, file).map((test) => ({
    name: test.name,
    stages: test.stages.map((stage) => ({
      model: stage.model ?? '',
      tuples: stage.tuples ?? [],
      checkAssertions: stage.checkAssertions ?? [],
    })),
  }));
}

function errorCodeOf(error: unknown): number | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'number') return error.code;
  return undefined;
}

/** Adds `results` to `counts`; returns the failed ones as `label: detail` lines. */
export function tally(counts: Counts, results: AssertionResult[]): string[] {
  for (const r of results) {
    if (r.ok) counts.passed++;
    else counts.failed++;
  }
  return results.filter((r) => !r.ok).map((r) => `${r.label}: ${r.detail}`);
}

/** Runs every stage of `test` on a fresh store; returns one result per check assertion. */
export async function runConformanceTest(driver: CheckDriver, test: ConformanceTest): Promise<AssertionResult[]> {
  const store = await driver.openStore(test.name);
  const results: AssertionResult[] = [];
  try {
    for (const [stageIndex, stage] of test.stages.entries()) {
      await store.writeModel(stage.model);
      if (stage.tuples.length > 0) await store.writeTuples(stage.tuples);
      for (const [i, assertion] of stage.checkAssertions.entries()) {
        const { object, relation, user } = assertion.tuple;
        const label = `${test.name}[${stageIndex}]#${i}: ${object}#${relation}@${user}`;
        try {
          const allowed = await store.check(assertion);
          if (assertion.errorCode !== undefined) {
            results.push({ label, ok: false, detail: `expected error ${assertion.errorCode}, got allowed=${allowed}` });
          } else {
            const expected = assertion.expectation ?? false;
            results.push({ label, ok: allowed === expected, detail: allowed === expected ? undefined : `expected ${expected}, got ${allowed}` });
          }
        } catch (error) {
          const code = errorCodeOf(error);
          const ok = assertion.errorCode !== undefined && code === assertion.errorCode;
          const message = error instanceof Error ? error.message : String(error);
          results.push({ label, ok, detail: ok ? undefined : `expected ${assertion.errorCode ?? assertion.expectation}, got error ${code}: ${message}` });
        }
      }
    }
  } finally {
    await store.close?.();
  }
  return results;
}

/**
 * Declares one vitest case per conformance test of every corpus file, run through `driver()`
 * (a thunk, so drivers built in `beforeAll` work), and prints `[conformance] <label> <file>`
 * counts. `skips` maps a test name to the reason it is not run; skipped tests are listed.
 */
export function describeCheckConformance(
  corpus: string | undefined,
  label: string,
  driver: () => CheckDriver,
  skips: Record<string, string> = {},
): void {
  for (const file of conformanceFiles) {
    describe.skipIf(!corpus)(`conformance: ${label} ${file}`, () => {
      const tests = corpus ? loadConformanceTests(corpus, file) : [];
      const counts = newCounts();
      const skipped: string[] = [];
      afterAll(() => printScore(`${label} ${file}`, counts, skipped));
      for (const test of tests) {
        const reason = skips[test.name];
        if (reason) {
          const n = test.stages.reduce((sum, s) => sum + s.checkAssertions.length, 0);
          counts.skipped += n;
          skipped.push(`${test.name} (${n} assertions): ${reason}`);
          continue;
        }
        it(test.name, async () => {
          expect(tally(counts, await runConformanceTest(driver(), test))).toEqual([]);
        });
      }
    });
  }
}
