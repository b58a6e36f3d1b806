// `relata tuples import|export` and `relata store export|import` on the memory datastore: every
// format, bad lines with their line numbers, nothing half-written within a batch, resume from the
// checkpoint, and export -> import round trips that Read back identically.
import { existsSync, mkdtempSync, readFileSync, writeFileSync, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { beforeEach, describe, expect, it } from 'vitest';
import { printModel, transformDslToModel } from '../../dsl/index.js';
import type { TupleKey } from '../../model/index.js';
import { silentLogger } from '../../observability/index.js';
import { createRelataService } from '../../service/index.js';
import type { RelataService } from '../../service/index.js';
import type { ExportedTuple } from '../../service/bulk/tuple-export.js';
import { createMemoryDatastore } from '../../storage/memory/index.js';
import type { Assertion } from '../../storage/index.js';
import { exportTuplesCommand, importTuplesCommand } from '../commands/tuples.js';
import type { TuplesImportOptions } from '../commands/tuples.js';
import { exportStoreFile, importStoreFile } from '../commands/store-file-transfer.js';
import { runStoreTestFile } from '../commands/model-test-run.js';
import { defaultCheckpointPath } from './checkpoint.js';
import { TupleFileError, maxLineBytes } from '../tuple-files/read-tuples.js';
import type { TupleFileFormat } from '../tuple-files/read-tuples.js';

const dsl = `model
  schema 1.1
type user
type group
  relations
    define member: [user, group#member]
type doc
  relations
    define viewer: [user, user:*, group#member, user with small]
    define editor: [user]
condition small(x: int) {
  x < 5
}
`;

const sample: TupleKey[] = [
  { user: 'user:anne', relation: 'viewer', object: 'doc:1' },
  { user: 'user:*', relation: 'viewer', object: 'doc:2' },
  { user: 'group:eng#member', relation: 'viewer', object: 'doc:3' },
  { user: 'user:bob', relation: 'viewer', object: 'doc:4', condition: { name: 'small', context: { x: 1 } } },
  { user: 'user:carl', relation: 'viewer', object: 'doc:"quoted",comma', condition: { name: 'small' } },
  { user: 'user:dora', relation: 'member', object: 'group:eng' },
  { user: 'group:ops#member', relation: 'member', object: 'group:eng' },
];

let service: RelataService;
let storeId: string;
let dir: string;

beforeEach(async () => {
  service = createRelataService({ datastore: createMemoryDatastore(), logger: silentLogger() });
  storeId = (await service.createStore({ name: 'bulk import' })).id;
  await service.writeAuthorizationModel({ storeId, model: transformDslToModel(dsl) });
  dir = mkdtempSync(join(tmpdir(), 'relata-import-'));
});

async function readAll(store = storeId): Promise<TupleKey[]> {
  const out: TupleKey[] = [];
  for await (const key of service.exportTuples({ storeId: store })) out.push(key);
  return out;
}

async function exportTo(format: TupleFileFormat, store = storeId): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  await exportTuplesCommand(service, store, format, out);
  out.end();
  await once(out, 'end');
  return Buffer.concat(chunks).toString('utf8');
}

async function newStore(): Promise<string> {
  const id = (await service.createStore({ name: 'target' })).id;
  await service.writeAuthorizationModel({ storeId: id, model: transformDslToModel(dsl) });
  return id;
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const jsonl = (tuples: (TupleKey & { expires_at?: string })[]): string => tuples.map((t) => JSON.stringify(t)).join('\n');

async function failure(promise: Promise<unknown>): Promise<TupleFileError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(TupleFileError);
  return error as TupleFileError;
}

