// The list side of OpenFGA's engine corpus (listObjectsAssertions and listUsersAssertions of the
// openfga-server files), shared by the engine run and the gRPC run: the stage shape, how an
// outcome is judged, and the scoreboard.
import { parseDsl } from '../../src/dsl/index.js';
import type { AuthorizationModel, TupleKey } from '../../src/model/index.js';
import { newCounts, printScore } from './conformance.js';

export interface ListAssertion<R> {
  request: R;
  contextualTuples?: TupleKey[];
  context?: Record<string, unknown>;
  expectation?: string[] | null;
  errorCode?: number;
}

export interface ListStage {
  model: string;
  tuples?: TupleKey[];
  listObjectsAssertions?: ListAssertion<{ user: string; type: string; relation: string }>[];
  listUsersAssertions?: ListAssertion<{ object: string; relation: string; filters: string[] }>[];
}

/** A refused list call as a driver sees it: OpenFGA's numeric code, if any, and how to show it. */
export interface ListError {
  code: number | undefined;
  /** Shown after `unexpected error ` when the refusal was not expected. */
  shown: string;
}

/** Why an outcome differs from the expectation, or undefined when it matches. */
export async function judgeList(
  run: () => Promise<string[]>,
  expectation: string[] | null | undefined,
  errorCode: number | undefined,
  describeError: (error: unknown) => ListError,
): Promise<string | undefined> {
  try {
    const actual = [...new Set(await run())].sort();
    if (errorCode !== undefined) return `expected error ${errorCode}, got ${JSON.stringify(actual)}`;
    const expected = [...(expectation ?? [])].sort();
    return JSON.stringify(actual) === JSON.stringify(expected) ? undefined : `expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
  } catch (error) {
    const { code, shown } = describeError(error);
    if (errorCode !== undefined && code === errorCode) return undefined;
    return `unexpected error ${shown}`;
  }
}

/** The outcomes of one corpus file's list assertions. */
export class ListScore {
  readonly objects = newCounts();
  readonly users = newCounts();
  readonly skipped: string[] = [];
  readonly failures: string[] = [];

  /** Counts one assertion; `why` is undefined when it matched. */
  record(kind: 'listObjects' | 'listUsers', label: string, index: number, request: unknown, why: string | undefined): void {
    if (why) this.failures.push(`${label} ${kind}#${index} ${JSON.stringify(request)}: ${why}`);
    (kind === 'listObjects' ? this.objects : this.users)[why ? 'failed' : 'passed']++;
  }

  /** Counts the assertions of a stage that was not run as skipped. */
  skipStage(stage: ListStage): void {
    this.objects.skipped += stage.listObjectsAssertions?.length ?? 0;
    this.users.skipped += stage.listUsersAssertions?.length ?? 0;
  }

  /** Prints the scoreboard lines and every failure; returns the failures. */
  report(suite: string): string[] {
    printScore(`${suite} listObjects`, this.objects, this.skipped);
    printScore(`${suite} listUsers`, this.users);
    for (const failure of this.failures) console.log(`[conformance]   FAILED ${failure}`);
    return this.failures;
  }
}

/** How one transport runs the list corpus: a store, its model and tuples, and the two list calls. */
export interface ListDriver {
  createStore(name: string): Promise<string>;
  writeModel(storeId: string, model: AuthorizationModel): Promise<void>;
  /** At most 100 tuples a call. */
  writeTuples(storeId: string, tuples: TupleKey[]): Promise<void>;
  listObjects(storeId: string, a: NonNullable<ListStage['listObjectsAssertions']>[number]): Promise<string[]>;
  listUsers(storeId: string, a: NonNullable<ListStage['listUsersAssertions']>[number], object: { type: string; id: string }, filters: { type: string; relation: string }[]): Promise<string[]>;
  describeError(error: unknown): ListError;
}

/** Runs every list assertion of one corpus file through `driver`; returns the score. */
export async function runListCorpus(tests: { name: string; stages: ListStage[] }[], driver: ListDriver): Promise<ListScore> {
  const score = new ListScore();
  for (const test of tests) {
    const hasLists = test.stages.some((s) => s.listObjectsAssertions?.length || s.listUsersAssertions?.length);
    if (!hasLists) continue;
    const storeId = await driver.createStore(`list-${test.name}`.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 60));
    for (const [stageIndex, stage] of test.stages.entries()) {
      const label = `${test.name}[${stageIndex}]`;
      const { model, errors } = parseDsl(stage.model);
      if (errors.length > 0) {
        score.skipStage(stage);
        score.skipped.push(`${label}: model does not compile (${errors[0]?.message})`);
        continue;
      }
      await driver.writeModel(storeId, model);
      const tuples = stage.tuples ?? [];
      for (let i = 0; i < tuples.length; i += 100) await driver.writeTuples(storeId, tuples.slice(i, i + 100));
      for (const [i, a] of (stage.listObjectsAssertions ?? []).entries()) {
        const why = await judgeList(() => driver.listObjects(storeId, a), a.expectation, a.errorCode, driver.describeError);
        score.record('listObjects', label, i, a.request, why);
      }
      for (const [i, a] of (stage.listUsersAssertions ?? []).entries()) {
        const colon = a.request.object.indexOf(':');
        const object = { type: a.request.object.slice(0, colon), id: a.request.object.slice(colon + 1) };
        const filters = a.request.filters.map((f) => {
          const [type, relation] = f.split('#');
          return { type: type!, relation: relation ?? '' };
        });
        const why = await judgeList(() => driver.listUsers(storeId, a, object, filters), a.expectation, a.errorCode, driver.describeError);
        score.record('listUsers', label, i, a.request, why);
      }
    }
  }
  return score;
}
