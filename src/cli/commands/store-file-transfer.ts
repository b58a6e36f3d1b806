// `relata store export|import`: a whole store (model, tuples, assertions) as one `fga` store file,
// the format `fga model test` and `relata model test` run. Export streams the tuples into the
// file; import creates a store, writes the model, loads the tuples through the bulk path and
// stores the file's check tests as the model's assertions, each test's local tuples as the
// contextual tuples of its assertions (which export writes back as each check's contextual_tuples).
import { createWriteStream } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { stringify } from 'yaml';
import { printModel } from '../../dsl/index.js';
import type { Assertion } from '../../storage/index.js';
import { maxContextualTuplesPerAssertion } from '../../service/index.js';
import type { Caller, RelataService } from '../../service/index.js';
import { TypeSystem, toRelationTuple, tupleIdentity, validateTupleAgainstModel } from '../../model/index.js';
import type { TupleKey } from '../../model/index.js';
import { runTupleImport } from '../bulk/import-tuples-run.js';
import { CliUsageError, closeOutput, runCliAction, withCliService, writeText } from '../bulk/cli-service.js';
import type { Command } from 'commander';
import { readTupleFile } from '../tuple-files/read-tuples.js';
import { toTupleRecord } from '../tuple-files/tuple-record.js';
import type { TupleFileRecord } from '../tuple-files/tuple-record.js';
import type { TupleFileFormat } from '../tuple-files/read-tuples.js';
import { tupleRecord } from '../tuple-files/write-tuples.js';
import { loadStoreModel, readStoreFile, storeTupleFileFormat, tupleFilesOf } from './model-test-file.js';
import { operatorCaller, reasonOption } from '../operator.js';
import type { CheckTest, StoreTest } from './model-test-file.js';

/** The store file's check test for one assertion. */
function checkOf(assertion: Assertion): CheckTest {
  const check: CheckTest = { user: assertion.tupleKey.user, object: assertion.tupleKey.object, assertions: { [assertion.tupleKey.relation]: assertion.expectation } };
  if (assertion.context && Object.keys(assertion.context).length > 0) check.context = assertion.context;
  if (assertion.contextualTuples && assertion.contextualTuples.length > 0) check.contextual_tuples = assertion.contextualTuples.map(tupleRecord);
  return check;
}

export interface StoreExportOptions {
  storeId: string;
  /** Default: the latest model. */
  modelId?: string;
}

/** Writes the store file to `out`; resolves with the number of tuples. */
export async function exportStoreFile(service: RelataService, options: StoreExportOptions, out: Writable): Promise<number> {
  const store = await service.getStore(options.storeId);
  const modelId = options.modelId ?? (await service.readAuthorizationModels({ storeId: options.storeId, pageSize: 1 })).items[0]?.id;
  if (!modelId) throw new CliUsageError(`store ${options.storeId} has no authorization model to export`);
  const model = await service.readAuthorizationModel(options.storeId, modelId);
  const { assertions } = await service.readAssertions({ storeId: options.storeId, authorizationModelId: modelId });
  const write = (text: string): Promise<void> => writeText(out, text);
  await write(stringify({ name: store.name, model: printModel(model) }, { lineWidth: 0 }));
  let count = 0;
  for await (const key of service.exportTuples({ storeId: options.storeId })) {
    await write(`${count === 0 ? 'tuples:\n' : ''}${stringify([tupleRecord(key)], { lineWidth: 0 })}`);
    count++;
  }
  const tests = assertions.length > 0 ? [{ name: 'assertions', check: assertions.map(checkOf) }] : [];
  await write(stringify({ tests }, { lineWidth: 0 }));
  return count;
}

export interface StoreImportResult {
  storeId: string;
  authorizationModelId: string;
  tuples: number;
  assertions: number;
  /** What became of the tests: local tuples carried as contextual tuples, what was left out and why. */
  notes: string[];
}