// Each case read on the main thread and on the import's reader thread: the same outcome, the same errors.
describe.each([false, true])('relata tuples import / export (reader thread: %s)', (readerThread) => {
  const importTuples = (path: string, options: TuplesImportOptions) => importTuplesCommand(service, path, { ...options, readerThread });

  it.each(['jsonl', 'csv', 'yaml'] as const)('round trips %s: export -> import into another store -> identical Read', async (format) => {
    const source = file(`seed.jsonl`, jsonl(sample));
    await importTuples(source, { store: storeId });
    const text = await exportTo(format);
    const target = await newStore();
    const result = await importTuples(file(`export.${format}`, text), { store: target, batchSize: '2' });
    expect(result).toMatchObject({ tuples: sample.length, inserted: sample.length, duplicates: 0, batches: 4 });
    expect(await readAll(target)).toEqual(await readAll());
    expect(await readAll()).toHaveLength(sample.length);
  });

  it('reads the fga CSV layout in any column order, and YAML store files with a tuples: list', async () => {
    const csv = file('t.csv', 'object_type,object_id,relation,user_type,user_id,user_relation,condition_name,condition_context\r\ndoc,9,viewer,group,eng,member,,\r\n\r\ndoc,8,viewer,user,bob,,small,"{""x"": 2}"\r\n');
    await importTuples(csv, { store: storeId });
    const yaml = file('store.fga.yaml', 'name: x\nmodel: |\n  model\n    schema 1.1\ntuples:\n  - user: user:anne\n    relation: editor\n    object: doc:7\ntests: []\n');
    await importTuples(yaml, { store: storeId });
    expect(await readAll()).toEqual([
      { user: 'user:anne', relation: 'editor', object: 'doc:7' },
      { user: 'user:bob', relation: 'viewer', object: 'doc:8', condition: { name: 'small', context: { x: 2 } } },
      { user: 'group:eng#member', relation: 'viewer', object: 'doc:9' },
    ]);
  });

  it('stops at a bad line naming it; earlier batches stay, the bad line\'s batch is not written; --resume finishes', async () => {
    const good = Array.from({ length: 10 }, (_, i) => ({ user: `user:u${i}`, relation: 'viewer', object: `doc:${i}` }));
    const lines = good.map((t) => JSON.stringify(t));
    lines[7] = JSON.stringify({ user: 'user:u7', relation: 'owner', object: 'doc:7' });
    const path = file('bad.jsonl', lines.join('\n'));
    const error = await failure(importTuples(path, { store: storeId, batchSize: '3' }));
    expect(error.line).toBe(8);
    expect(error.message).toMatch(/bad\.jsonl:8: .*owner/);
    // Batches 1-3 and 4-6 committed; 7-9 (with the bad line 8) wrote nothing.
    expect((await readAll()).map((t) => t.object).sort()).toEqual(['doc:0', 'doc:1', 'doc:2', 'doc:3', 'doc:4', 'doc:5']);
    const checkpoint = JSON.parse(readFileSync(defaultCheckpointPath(path), 'utf8')) as { line: number; storeId: string };
    expect(checkpoint).toMatchObject({ line: 6, storeId });

    lines[7] = JSON.stringify(good[7]);
    writeFileSync(path, lines.join('\n'));
    const resumed = await importTuples(path, { store: storeId, batchSize: '3', resume: true });
    expect(resumed).toMatchObject({ tuples: 4, inserted: 4 });
    expect(await readAll()).toHaveLength(10);
    expect(existsSync(defaultCheckpointPath(path))).toBe(false);
    // Running the whole file again is harmless: nothing new.
    expect(await importTuples(path, { store: storeId })).toMatchObject({ tuples: 10, inserted: 0 });
    // --resume-from starts at a line; a checkpoint of another store is refused.
    expect(await importTuples(path, { store: storeId, resumeFrom: '9' })).toMatchObject({ tuples: 2 });
    writeFileSync(defaultCheckpointPath(path), JSON.stringify({ file: path, storeId: '01HZZZZZZZZZZZZZZZZZZZZZZZ', line: 3 }));
    await expect(importTuples(path, { store: storeId, resume: true })).rejects.toThrow(/is for store/);
  });

  it.each([
    ['malformed JSON', 'x.jsonl', '{"user":"user:a","relation":"viewer","object":"doc:1"}\n{"user": nope}\n', 2, /invalid JSON/],
    ['a JSON array', 'x.jsonl', '[1,2]\n', 1, /expected an object/],
    ['an unknown field', 'x.jsonl', '\n{"user":"user:a","relation":"viewer","object":"doc:1","extra":1}\n', 2, /unknown field 'extra'/],
    ['a missing field', 'x.jsonl', '{"user":"user:a","object":"doc:1"}\n', 1, /'relation'/],
    ['a bad condition', 'x.jsonl', '{"user":"user:a","relation":"viewer","object":"doc:1","condition":{"context":{}}}\n', 1, /condition\.name/],
    ['a malformed user', 'x.jsonl', '{"user":"anne","relation":"viewer","object":"doc:1"}\n', 1, /user/],
    ['an unknown type', 'x.jsonl', '{"user":"user:a","relation":"viewer","object":"page:1"}\n', 1, /page/],
    ['a condition the relation does not allow', 'x.jsonl', '{"user":"user:a","relation":"editor","object":"doc:1","condition":{"name":"small"}}\n', 1, /small|condition/],
    ['a control character', 'x.jsonl', '{"user":"user:a\\u0000","relation":"viewer","object":"doc:1"}\n', 1, /user/],
    ['a CSV without a required column', 'x.csv', 'user_type,user_id,relation,object_type\nuser,a,viewer,doc\n', 1, /object_id/],
    ['a CSV context that is not JSON', 'x.csv', 'user_type,user_id,relation,object_type,object_id,condition_name,condition_context\nuser,a,viewer,doc,1,small,"{x"\n', 2, /condition_context/],
    ['a CSV with an open quote', 'x.csv', 'user_type,user_id,relation,object_type,object_id\nuser,"a,viewer,doc,1\n', 2, /quoted/],
    ['a YAML item that is not a tuple', 'x.yaml', '- user: user:a\n  relation: viewer\n  object: doc:1\n- just text\n', 4, /expected an object/],
    ['YAML that does not parse', 'x.yaml', '- user: [\n', 2, /./],
  ])('refuses %s with its line number and writes nothing of its batch', async (_label, name, text, line, message) => {
    const error = await failure(importTuples(file(name, text), { store: storeId }));
    expect(error.line).toBe(line);
    expect(error.reason).toMatch(message);
    expect(await readAll()).toEqual([]);
  });

  it('refuses an oversized line without buffering it whole', async () => {
    const path = file('big.jsonl', `${JSON.stringify({ user: `user:${'x'.repeat(maxLineBytes + 10)}`, relation: 'viewer', object: 'doc:1' })}\n`);
    const error = await failure(importTuples(path, { store: storeId }));
    expect(error.reason).toMatch(/longer than/);
  });

  it('drops a repeated line, refuses the same tuple with another condition (in the file or in the store)', async () => {
    const t = { user: 'user:bob', relation: 'viewer', object: 'doc:1', condition: { name: 'small', context: { x: 1 } } };
    const repeated = await importTuples(file('r.jsonl', jsonl([t, t, t])), { store: storeId });
    expect(repeated).toMatchObject({ tuples: 3, inserted: 1, duplicates: 2 });
    const inFile = await failure(importTuples(file('c.jsonl', jsonl([sample[0], t, { ...t, condition: { name: 'small', context: { x: 2 } } }])), { store: storeId }));
    expect(inFile.message).toMatch(/c\.jsonl:3: the same tuple as line 2 with a different condition/);
    const inStore = await failure(importTuples(file('s.jsonl', jsonl([sample[0], { ...t, condition: undefined }])), { store: storeId }));
    expect(inStore.message).toMatch(/s\.jsonl:2: .*already exists.*different condition/);
    expect(await readAll()).toEqual([t]);
  });

  it('--dry-run validates every line and writes nothing; bad options are usage errors', async () => {
    const path = file('d.jsonl', jsonl(sample));
    expect(await importTuples(path, { store: storeId, dryRun: true })).toMatchObject({ tuples: sample.length, batches: 0 });
    expect(await readAll()).toEqual([]);
    await expect(importTuples(path, { store: storeId, batchSize: '0' })).rejects.toThrow(/--batch-size/);
    await expect(importTuples(path, { store: storeId, batchSize: '10001' })).rejects.toThrow(/--batch-size/);
    await expect(importTuples(path, { store: storeId, format: 'xml' })).rejects.toThrow(/format/);
    await expect(importTuples(join(dir, 'missing.jsonl'), { store: storeId })).rejects.toThrow(/no such file/);
    await expect(importTuples(path, { store: 'bad' })).rejects.toThrow(/store_id/);
  });

  it('keeps loading while another writer deletes and rewrites the same tuples', async () => {
    const many = Array.from({ length: 2000 }, (_, i) => ({ user: `user:u${i % 50}`, relation: 'viewer', object: `doc:${i}` }));
    const path = file('m.jsonl', jsonl(many));
    const writer = (async () => {
      for (let i = 0; i < 20; i++) {
        await service.write({ storeId, writes: { tupleKeys: [many[i * 3]], onDuplicate: 'ignore' } });
        await service.write({ storeId, deletes: { tupleKeys: [many[i * 3]], onMissing: 'ignore' } });
      }
    })();
    await importTuples(path, { store: storeId, batchSize: '100' });
    await writer;
    // Everything is there except what the writer deleted after the import wrote it.
    expect((await readAll()).length).toBeGreaterThanOrEqual(2000 - 20);
  });
});

