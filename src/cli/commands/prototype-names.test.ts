// `relata model test` and `relata model transform` on store files and models that use
// Object.prototype names as types, relations, conditions, parameters and assertion keys.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROTOTYPE_NAMES, prototypeNamesDsl } from '../../../test/helpers/prototype-names.js';
import { formatStoreTestReport } from './model-test.js';
import { runStoreTestFile } from './model-test-run.js';
import { validateStoreFile } from './model-test-file.js';

const dir = mkdtempSync(join(tmpdir(), 'relata-proto-names-'));

function storeFile(n: string, param: string): string {
  const q = JSON.stringify(n);
  const indent = (text: string) => text.split('\n').map((line) => `  ${line}`).join('\n');
  return `name: proto ${n}
model: |
${indent(prototypeNamesDsl(n, param))}
tuples:
  - { user: user:anne, relation: ${q}, object: "${n}:g1" }
  - { user: user:bob, relation: ${q}, object: "${n}:g2" }
  - { user: "${n}:g2#${n}", relation: ${q}, object: "${n}:g1" }
  - { user: user:carl, relation: ${q}, object: "${n}:g4", condition: { name: ${q}, context: { ${JSON.stringify(param)}: ok } } }
  - { user: "${n}:g1#${n}", relation: ${q}, object: doc:1 }
  - { user: user:bob, relation: blocked, object: doc:1 }
  - { user: "${n}:g4", relation: parent, object: doc:3 }
tests:
  - name: names
    check:
      - user: user:anne
        object: doc:1
        assertions: { ${q}: true, viewer: true, can_view: true }
      - user: user:bob
        object: doc:1
        assertions: { ${q}: true, viewer: true, can_view: false }
      - user: user:carl
        object: doc:3
        assertions: { ${q}: false, viewer: true }
      - user: user:anne
        object: "${n}:g1"
        assertions: { ${q}: true }
    list_objects:
      - user: user:carl
        type: doc
        assertions: { viewer: [doc:3], ${q}: [] }
      - user: user:bob
        type: ${q}
        assertions: { ${q}: ["${n}:g1", "${n}:g2"] }
    list_users:
      - object: doc:1
        user_filter: [{ type: user }]
        assertions: { viewer: { users: [user:anne, user:bob] }, ${q}: { users: [user:anne, user:bob] } }
`;
}

describe.each(PROTOTYPE_NAMES)('the name %s', (n) => {
  it('runs a store file whose model, tuples and assertion keys use it', async () => {
    const path = join(dir, `${n}.fga.yaml`);
    writeFileSync(path, storeFile(n, n));
    const report = await runStoreTestFile(path);
    expect(report.passed, formatStoreTestReport(report).join('\n')).toBe(true);
    expect(report.tests[0]!.results).toHaveLength(3 + 3 + 2 + 1 + 2 + 1 + 2);
  });

  it('is an unknown key of a store file, not a schema entry', () => {
    const data = JSON.parse(`{"model": "x", "tests": [], ${JSON.stringify(n)}: "y"}`) as unknown;
    expect(validateStoreFile(data)).toEqual([
      { instancePath: '', keyword: 'additionalProperties', message: 'must NOT have additional properties', params: { additionalProperty: n } },
    ]);
  });
});
