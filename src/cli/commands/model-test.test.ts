import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { conformanceDir, printScore } from '../../../test/helpers/conformance.js';
import { formatStoreTestReport } from './model-test.js';
import { runStoreTestFile } from './model-test-run.js';

const examplesDir = resolve(import.meta.dirname, '../../../schema-examples');
const corpus = conformanceDir();

describe('relata model test', () => {
  it('passes every schema example', async () => {
    const files = readdirSync(examplesDir)
      .map((name) => join(examplesDir, name, 'store.fga.yaml'))
      .filter((file) => existsSync(file));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const report = await runStoreTestFile(file);
      expect(report.passed, formatStoreTestReport(report).join('\n')).toBe(true);
    }
  });

  it.skipIf(!corpus)('runs the openfga/language store files, rejecting the invalid ones as fga does', async () => {
    const storesDir = join(corpus!, 'openfga-language', 'stores');
    const counts = { passed: 0, failed: 0, skipped: 0 };
    for (const name of readdirSync(storesDir).sort()) {
      const report = await runStoreTestFile(join(storesDir, name, 'store.fga.yaml'));
      const expectedPath = join(storesDir, name, 'expected_errors.json');
      let ok: boolean;
      if (existsSync(expectedPath)) {
        const expected = JSON.parse(readFileSync(expectedPath, 'utf8')) as { instancePath: string; message: string; params?: { additionalProperty?: string } }[];
        ok = !report.passed && expected.every((want) => report.fileIssues.some((issue) =>
          issue.instancePath === want.instancePath && issue.message === want.message
          && issue.params?.additionalProperty === want.params?.additionalProperty));
      } else {
        ok = report.passed;
      }
      if (!ok) console.log(formatStoreTestReport(report).join('\n'));
      counts[ok ? 'passed' : 'failed']++;
    }
    printScore('openfga-language stores (model test)', counts);
    expect(counts.failed).toBe(0);
  });

  it('reports failing assertions, reads tuple files, and fails the run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'relata-model-test-'));
    writeFileSync(join(dir, 'model.fga'), 'model\n  schema 1.1\ntype user\ntype doc\n  relations\n    define viewer: [user, user with small]\ncondition small(x: int) {\n  x < 5\n}\n');
    writeFileSync(join(dir, 'tuples.csv'), 'user_type,user_id,user_relation,relation,object_type,object_id,condition_name,condition_context\nuser,anne,,viewer,doc,1,,\nuser,bob,,viewer,doc,2,small,"{""x"": 1}"\n');
    writeFileSync(join(dir, 'more.yaml'), '- user: user:carl\n  relation: viewer\n  object: doc:3\n');
    writeFileSync(join(dir, 'store.fga.yaml'), [
      'model_file: ./model.fga',
      'tuple_files: [./tuples.csv, ./more.yaml]',
      'tests:',
      '  - name: mixed',
      '    check:',
      '      - user: user:anne',
      '        objects: [doc:1, doc:2]',
      '        assertions: {viewer: true}',
      '    list_objects:',
      '      - user: user:bob',
      '        type: doc',
      '        assertions: {viewer: [doc:2]}',
      '    list_users:',
      '      - object: doc:3',
      '        user_filter: [{type: user}]',
      '        assertions: {viewer: {users: [user:carl]}}',
    ].join('\n'));
    const report = await runStoreTestFile(join(dir, 'store.fga.yaml'));
    expect(report.passed).toBe(false);
    const failed = report.tests[0].results.filter((r) => !r.passed).map((r) => r.query);
    expect(failed).toEqual(['check(user=user:anne, relation=viewer, object=doc:2)']);
    expect(formatStoreTestReport(report).join('\n')).toContain('FAILED check(user=user:anne, relation=viewer, object=doc:2): expected true, got false');
  });

  it('reads tuple files as relata tuples import does: JSON lines, JSON lists, expiries; a bad line is named', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'relata-model-test-'));
    const model = 'model: |\n  model\n    schema 1.1\n  type user\n  type doc\n    relations\n      define viewer: [user, user with small]\n  condition small(x: int) {\n    x < 5\n  }\n';
    writeFileSync(join(dir, 'tuples.jsonl'), '{"user":"user:anne","relation":"viewer","object":"doc:1"}\n\n{"user":"user:bob","relation":"viewer","object":"doc:2","condition":{"name":"small","context":{"x":9}}}\n{"user":"user:carl","relation":"viewer","object":"doc:3","expires_at":"2030-01-01T00:00:00Z"}\n');
    writeFileSync(join(dir, 'list.json'), '[{"user":"user:dora","relation":"viewer","object":"doc:4"}]');
    const check = (object: string, expected: boolean, now = '2029-06-01T00:00:00Z') =>
      `  - name: ${object} at ${now}\n    now: "${now}"\n    check:\n      - user: user:${{ 'doc:1': 'anne', 'doc:2': 'bob', 'doc:3': 'carl', 'doc:4': 'dora' }[object]}\n        object: ${object}\n        assertions: {viewer: ${expected}}\n`;
    writeFileSync(join(dir, 'store.fga.yaml'), `${model}tuple_files: [./tuples.jsonl, ./list.json]\ntests:\n${check('doc:1', true)}${check('doc:2', false)}${check('doc:3', true)}${check('doc:3', false, '2030-06-01T00:00:00Z')}${check('doc:4', true)}`);
    const report = await runStoreTestFile(join(dir, 'store.fga.yaml'));
    expect(formatStoreTestReport(report).join('\n')).not.toMatch(/FAILED|error/i);
    expect(report.passed).toBe(true);
    expect(report.tests).toHaveLength(5);

    writeFileSync(join(dir, 'bad.jsonl'), '{"user":"user:anne","relation":"viewer","object":"doc:1"}\n{"user":"user:bob","relation":"viewer","objekt":"doc:2"}\n');
    writeFileSync(join(dir, 'bad.fga.yaml'), `${model}tuple_file: ./bad.jsonl\ntests: []\n`);
    const bad = await runStoreTestFile(join(dir, 'bad.fga.yaml'));
    expect(bad.passed).toBe(false);
    expect(bad.errors.join('\n')).toMatch(/bad\.jsonl:2: unknown field 'objekt'/);
  });

  it('reports an invalid model and an invalid tuple without throwing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'relata-model-test-'));
    writeFileSync(join(dir, 'bad-model.fga.yaml'), 'model: |\n  model\n    schema 1.1\n  type doc\n    relations\n      define viewer: [nope]\ntests: []\n');
    const badModel = await runStoreTestFile(join(dir, 'bad-model.fga.yaml'));
    expect(badModel.passed).toBe(false);
    expect(badModel.errors[0]).toMatch(/invalid model/);
    writeFileSync(join(dir, 'bad-tuple.fga.yaml'), 'model: |\n  model\n    schema 1.1\n  type user\n  type doc\n    relations\n      define viewer: [user]\ntuples:\n  - {user: "doc:1", relation: viewer, object: "doc:2"}\ntests:\n  - name: t\n    check: []\n');
    const badTuple = await runStoreTestFile(join(dir, 'bad-tuple.fga.yaml'));
    expect(badTuple.passed).toBe(false);
    expect(badTuple.tests[0].errors[0]).toMatch(/invalid tuple/);
  });
});