describe('relata store export / import', () => {
  it('round trips model, tuples and assertions; the exported file passes relata model test', async () => {
    await importTuplesCommand(service, file('seed.jsonl', jsonl(sample)), { store: storeId });
    const modelId = (await service.readAuthorizationModels({ storeId, pageSize: 1 })).items[0].id!;
    const assertions = [
      { tupleKey: { user: 'user:anne', relation: 'viewer', object: 'doc:1' }, expectation: true },
      { tupleKey: { user: 'user:zed', relation: 'viewer', object: 'doc:2' }, expectation: true },
      // Bob's grant is conditional (x < 5, x = 1 in the tuple): allowed.
      { tupleKey: { user: 'user:bob', relation: 'viewer', object: 'doc:4' }, expectation: true, context: { y: 1 }, contextualTuples: [{ user: 'user:bob', relation: 'editor', object: 'doc:4' }] },
    ];
    await service.writeAssertions({ storeId, authorizationModelId: modelId, assertions });
    const path = join(dir, 'store.fga.yaml');
    const out = createWriteStream(path);
    expect(await exportStoreFile(service, { storeId }, out)).toBe(sample.length);
    out.end();
    await once(out, 'finish');

    const report = await runStoreTestFile(path);
    expect(report.passed, JSON.stringify(report.tests.map((t) => t.results.filter((r) => !r.passed)))).toBe(true);

    const imported = await importStoreFile(service, path, { name: 'copy' });
    expect(imported).toMatchObject({ tuples: sample.length, assertions: 3, notes: [] });
    expect(await readAll(imported.storeId)).toEqual(await readAll());
    const copy = await service.readAssertions({ storeId: imported.storeId, authorizationModelId: imported.authorizationModelId });
    expect(copy.assertions).toEqual(assertions);
    const original = await service.readAuthorizationModel(storeId, modelId);
    expect(printModel(await service.readAuthorizationModel(imported.storeId, imported.authorizationModelId))).toBe(printModel(original));
    expect((await service.getStore(imported.storeId)).name).toBe('copy');
  });

  it('imports tuple_file(s) and says what a store cannot keep', async () => {
    file('tuples.csv', 'user_type,user_id,user_relation,relation,object_type,object_id\nuser,anne,,viewer,doc,1\n');
    file('more.jsonl', '{"user":"user:bob","relation":"editor","object":"doc:2"}\n');
    const path = file('s.fga.yaml', `name: with files\nmodel: |\n${dsl.split('\n').map((l) => `  ${l}`).join('\n')}\ntuple_files:\n  - tuples.csv\n  - more.jsonl\ntests:\n  - name: t\n    tuples:\n      - user: user:x\n        relation: editor\n        object: doc:9\n    check:\n      - users: [user:anne, user:bob]\n        object: doc:1\n        assertions:\n          viewer: true\n          editor: false\n    list_objects:\n      - user: user:anne\n        type: doc\n        assertions:\n          viewer: [doc:1]\n`);
    const imported = await importStoreFile(service, path);
    expect(imported.tuples).toBe(2);
    expect(imported.assertions).toBe(4);
    expect(imported.notes).toHaveLength(2);
    expect((await readAll(imported.storeId)).map((t) => t.object)).toEqual(['doc:1', 'doc:2']);
    await expect(importStoreFile(service, file('bad.fga.yaml', 'nothing: here\n'))).rejects.toThrow(/not a valid store file/);
  });

  it('all or nothing: a bad tuple anywhere leaves no store behind, not even a half-filled one', async () => {
    file('good.jsonl', '{"user":"user:bob","relation":"editor","object":"doc:2"}\n');
    file('bad.jsonl', '{"user":"user:eve","relation":"editor","object":"doc:3"}\n{"user":"user:eve","relation":"owner","object":"doc:3"}\n');
    const path = file('half.fga.yaml', `name: half\nmodel: |\n${dsl.split('\n').map((l) => `  ${l}`).join('\n')}\ntuples:\n  - user: user:anne\n    relation: viewer\n    object: doc:1\ntuple_files:\n  - good.jsonl\n  - bad.jsonl\ntests: []\n`);
    const before = (await service.listStores({})).items.length;
    await expect(importStoreFile(service, path)).rejects.toThrow(/bad\.jsonl:2/);
    const after = await service.listStores({});
    expect(after.items.map((s) => s.name)).not.toContain('half');
    expect(after.items).toHaveLength(before);
  });
});

