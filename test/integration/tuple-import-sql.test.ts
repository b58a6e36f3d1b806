// `relata tuples import` through the COPY path on PGlite and PostgreSQL: text that COPY's format
// must escape survives byte for byte, hostile files fail on their line with nothing of the bad
// batch written, a failure half way resumes from the checkpoint to the same end state, imports
// and Writes of the same store interleave safely, and every committed batch that inserted tuples
// leaves one ImportTuples audit record (actor cli:<user>) in its own transaction.
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { transformDslToModel } from '../../src/dsl/index.js';
import type { TupleKey } from '../../src/model/index.js';
import { silentLogger } from '../../src/observability/index.js';
import { createRelataService } from '../../src/service/index.js';
import type { RelataService } from '../../src/service/index.js';
import type { Datastore } from '../../src/storage/datastore.js';
import { createPgliteDatastore } from '../../src/storage/pglite/index.js';
import { createPostgresDatastore } from '../../src/storage/postgres/index.js';
import { importTuplesCommand } from '../../src/cli/commands/tuples.js';
import { operatorCaller } from '../../src/cli/operator.js';
import { TupleFileError } from '../../src/cli/tuple-files/read-tuples.js';
import { readAllChanges } from '../helpers/changelog.js';
import { dropTestSchema, testDatabaseUrl } from '../helpers/services.js';
import { tempFolderPerTest } from '../helpers/temp-folder.js';

const schema = `relata_test_copy_import_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
afterAll(() => dropTestSchema(schema));

const dsl = `model
  schema 1.1