/** A check test as assertions: one per user × object × relation, each with `contextualTuples`. */
function assertionsOf(check: CheckTest, contextualTuples: TupleKey[]): Assertion[] {
  const users = check.users ?? (check.user !== undefined ? [check.user] : []);
  const objects = check.objects ?? (check.object !== undefined ? [check.object] : []);
  const out: Assertion[] = [];
  for (const user of users) {
    for (const object of objects) {
      for (const [relation, expectation] of Object.entries(check.assertions)) {
        const assertion: Assertion = { tupleKey: { user, relation, object }, expectation };
        if (contextualTuples.length > 0) assertion.contextualTuples = contextualTuples;
        if (check.context) assertion.context = check.context;
        out.push(assertion);
      }
    }
  }
  return out;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** A tuple as a contextual tuple carries it: the key and its condition, no expiry. */
function contextualKey(tuple: TupleKey): TupleKey {
  return { user: tuple.user, relation: tuple.relation, object: tuple.object, ...(tuple.condition ? { condition: tuple.condition } : {}) };
}

/**
 * A test's local tuples (`tuples`, then `tuple_file(s)` read as the store's own tuple files are),
 * each checked against the model as WriteAssertions checks a contextual tuple. A bad one throws,
 * naming where it is; the caller adds the test. The checks' own contextual tuples are checked too.
 */
async function localTuplesOf(test: StoreTest, baseDir: string, typeSystem: TypeSystem): Promise<TupleFileRecord[]> {
  const checked = (where: string, read: () => TupleFileRecord): TupleFileRecord => {
    try {
      const tuple = read();
      validateTupleAgainstModel(typeSystem, contextualKey(tuple));
      return tuple;
    } catch (error) {
      throw new CliUsageError(`${where}: ${messageOf(error)}`);
    }
  };
  const out = (test.tuples ?? []).map((value, i) => checked(`tuples[${i}]`, () => toTupleRecord(value)));
  for (const name of tupleFilesOf(test)) {
    const file = resolve(baseDir, name);
    for await (const chunk of readTupleFile(file, storeTupleFileFormat(file))) {
      for (const { line, key } of chunk) out.push(checked(`${file}:${line}`, () => key));
    }
  }
  // The checks' own contextual tuples too, so that their errors also name the test.
  (test.check ?? []).forEach((check, i) =>
    (check.contextual_tuples ?? []).forEach((tuple, j) => checked(`check[${i}].contextual_tuples[${j}]`, () => contextualKey(tuple))));
  return out;
}

/**
 * The check's own contextual tuples, then the test's local tuples of another key: a contextual
 * tuple replaces a stored one of the same key, so in `relata model test` the check's own wins.
 */
function mergeContextual(own: readonly TupleKey[], local: readonly TupleKey[]): TupleKey[] {
  const seen = new Set<string>();
  const out: TupleKey[] = [];
  for (const key of [...own, ...local]) {
    const tuple = toRelationTuple(key);
    const identity = tuple ? tupleIdentity(tuple) : JSON.stringify(key);
    if (seen.has(identity)) continue;
    seen.add(identity);
    out.push(contextualKey(key));
  }
  return out;
}

/**
 * The assertions of one test's checks, its local tuples carried as their contextual tuples.
 * Those that cannot carry them (an expiring local tuple, more than an assertion may hold) are
 * left out with a note naming the test, never stored without them.
 */
function testAssertions(test: StoreTest, name: string, local: readonly TupleFileRecord[], notes: string[]): Assertion[] {
  const checks = test.check ?? [];
  const expiring = local.filter((tuple) => tuple.expiresAt !== undefined).length;
  if (expiring > 0) {
    const skipped = checks.reduce((n, check) => n + assertionsOf(check, []).length, 0);
    if (skipped > 0) notes.push(`test '${name}': ${skipped} check assertions not imported: ${expiring} of its local tuples have expires_at, which a contextual tuple cannot carry`);
    return [];
  }
  const out: Assertion[] = [];
  let skipped = 0;
  let most = 0;
  for (const check of checks) {
    const contextual = mergeContextual(check.contextual_tuples ?? [], local);
    const assertions = assertionsOf(check, contextual);
    if (contextual.length <= maxContextualTuplesPerAssertion) {
      out.push(...assertions);
    } else {
      skipped += assertions.length;
      most = Math.max(most, contextual.length);
    }
  }
  if (skipped > 0) {
    notes.push(`test '${name}': ${skipped} check assertions not imported: they need up to ${most} contextual tuples (the test's ${local.length} local tuples and the check's own), more than the ${maxContextualTuplesPerAssertion} an assertion may carry`);
  }
  return out;
}

/** `caller`: who the audit trail names for the store, model and assertions (the CLI's operator). */
export async function importStoreFile(service: RelataService, path: string, options: { name?: string; caller?: Caller } = {}): Promise<StoreImportResult> {
  const caller = options.caller;
  const { file, issues } = readStoreFile(path);
  if (!file) throw new CliUsageError(`${path}: not a valid store file: ${issues.map((i) => `${i.instancePath || '(root)'} ${i.message}`).join('; ')}`);
  const baseDir = dirname(resolve(path));
  const { model, errors } = loadStoreModel(file, baseDir);
  if (!model) throw new CliUsageError(`${path}: invalid model: ${errors.join('; ')}`);
  // Everything of the tests is read and checked before the store exists: a bad tuple creates nothing.
  const typeSystem = new TypeSystem(model);
  const notes: string[] = [];
  const assertions: Assertion[] = [];
  let localTuples = 0;
  let localTests = 0;
  let localAssertions = 0;
  for (const [index, test] of file.tests.entries()) {
    const name = test.name ?? `test ${index + 1}`;
    let local: TupleFileRecord[];
    try {
      local = await localTuplesOf(test, baseDir, typeSystem);
    } catch (error) {
      throw new CliUsageError(`${path}: test '${name}': ${messageOf(error)}`);
    }
    const made = testAssertions(test, name, local, notes);
    assertions.push(...made);
    if (local.length > 0) {
      localTuples += local.length;
      localTests++;
      localAssertions += made.length;
    }
  }
  if (localTuples > 0) notes.push(`${localTuples} test-local tuples of ${localTests} tests kept as the contextual tuples of those tests' ${localAssertions} assertions`);
  const listTests = file.tests.reduce((n, test) => n + (test.list_objects?.length ?? 0) + (test.list_users?.length ?? 0), 0);
  if (listTests > 0) notes.push(`${listTests} list_objects / list_users tests not imported (assertions are checks only)`);

  const store = await service.createStore({ name: options.name ?? file.name ?? 'imported store' }, caller);
  try {
    const { authorizationModelId } = await service.writeAuthorizationModel({ storeId: store.id, model: { schema_version: model.schema_version, type_definitions: model.type_definitions, conditions: model.conditions } }, caller);
    const session = await service.openTupleImport({ storeId: store.id, authorizationModelId }, caller);
    const sources: { file: string; format: TupleFileFormat }[] = [];
    if (file.tuples && file.tuples.length > 0) sources.push({ file: path, format: 'yaml' });
    for (const name of tupleFilesOf(file)) {
      const tupleFile = resolve(baseDir, name);
      sources.push({ file: tupleFile, format: storeTupleFileFormat(tupleFile) });
    }
    // Every line is validated before any is written, so a bad line leaves no half-filled store.
    for (const source of sources) await runTupleImport(session, { ...source, dryRun: true });
    let tuples = 0;
    for (const source of sources) tuples += (await runTupleImport(session, source)).tuples;
    if (assertions.length > 0) await service.writeAssertions({ storeId: store.id, authorizationModelId, assertions }, caller);
    return { storeId: store.id, authorizationModelId, tuples, assertions: assertions.length, notes };
  } catch (error) {
    // The store is new and only this import knows it: one that failed is removed, not left half filled.
    await service.deleteStore(store.id, caller).catch(() => undefined);
    throw error;
  }
}

export function registerStoreCommands(program: Command): void {
  const store = program.command('store').description('a whole store as an `fga` store file (RELATA_DATASTORE_URL or --datastore)');

  store
    .command('export')
    .requiredOption('--store <id>', 'store id')
    .option('--model <id>', 'model version (default: the latest)')
    .option('--out <file>', 'output file (default: stdout)')
    .option('--datastore <url>', 'datastore URL (overrides RELATA_DATASTORE_URL)')
    .description('write the model, tuples and assertions as a store file (runs with `relata model test`)')
    .action((options: { store: string; model?: string; out?: string; datastore?: string }) =>
      runCliAction('store export', async () => {
        const out = options.out ? createWriteStream(options.out) : process.stdout;
        const count = await withCliService(options.datastore, (service) => exportStoreFile(service, { storeId: options.store, modelId: options.model }, out));
        await closeOutput(out);
        process.stderr.write(`exported a store file with ${count} tuples\n`);
      }),
    );

  store
    .command('import')
    .argument('<file>', 'store file (.fga.yaml): name, model or model_file, tuples / tuple_file(s), tests')
    .option('--name <name>', 'name of the new store (default: the file\'s name)')
    .option('--datastore <url>', 'datastore URL (overrides RELATA_DATASTORE_URL)')
    .option(...reasonOption)
    .description('create a store from a store file: its model, tuples, and its check tests as assertions (a test\'s local tuples as their contextual tuples)')
    .action((file: string, options: { name?: string; datastore?: string; reason?: string }) =>
      runCliAction('store import', async () => {
        const caller = operatorCaller('store import', options.reason);
        const result = await withCliService(options.datastore, (service) => importStoreFile(service, file, { name: options.name, caller }));
        for (const note of result.notes) process.stderr.write(`note: ${note}\n`);
        process.stdout.write(`created store ${result.storeId} (model ${result.authorizationModelId}) with ${result.tuples} tuples and ${result.assertions} assertions\n`);
      }),
    );
}