describe('relata store import: test-local tuples as contextual tuples', () => {
  const model = `model: |\n${dsl.split('\n').map((l) => `  ${l}`).join('\n')}\n`;
  const adminSite = resolve(import.meta.dirname, '../../../schema-examples/admin-site/store.fga.yaml');

  async function exportToFile(id: string, name: string): Promise<string> {
    const path = join(dir, name);
    const out = createWriteStream(path);
    await exportStoreFile(service, { storeId: id }, out);
    out.end();
    await once(out, 'finish');
    return path;
  }

  async function checkResults(path: string): Promise<{ passed: number; failed: string[] }> {
    const report = await runStoreTestFile(path);
    expect(report.fileIssues).toEqual([]);
    expect(report.errors).toEqual([]);
    const checks = report.tests.flatMap((t) => t.results.filter((r) => r.kind === 'check'));
    return { passed: checks.filter((r) => r.passed).length, failed: checks.filter((r) => !r.passed).map((r) => `${r.query}: ${r.actual}`) };
  }

  /** Imports a store file whose `checks` all pass, checks its export passes them too, returns the stored assertions. */
  async function roundTrip(path: string, checks: number): Promise<{ imported: Awaited<ReturnType<typeof importStoreFile>>; assertions: Assertion[] }> {
    expect(await checkResults(path)).toEqual({ passed: checks, failed: [] });
    const imported = await importStoreFile(service, path);
    const { assertions } = await service.readAssertions({ storeId: imported.storeId, authorizationModelId: imported.authorizationModelId });
    expect(await checkResults(await exportToFile(imported.storeId, 'exported.fga.yaml'))).toEqual({ passed: checks, failed: [] });
    return { imported, assertions };
  }

  it('the admin-site example: import -> export -> relata model test passes all 57 checks', async () => {
    const { imported } = await roundTrip(adminSite, 57);
    expect(imported.assertions).toBe(57);
    expect(imported.notes).toContain("1 test-local tuples of 1 tests kept as the contextual tuples of those tests' 16 assertions");
  });

  it('keeps the conditions of local tuples, inline and from tuple files, and round trips them', async () => {
    file('local.yaml', '- {user: user:carl, relation: viewer, object: doc:8, condition: {name: small, context: {x: 7}}}\n');
    const path = file('cond.fga.yaml', `name: cond\n${model}tests:
  - name: conditional grants
    tuples:
      - user: user:bob
        relation: viewer
        object: doc:7
        condition:
          name: small
    tuple_file: local.yaml
    check:
      - user: user:bob
        object: doc:7
        context: {x: 1}
        assertions: {viewer: true}
      - user: user:bob
        object: doc:7
        context: {x: 9}
        assertions: {viewer: false}
      - user: user:carl
        object: doc:8
        assertions: {viewer: false}
`);
    const { imported, assertions } = await roundTrip(path, 3);
    expect(imported).toMatchObject({ tuples: 0, assertions: 3 });
    expect(imported.notes).toEqual(["2 test-local tuples of 1 tests kept as the contextual tuples of those tests' 3 assertions"]);
    const local = [
      { user: 'user:bob', relation: 'viewer', object: 'doc:7', condition: { name: 'small' } },
      { user: 'user:carl', relation: 'viewer', object: 'doc:8', condition: { name: 'small', context: { x: 7 } } },
    ];
    expect(assertions.map((a) => a.contextualTuples)).toEqual([local, local, local]);
    expect(assertions[0].context).toEqual({ x: 1 });
  });

  it("merges a check's own contextual tuples with the local ones: its own first, one per key", async () => {
    const path = file('merge.fga.yaml', `name: merge\n${model}tests:
  - name: both
    tuples:
      - user: user:bob
        relation: viewer
        object: doc:7
        condition: {name: small, context: {x: 1}}
      - user: user:anne
        relation: editor
        object: doc:7
    check:
      - user: user:bob
        object: doc:7
        contextual_tuples:
          - user: user:bob
            relation: viewer
            object: doc:7
            condition: {name: small, context: {x: 9}}
          - user: user:dora
            relation: editor
            object: doc:7
        assertions: {viewer: false}
      - user: user:bob
        object: doc:7
        assertions: {viewer: true}
`);
    const { assertions } = await roundTrip(path, 2);
    expect(assertions.map((a) => a.contextualTuples)).toEqual([
      [
        { user: 'user:bob', relation: 'viewer', object: 'doc:7', condition: { name: 'small', context: { x: 9 } } },
        { user: 'user:dora', relation: 'editor', object: 'doc:7' },
        { user: 'user:anne', relation: 'editor', object: 'doc:7' },
      ],
      [
        { user: 'user:bob', relation: 'viewer', object: 'doc:7', condition: { name: 'small', context: { x: 1 } } },
        { user: 'user:anne', relation: 'editor', object: 'doc:7' },
      ],
    ]);
  });

  it('leaves out, with a note naming the test, the assertions that cannot carry their local tuples', async () => {
    const many = (n: number): string => Array.from({ length: n }, (_, i) => `      - {user: "user:u${i}", relation: editor, object: doc:7}\n`).join('');
    const path = file('limit.fga.yaml', `name: limit\n${model}tests:
  - name: at the limit
    tuples:
${many(20)}    check:
      - {user: user:u0, object: doc:7, assertions: {editor: true}}
  - name: over the limit
    tuples:
${many(21)}    check:
      - {user: user:u20, object: doc:7, assertions: {editor: true, viewer: false}}
  - name: over with its own
    tuples:
${many(19)}    check:
      - user: user:u0
        object: doc:7
        contextual_tuples:
          - {user: user:x, relation: editor, object: doc:8}
        assertions: {editor: true}
      - user: user:x
        object: doc:8
        contextual_tuples:
          - {user: user:x, relation: editor, object: doc:8}
          - {user: user:y, relation: editor, object: doc:8}
        assertions: {editor: true}
  - name: expiring
    tuples:
      - {user: user:e, relation: editor, object: doc:7, expires_at: "2999-01-01T00:00:00Z"}
    check:
      - {user: user:e, object: doc:7, assertions: {editor: true}}
`);
    const imported = await importStoreFile(service, path);
    expect(imported.assertions).toBe(2);
    expect(imported.notes).toEqual([
      "test 'over the limit': 2 check assertions not imported: they need up to 21 contextual tuples (the test's 21 local tuples and the check's own), more than the 20 an assertion may carry",
      "test 'over with its own': 1 check assertions not imported: they need up to 21 contextual tuples (the test's 19 local tuples and the check's own), more than the 20 an assertion may carry",
      "test 'expiring': 1 check assertions not imported: 1 of its local tuples have expires_at, which a contextual tuple cannot carry",
      "61 test-local tuples of 4 tests kept as the contextual tuples of those tests' 2 assertions",
    ]);
    const { assertions } = await service.readAssertions({ storeId: imported.storeId, authorizationModelId: imported.authorizationModelId });
    expect(assertions.map((a) => [a.tupleKey.user, a.contextualTuples?.length])).toEqual([['user:u0', 20], ['user:u0', 20]]);
  });

  it('refuses a malformed local tuple naming the test and where it is, creating nothing', async () => {
    const before = (await service.listStores({})).items.length;
    const bad = (tests: string): string => file('bad-local.fga.yaml', `name: bad local\n${model}tuples:\n  - {user: user:anne, relation: viewer, object: doc:1}\ntests:\n${tests}`);
    await expect(importStoreFile(service, bad(`  - name: fine\n    tuples: [{user: user:a, relation: editor, object: doc:1}]\n  - name: broken\n    tuples:\n      - {user: user:a, relation: editor, object: doc:1}\n      - {user: user:a, relation: owner, object: doc:1}\n    check: [{user: user:a, object: doc:1, assertions: {editor: true}}]\n`)))
      .rejects.toThrow(/bad-local\.fga\.yaml: test 'broken': tuples\[1\]: Invalid tuple 'doc:1#owner@user:a'/);
    await expect(importStoreFile(service, bad('  - tuples: [{user: user:a, relation: viewer, object: doc:1, condition: {name: big}}]\n')))
      .rejects.toThrow(/test 'test 1': tuples\[0\]: .*big/);
    file('bad-local.jsonl', '{"user":"user:a","relation":"editor","object":"doc:1"}\n{"user":"user:a","relation":"editor","object":"doc:1","extra":1}\n');
    await expect(importStoreFile(service, bad('  - name: from a file\n    tuple_files: [bad-local.jsonl]\n')))
      .rejects.toThrow(/test 'from a file': .*bad-local\.jsonl:2: unknown field 'extra'/);
    await expect(importStoreFile(service, bad('  - name: own\n    check: [{user: user:a, object: doc:1, contextual_tuples: [{user: "doc:2", relation: editor, object: doc:1}], assertions: {editor: true}}]\n')))
      .rejects.toThrow(/test 'own': check\[0\]\.contextual_tuples\[0\]: Invalid tuple/);
    expect((await service.listStores({})).items).toHaveLength(before);
  });
});