type user
type group
  relations
    define member: [user, group#member]
type doc
  relations
    define viewer: [user, user:*, group#member, user with small]
condition small(x: int, s: string) {
  x < 5
}
`;

const backends: [string, () => Promise<Datastore>][] = [
  ['pglite', () => createPgliteDatastore()],
  ['postgres', () => createPostgresDatastore({ connectionString: testDatabaseUrl, schema, maxConnections: 4 })],
];

const jsonl = (tuples: readonly TupleKey[]): string => tuples.map((t) => JSON.stringify(t)).join('\n');
const viewer = (i: number): TupleKey => ({ user: `user:u${i}`, relation: 'viewer', object: `doc:${i}` });
const asTester = operatorCaller('tuples import');

describe.each(backends)('tuples import on %s', (_name, open) => {
  let datastore: Datastore;
  let service: RelataService;
  let storeId: string;

  // One database per backend (a PGlite instance takes seconds to start); a new store per test.
  beforeAll(async () => {
    datastore = await open();
    await datastore.migrate();
    service = createRelataService({ datastore, logger: silentLogger() });
  });
  afterAll(() => datastore.close());
  beforeEach(async () => {
    storeId = (await service.createStore({ name: 'copy import' })).id;
    await service.writeAuthorizationModel({ storeId, model: transformDslToModel(dsl) });
  });
  const folder = tempFolderPerTest('relata-copy-import-');
  const file = (name: string, text: string): string => folder.file(name, text);

  async function readAll(): Promise<TupleKey[]> {
    const out: TupleKey[] = [];
    for await (const key of service.exportTuples({ storeId })) out.push(key);
    return out;
  }

  const changes = async () => (await readAllChanges(datastore, storeId)).map((c) => ({ revision: c.revision, object: c.key.object }));

  async function importAudit() {
    const page = await datastore.queryAudit({ storeId, operation: 'ImportTuples' }, { pageSize: 100 });
    return page.items.reverse().map((r) => ({ actor: r.actor, body: JSON.parse(r.body) as { inserted: number; tuples: number; firstRevision: string; revision: string; modelId: string } }));
  }

  it('keeps text COPY must escape byte for byte: backslashes, \\N, quotes, tabs and newlines in contexts, non-ASCII', async () => {
    const tricky: TupleKey[] = [
      { user: 'user:back\\slash', relation: 'viewer', object: 'doc:\\N' },
      { user: 'user:"quoted",comma', relation: 'viewer', object: 'doc:ünïcödé-𝄞' },
      { user: 'user:c', relation: 'viewer', object: 'doc:ctx', condition: { name: 'small', context: { x: 1, s: 'tab\there\nnew\rline \\N \\\\ end' } } },
      { user: 'user:*', relation: 'viewer', object: 'doc:\\t' },
      { user: 'group:g#member', relation: 'viewer', object: 'doc:g' },
    ];
    const result = await importTuplesCommand(service, file('t.jsonl', jsonl(tricky)), { store: storeId }, asTester);
    expect(result).toMatchObject({ tuples: tricky.length, inserted: tricky.length });
    const stored = await readAll();
    const byObject = (keys: TupleKey[]) => [...keys].sort((a, b) => (a.object < b.object ? -1 : 1));
    expect(byObject(stored)).toEqual(byObject(tricky));
    // Checks see them as stored.
    const check = await service.check({ storeId, tupleKey: { user: 'user:back\\slash', relation: 'viewer', object: 'doc:\\N' } });
    expect(check.allowed).toBe(true);
  });

  it('one changelog row per new tuple, one audit record per batch that inserted something, actor cli:<user>', async () => {
    const tuples = Array.from({ length: 25 }, (_, i) => viewer(i));
    const path = file('a.jsonl', jsonl(tuples));
    const first = await importTuplesCommand(service, path, { store: storeId, batchSize: '10' }, asTester);
    expect(first).toMatchObject({ tuples: 25, inserted: 25, batches: 3 });
    const log = await changes();
    expect(log).toHaveLength(25);
    expect(new Set(log.map((c) => c.revision)).size).toBe(25);
    const audit = await importAudit();
    expect(audit.map((r) => r.actor)).toEqual(Array(3).fill(`cli:${asTester.principal.id}`));
    expect(audit.map((r) => r.body.inserted)).toEqual([10, 10, 5]);
    // Each record's revision range holds exactly its batch's changelog rows.
    for (const { body } of audit) {
      const inRange = log.filter((c) => c.revision >= BigInt(body.firstRevision) && c.revision <= BigInt(body.revision));
      expect(inRange).toHaveLength(body.inserted);
    }
    // Re-running the file changes nothing and audits nothing.
    expect(await importTuplesCommand(service, path, { store: storeId, batchSize: '10' }, asTester)).toMatchObject({ inserted: 0 });
    expect(await importAudit()).toHaveLength(3);
    expect(await changes()).toHaveLength(25);
    const chains = await service.verifyAudit(storeId);
    expect(chains.every((c) => c.problem === undefined)).toBe(true);
  });

  it('a bad batch writes nothing and leaves no audit record; --resume after the fix ends where a clean run would', async () => {
    const tuples = Array.from({ length: 30 }, (_, i) => viewer(i));
    const lines = tuples.map((t) => JSON.stringify(t));
    // Line 25: an oversized object id; the batch 21-30 must not be written at all.
    lines[24] = JSON.stringify({ user: 'user:u24', relation: 'viewer', object: `doc:${'x'.repeat(300)}` });
    const path = file('halfway.jsonl', lines.join('\n'));
    const error = await importTuplesCommand(service, path, { store: storeId, batchSize: '10' }, asTester).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TupleFileError);
    expect((error as TupleFileError).line).toBe(25);
    expect(await readAll()).toHaveLength(20);
    expect(await importAudit()).toHaveLength(2);

    // A stored tuple with another condition, in the next batch: refused by the database step, rolled back whole.
    await service.write({ storeId, writes: { tupleKeys: [{ ...viewer(27), user: 'user:u27', condition: { name: 'small', context: { x: 1, s: '' } } }] } });
    lines[24] = JSON.stringify(tuples[24]);
    writeFileSync(path, lines.join('\n'));
    const conflict = await importTuplesCommand(service, path, { store: storeId, batchSize: '10', resume: true }, asTester).catch((e: unknown) => e);
    expect((conflict as TupleFileError).line).toBe(28);
    expect(await readAll()).toHaveLength(21);
    expect(await importAudit()).toHaveLength(2);

    await service.write({ storeId, deletes: { tupleKeys: [viewer(27)] } });
    const resumed = await importTuplesCommand(service, path, { store: storeId, batchSize: '10', resume: true }, asTester);
    expect(resumed).toMatchObject({ tuples: 10, inserted: 10 });
    expect((await readAll()).map((t) => t.object).sort()).toEqual(tuples.map((t) => t.object).sort());
    // 30 imported + the conflicting write and its delete.
    expect(await changes()).toHaveLength(32);
    expect((await importAudit()).map((r) => r.body.inserted)).toEqual([10, 10, 10]);
  });

  it.each([
    ['malformed JSON', '{"user":"user:a","relation":"viewer","object":"doc:1"}\n{"user": nope}\n', 2],
    ['a relation the model lacks', '{"user":"user:a","relation":"owner","object":"doc:1"}\n', 1],
    ['an oversized user id', `{"user":"user:${'u'.repeat(600)}","relation":"viewer","object":"doc:1"}\n`, 1],
    ['a condition context that is not an object', '{"user":"user:a","relation":"viewer","object":"doc:1","condition":{"name":"small","context":[1]}}\n', 1],
    ['a NUL in an id', '{"user":"user:a\\u0000b","relation":"viewer","object":"doc:1"}\n', 1],
  ])('refuses %s with its line and writes nothing', async (_label, text, line) => {
    const error = await importTuplesCommand(service, file('bad.jsonl', text), { store: storeId }, asTester).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TupleFileError);
    expect((error as TupleFileError).line).toBe(line);
    expect(await readAll()).toEqual([]);
    expect(await changes()).toEqual([]);
  });

  it('interleaves with concurrent Writes of the same store: every tuple once, one changelog row per change', async () => {
    const tuples = Array.from({ length: 3000 }, (_, i) => viewer(i));
    const path = file('c.jsonl', jsonl(tuples));
    let written = 0;
    let refused = 0;
    const writer = (async () => {
      // Tuples of the file (the import skips them when they came first; a Write of one the import
      // stored first is refused as a duplicate) and tuples of its own.
      for (let i = 0; i < 40; i++) {
        try {
          await service.write({ storeId, writes: { tupleKeys: [viewer(i * 70), { user: `user:w${i}`, relation: 'viewer', object: `doc:w${i}` }] } });
          written += 2;
        } catch {
          refused++;
          await service.write({ storeId, writes: { tupleKeys: [{ user: `user:w${i}`, relation: 'viewer', object: `doc:w${i}` }] } });
          written += 1;
        }
      }
    })();
    const result = await importTuplesCommand(service, path, { store: storeId, batchSize: '500' }, asTester);
    await writer;
    const stored = await readAll();
    expect(stored).toHaveLength(3040);
    expect(new Set(stored.map((t) => `${t.object}@${t.user}`)).size).toBe(3040);
    const log = await changes();
    expect(log).toHaveLength(3040);
    expect(result.inserted! + written - 40).toBe(3000);
    expect(refused).toBeLessThanOrEqual(40);
    // Revisions strictly increase in changelog order (ReadChanges order = commit order).
    for (let i = 1; i < log.length; i++) expect(log[i].revision > log[i - 1].revision).toBe(true);
  });
});
