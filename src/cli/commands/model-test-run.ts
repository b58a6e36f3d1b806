// Runs a store test file as `fga model test` does: one model, a fresh in-memory store per test
// holding the file's tuples plus the test's own, then every check / list_objects / list_users
// assertion through Relata's engine. Returns a report; printing is model-test.ts's job.

import { dirname } from 'node:path';
import { ulid } from 'ulid';
import type { TupleKey } from '../../model/index.js';
import { RelataError } from '../../model/index.js';
import { Engine, formatListedUser, validateContextualTuple } from '../../engine/index.js';
import { createMemoryDatastore } from '../../storage/memory/index.js';
import type { WriteTupleKey } from '../../storage/datastore.js';
import type { StoreFileIssue, StoreTest } from './model-test-file.js';
import { collectTuples, loadStoreModel, readStoreFile } from './model-test-file.js';

export type AssertionKind = 'check' | 'list_objects' | 'list_users';

export interface AssertionResult {
  kind: AssertionKind;
  /** e.g. `check(user=user:anne, relation=viewer, object=doc:1)`. */
  query: string;
  passed: boolean;
  expected: string;
  actual: string;
}

export interface TestReport {
  name: string;
  /** Problems that kept the test from running (e.g. an invalid tuple). */
  errors: string[];
  results: AssertionResult[];
}

export interface StoreTestReport {
  path: string;
  name?: string;
  /** The file's shape (schema) problems: nothing ran. */
  fileIssues: StoreFileIssue[];
  /** Model or tuple-file problems: nothing ran. */
  errors: string[];
  tests: TestReport[];
  passed: boolean;
}

const describeError = (error: unknown): string =>
  error instanceof RelataError ? `error ${error.code}: ${error.message}` : error instanceof Error ? error.message : String(error);

const sortedJson = (values: Iterable<string>): string => JSON.stringify([...new Set(values)].sort());

/** An RFC 3339 instant of the store file (`expires_at`, `now`). */
function instant(value: unknown, field: string): Date {
  const date = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value) ? new Date(value) : undefined;
  if (!date || Number.isNaN(date.getTime())) throw new Error(`invalid ${field}: ${JSON.stringify(value)} is not an RFC 3339 timestamp`);
  return date;
}

async function runTest(engine: Engine, test: StoreTest, index: number, globalTuples: TupleKey[], baseDir: string): Promise<TestReport> {
  const report: TestReport = { name: test.name ?? `test ${index + 1}`, errors: [], results: [] };
  let tuples: TupleKey[];
  try {
    tuples = [...globalTuples, ...(await collectTuples(test, baseDir))];
  } catch (error) {
    report.errors.push(describeError(error));
    return report;
  }
  const writes: WriteTupleKey[] = [];
  for (const tuple of tuples) {
    // Relata's extension: a tuple may carry `expires_at` (RFC 3339); it is kept apart from the key.
    const { expires_at: expiresAt, ...key } = tuple as TupleKey & { expires_at?: unknown };
    try {
      validateContextualTuple(engine.model, key);
      writes.push(expiresAt === undefined ? key : { ...key, expiresAt: instant(expiresAt, 'expires_at') });
    } catch (error) {
      report.errors.push(`invalid tuple: ${describeError(error)}`);
    }
  }
  let now: Date | undefined;
  try {
    now = test.now === undefined ? undefined : instant(test.now, 'now');
  } catch (error) {
    report.errors.push(describeError(error));
  }
  if (report.errors.length > 0) return report;

  const datastore = createMemoryDatastore();
  const storeId = ulid();
  await datastore.createStore({ id: storeId, name: report.name });
  // Loaded as of the epoch, so that a grant already expired by the test's instant is still written.
  if (writes.length > 0) await datastore.writeTuples(storeId, { writes, deletes: [], onDuplicate: 'ignore', now: new Date(0) });
  const reader = datastore.tupleReader(storeId, { now });
  const record = (kind: AssertionKind, query: string, expected: string, actual: string): void => {
    report.results.push({ kind, query, passed: expected === actual, expected, actual });
  };

  for (const check of test.check ?? []) {
    const users = check.users ?? (check.user !== undefined ? [check.user] : []);
    const objects = check.objects ?? (check.object !== undefined ? [check.object] : []);
    for (const user of users) {
      for (const object of objects) {
        for (const [relation, expected] of Object.entries(check.assertions ?? {})) {
          let actual: string;
          try {
            actual = String((await engine.check(reader, { object, relation, user, context: check.context, contextualTuples: check.contextual_tuples })).allowed);
          } catch (error) {
            actual = describeError(error);
          }
          record('check', `check(user=${user}, relation=${relation}, object=${object})`, String(expected), actual);
        }
      }
    }
  }
  for (const list of test.list_objects ?? []) {
    for (const [relation, expected] of Object.entries(list.assertions ?? {})) {
      let actual: string;
      try {
        const result = await engine.listObjects(reader, { type: list.type, relation, user: list.user, context: list.context, contextualTuples: list.contextual_tuples }, { maxResults: 0 });
        actual = sortedJson(result.objects);
      } catch (error) {
        actual = describeError(error);
      }
      record('list_objects', `list_objects(user=${list.user}, relation=${relation}, type=${list.type})`, sortedJson(expected ?? []), actual);
    }
  }
  for (const list of test.list_users ?? []) {
    const filters = (list.user_filter ?? []).map((f) => (f.relation ? `${f.type}#${f.relation}` : f.type)).join(',');
    for (const [relation, expected] of Object.entries(list.assertions ?? {})) {
      let actual: string;
      try {
        const result = await engine.listUsers(reader, {
          object: list.object, relation, userFilters: list.user_filter ?? [], context: list.context, contextualTuples: list.contextual_tuples,
        }, { maxResults: 0 });
        actual = sortedJson(result.users.map(formatListedUser));
      } catch (error) {
        actual = describeError(error);
      }
      record('list_users', `list_users(object=${list.object}, relation=${relation}, user_filter=${filters})`, sortedJson(expected?.users ?? []), actual);
    }
  }
  await datastore.close();
  return report;
}

/** Runs every test of a store file. Never throws for a bad file: problems land in the report. */
export async function runStoreTestFile(path: string): Promise<StoreTestReport> {
  const { file, issues } = readStoreFile(path);
  const report: StoreTestReport = { path, name: file?.name, fileIssues: issues, errors: [], tests: [], passed: false };
  if (!file) return report;
  const baseDir = dirname(path);
  const loaded = loadStoreModel(file, baseDir);
  if (!loaded.model) {
    report.errors.push(...loaded.errors.map((e) => `invalid model: ${e}`));
    return report;
  }
  let globalTuples: TupleKey[];
  try {
    globalTuples = await collectTuples(file, baseDir);
  } catch (error) {
    report.errors.push(describeError(error));
    return report;
  }
  const engine = new Engine(loaded.model);
  for (const [index, test] of file.tests.entries()) report.tests.push(await runTest(engine, test, index, globalTuples, baseDir));
  report.passed = report.tests.every((t) => t.errors.length === 0 && t.results.every((r) => r.passed));
  return report;
}