describe('expiring grants through the import', () => {
  // Before the multi-tenant example's instant (2026-01-02), so that its expiring tuples are valid.
  const now = new Date('2025-12-01T00:00:00.000Z');
  const inDays = (days: number): string => new Date(now.getTime() + days * 86_400_000).toISOString();
  const multiTenant = resolve(import.meta.dirname, '../../../schema-examples/multi-tenant/store.fga.yaml');
  let clocked: RelataService;
  let store: string;

  beforeEach(async () => {
    clocked = createRelataService({ datastore: createMemoryDatastore(), logger: silentLogger(), clock: () => now });
    store = (await clocked.createStore({ name: 'expiring' })).id;
    await clocked.writeAuthorizationModel({ storeId: store, model: transformDslToModel(dsl) });
  });

  async function exported(id = store): Promise<ExportedTuple[]> {
    const out: ExportedTuple[] = [];
    for await (const key of clocked.exportTuples({ storeId: id })) out.push(key);
    return out;
  }

  async function exportText(format: TupleFileFormat): Promise<string> {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (chunk: Buffer) => chunks.push(chunk));
    await exportTuplesCommand(clocked, store, format, out);
    out.end();
    await once(out, 'end');
    return Buffer.concat(chunks).toString('utf8');
  }

  it('relata store import of the multi-tenant example keeps its expiries; export -> import round trips them', async () => {
    const first = await importStoreFile(clocked, multiTenant, { name: 'seed' });
    const seeded = await exported(first.storeId);
    expect(seeded.filter((t) => t.expiresAt).map((t) => `${t.object}#${t.relation}@${t.user} ${t.expiresAt!.toISOString()}`).sort()).toEqual([
      'group:acme-admins#member@user:judy 2026-01-02T00:00:00.000Z',
      'resource:invoice-42#viewer@user:ivan 2026-01-02T00:00:00.000Z',
    ]);
    const path = join(dir, 'seed.fga.yaml');
    const out = createWriteStream(path);
    expect(await exportStoreFile(clocked, { storeId: first.storeId }, out)).toBe(seeded.length);
    out.end();
    await once(out, 'finish');
    expect(readFileSync(path, 'utf8')).toMatch(/expires_at: 2026-01-02T00:00:00.000Z/);
    const copy = await importStoreFile(clocked, path, { name: 'copy' });
    expect(copy.tuples).toBe(seeded.length);
    expect(await exported(copy.storeId)).toEqual(seeded);
  });

  it('relata store import of the example at the real clock refuses its past expiries, naming the line and expires_at', async () => {
    const real = createRelataService({ datastore: createMemoryDatastore(), logger: silentLogger(), clock: () => new Date('2026-06-01T00:00:00Z') });
    const error = await failure(importStoreFile(real, multiTenant));
    expect(error.message).toMatch(/store\.fga\.yaml:\d+: invalid expires_at: 2026-01-02T00:00:00\.000Z is not in the future/);
  });

  it.each(['jsonl', 'yaml'] as const)('round trips expiring tuples as %s; CSV export and import refuse them', async (format) => {
    const tuples = [
      { user: 'user:anne', relation: 'viewer', object: 'doc:1', expires_at: inDays(1) },
      { user: 'user:bob', relation: 'viewer', object: 'doc:2', condition: { name: 'small', context: { x: 1 } }, expires_at: inDays(30) },
      { user: 'user:carl', relation: 'viewer', object: 'doc:3' },
    ];
    await importTuplesCommand(clocked, file('seed.jsonl', tuples.map((t) => JSON.stringify(t)).join('\n')), { store });
    const before = await exported();
    expect(before.map((t) => t.expiresAt?.toISOString())).toEqual([inDays(1), inDays(30), undefined]);
    const text = await exportText(format);
    const target = (await clocked.createStore({ name: 'target' })).id;
    await clocked.writeAuthorizationModel({ storeId: target, model: transformDslToModel(dsl) });
    await importTuplesCommand(clocked, file(`export.${format}`, text), { store: target });
    expect(await exported(target)).toEqual(before);
    await expect(exportText('csv')).rejects.toThrow(/CSV has no column for expires_at/);
  });

  it('refuses hostile expires_at values with the line and the field, writing nothing of the batch', async () => {
    const line = (expires: unknown, object = 'doc:1'): string => JSON.stringify({ user: 'user:anne', relation: 'viewer', object, expires_at: expires });
    const cases: [unknown, RegExp][] = [
      [inDays(-1), /invalid expires_at: .* is not in the future/],
      [now.toISOString(), /invalid expires_at: .* is not in the future/],
      [inDays(11 * 366), /invalid expires_at: .* more than 10 years ahead/],
      ['tomorrow', /invalid expires_at: 'tomorrow' is not a timestamp/],
      ['2030-01-01', /invalid expires_at: .* is not a timestamp/],
      ['2030-13-45T00:00:00Z', /invalid expires_at: .* is not a timestamp/],
      [`2030-01-01T00:00:00.${'9'.repeat(5000)}Z`, /invalid expires_at: .* is not a timestamp/],
      [1_900_000_000, /'expires_at' must be an RFC 3339 timestamp string/],
      [{ $date: inDays(1) }, /'expires_at' must be an RFC 3339 timestamp string/],
      ['', /'expires_at' must be an RFC 3339 timestamp string/],
      // A newline inside the field (the reader thread's packing separates fields with one).
      [`${inDays(1)}\n{"object":"doc:9"}`, /invalid expires_at: .* is not a timestamp/],
    ];
    // Read on the main thread and on the reader thread (the expiry is checked on the main one).
    for (const readerThread of [false, true]) {
      for (const [value, reason] of cases) {
        const path = file('bad.jsonl', `${line(inDays(1), 'doc:0')}\n${line(value)}\n`);
        const error = await failure(importTuplesCommand(clocked, path, { store, readerThread }));
        expect(error.message, String(value).slice(0, 40)).toMatch(/bad\.jsonl:2: /);
        expect(error.reason, String(value).slice(0, 40)).toMatch(reason);
      }
    }
    const csv = file('e.csv', `user_type,user_id,user_relation,relation,object_type,object_id,expires_at\nuser,anne,,viewer,doc,1,\nuser,bob,,viewer,doc,2,${inDays(1)}\n`);
    expect((await failure(importTuplesCommand(clocked, csv, { store }))).message).toMatch(/e\.csv:3: 'expires_at' is not supported in CSV/);
    const yaml = file('e.yaml', `- user: user:anne\n  relation: viewer\n  object: doc:1\n  expires_at: [1]\n`);
    expect((await failure(importTuplesCommand(clocked, yaml, { store }))).message).toMatch(/e\.yaml:1: 'expires_at' must be/);
    expect(await exported()).toEqual([]);
  });

  it('a repeat with the same instant is a duplicate; another expiry, in the file or in the store, is refused', async () => {
    const at = inDays(2);
    const sameInstant = new Date(at).toISOString().replace('.000Z', '+00:00');
    const t = { user: 'user:anne', relation: 'viewer', object: 'doc:1' };
    const repeated = await importTuplesCommand(clocked, file('r.jsonl', jsonl([{ ...t, expires_at: at }, { ...t, expires_at: sameInstant }])), { store });
    expect(repeated).toMatchObject({ tuples: 2, inserted: 1, duplicates: 1 });
    const inFile = await failure(importTuplesCommand(clocked, file('f.jsonl', jsonl([{ ...t, expires_at: at }, { ...t, expires_at: inDays(3) }])), { store }));
    expect(inFile.message).toMatch(/f\.jsonl:2: the same tuple as line 1 with a different condition or expires_at/);
    for (const other of [{ ...t, expires_at: inDays(3) }, t]) {
      const inStore = await failure(importTuplesCommand(clocked, file('s.jsonl', jsonl([{ user: 'user:zed', relation: 'viewer', object: 'doc:9' }, other])), { store }));
      expect(inStore.message).toMatch(/s\.jsonl:2: .*already exists.*different condition or expires_at/);
    }
    expect((await exported()).map((k) => k.expiresAt?.toISOString())).toEqual([at]);
  });
});
