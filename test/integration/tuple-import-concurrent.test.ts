// Two batches of one import in flight on PostgreSQL (ImportSequence): each inserts its tuples
// before the store's lock, yet the changelog keeps the file's order, a batch whose predecessor
// failed writes nothing, so that what a failed or killed import leaves is a prefix of its
// batches, and --resume after it ends where a clean run would (each tuple once, one changelog
// row each, closure index and statistics keeper counts as a single-batch import leaves them).
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { transformDslToModel } from '../../src/dsl/index.js';
import type { TupleKey } from '../../src/model/index.js';
import { silentLogger } from '../../src/observability/index.js';
import { createRelataService } from '../../src/service/index.js';
import type { RelataService } from '../../src/service/index.js';
import type { Datastore } from '../../src/storage/datastore.js';
import { TupleAlreadyExistsError } from '../../src/storage/errors.js';
import { createPostgresDatastore } from '../../src/storage/postgres/index.js';
import { ImportPredecessorFailedError, ImportSequence } from '../../src/storage/tuple-import.js';
import { importTuplesCommand } from '../../src/cli/commands/tuples.js';
import { operatorCaller } from '../../src/cli/operator.js';
import { readCheckpoint } from '../../src/cli/bulk/checkpoint.js';
import { readAllChanges } from '../helpers/changelog.js';
import { dropTestSchema, testDatabaseUrl } from '../helpers/services.js';
import { tempFolderPerTest } from '../helpers/temp-folder.js';

const schema = `relata_test_import_conc_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
const applicationName = `relata_import_conc_${Math.random().toString(36).slice(2, 8)}`;
afterAll(() => dropTestSchema(schema));

const model = transformDslToModel(`model
  schema 1.1
type user
type group
  relations
    define member: [user, group#member]
type doc
  relations
    define viewer: [user, group#member]
`);

const asTester = operatorCaller('tuples import');
const viewer = (i: number): TupleKey => ({ user: `user:u${i}`, relation: 'viewer', object: `doc:${i}` });
const jsonl = (tuples: readonly TupleKey[]): string => tuples.map((t) => JSON.stringify(t)).join('\n') + '\n';
const id = (t: TupleKey): string => `${t.object}#${t.relation}@${t.user}`;

describe('an import with two batches in flight on postgres', () => {
  let datastore: Datastore;
  let service: RelataService;
  let admin: pg.Client;
  let storeId: string;

  beforeAll(async () => {
    datastore = await createPostgresDatastore({ connectionString: `${testDatabaseUrl}?application_name=${applicationName}`, schema, maxConnections: 4 });
    await datastore.migrate();
    service = createRelataService({ datastore, logger: silentLogger() });
    admin = new pg.Client({ connectionString: testDatabaseUrl });
    await admin.connect();
  });
  afterAll(async () => {
    await admin.end();
    await datastore.close();
  });
  beforeEach(async () => {
    storeId = (await service.createStore({ name: 'concurrent import' })).id;
    await service.writeAuthorizationModel({ storeId, model });
  });
  const folder = tempFolderPerTest('relata-import-conc-');
  const file = (name: string, text: string): string => folder.file(name, text);

  const changes = async () => (await readAllChanges(datastore, storeId)).map((c) => ({ revision: c.revision, id: id(c.key), operation: c.operation }));

  async function stored(): Promise<string[]> {
    const out: string[] = [];
    for await (const key of service.exportTuples({ storeId })) out.push(id(key));
    return out;
  }

  it('runs two batches at once and keeps the changelog in file order, tuples repeated across batches stored once', async () => {
    const session = await service.openTupleImport({ storeId });
    expect(session.concurrency).toBe(2);
    // 40 batches of 50; every 7th line repeats a tuple of the batch before (a cross-batch duplicate).
    const tuples = Array.from({ length: 2000 }, (_, i) => (i % 7 === 3 && i >= 50 ? viewer(i - 50) : viewer(i)));
    const result = await importTuplesCommand(service, file('order.jsonl', jsonl(tuples)), { store: storeId, batchSize: '50' }, asTester);
    const distinct = [...new Set(tuples.map(id))];
    expect(result.inserted).toBe(distinct.length);
    const log = await changes();
    expect(log.map((c) => c.id)).toEqual(distinct);
    for (let i = 1; i < log.length; i++) expect(log[i].revision > log[i - 1].revision).toBe(true);
    expect((await stored()).sort()).toEqual([...distinct].sort());
  });

  it('--parallel 1 writes one batch at a time to the same end; a value outside 1..2 is refused', async () => {
    const tuples = Array.from({ length: 300 }, (_, i) => viewer(i));
    const path = file('one.jsonl', jsonl(tuples));
    for (const parallel of ['0', '3', 'two', '1.5']) {
      await expect(importTuplesCommand(service, path, { store: storeId, parallel }, asTester)).rejects.toThrow(/parallel/);
    }
    expect(await changes()).toEqual([]);
    const result = await importTuplesCommand(service, path, { store: storeId, batchSize: '50', parallel: '1' }, asTester);
    expect(result).toMatchObject({ inserted: 300, batches: 6 });
    expect((await changes()).map((c) => c.id)).toEqual(tuples.map(id));
  });

  it('a batch whose predecessor fails writes nothing, and neither does the one after it', async () => {
    await service.write({ storeId, writes: { tupleKeys: [viewer(150)] } });
    const ds = datastore;
    const sequence = new ImportSequence();
    const batch = (from: number) => Array.from({ length: 100 }, (_, i) => viewer(from + i));
    // The second batch meets viewer(150) stored without the expiry it gives: a conflict.
    const second = batch(100).map((t, i) => (i === 50 ? { ...t, expiresAt: new Date(Date.now() + 3_600_000) } : t));
    const results = await Promise.allSettled([
      ds.importTuples!(storeId, batch(0), undefined, undefined, sequence),
      ds.importTuples!(storeId, second, undefined, undefined, sequence),
      ds.importTuples!(storeId, batch(200), undefined, undefined, sequence),
      ds.importTuples!(storeId, batch(300), undefined, undefined, sequence),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'rejected']);
    expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(TupleAlreadyExistsError);
    expect((results[2] as PromiseRejectedResult).reason).toBeInstanceOf(ImportPredecessorFailedError);
    expect((results[3] as PromiseRejectedResult).reason).toBeInstanceOf(ImportPredecessorFailedError);
    expect((await stored()).sort()).toEqual([...batch(0), viewer(150)].map(id).sort());
    expect(await changes()).toHaveLength(101);
  });

  it('waits for a Write holding the store lock, and a Write of a tuple a batch holds ahead of the lock still succeeds', async () => {
    // A transaction holds the store's lock: both batches insert ahead and wait for it.
    const holder = new pg.Client({ connectionString: testDatabaseUrl });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`relata.store:${storeId}`]);
      const sequence = new ImportSequence();
      const batch = (from: number) => Array.from({ length: 100 }, (_, i) => viewer(from + i));
      const running = Promise.all([datastore.importTuples!(storeId, batch(0), undefined, undefined, sequence), datastore.importTuples!(storeId, batch(100), undefined, undefined, sequence)]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await holder.query('COMMIT');
      // A Write of a tuple of the second batch, racing it: a duplicate if the import came first, or
      // it came first and the batch skips it; a deadlock between them is retried, never an error.
      const write = service.write({ storeId, writes: { tupleKeys: [viewer(150)], onDuplicate: 'ignore' } });
      const [results] = await Promise.all([running, write]);
      expect(results[0].inserted + results[1].inserted).toBeGreaterThanOrEqual(199);
      expect(results[1].revision > results[0].revision).toBe(true);
    } finally {
      await holder.end();
    }
    expect(await stored()).toHaveLength(200);
    expect(await changes()).toHaveLength(200);
  });

  /** A transaction of another session inserting `key`, uncommitted: a batch COPYing it waits on it. */
  async function holdRow(key: TupleKey): Promise<pg.Client> {
    const holder = new pg.Client({ connectionString: testDatabaseUrl });
    await holder.connect();
    await holder.query('BEGIN');
    const [objectType, objectId] = key.object.split(':');
    const [userType, userId] = key.user.split(':');
    await holder.query(`INSERT INTO "${schema}".tuple (store, object_type, object_id, relation, user_type, user_id, user_relation, revision) VALUES ($1, $2, $3, $4, $5, $6, '', 0)`, [storeId, objectType, objectId, key.relation, userType, userId]);
    return holder;
  }

  /** The import's backends waiting now, by lock: 'turn' (a batch's turn key, the two-key advisory form) or a row's transaction. */
  async function waitingOn(): Promise<string[]> {
    const { rows } = await admin.query(
      `SELECT CASE WHEN l.locktype = 'advisory' AND l.objsubid = 2 THEN 'turn' ELSE l.locktype END AS lock
       FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE a.application_name = $1 AND NOT l.granted ORDER BY 1`,
      [applicationName],
    );
    return rows.map((row: { lock: string }) => row.lock);
  }

  async function until(condition: () => Promise<boolean>): Promise<void> {
    for (let i = 0; i < 500 && !(await condition()); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  }

  it('a batch COPYs its tuples while its predecessor is still COPYing, then waits for its turn in the database', async () => {
    const batch = (from: number) => Array.from({ length: 100 }, (_, i) => viewer(from + i));
    // The first batch's COPY stops at viewer(60), which another transaction is inserting.
    const holder = await holdRow(viewer(60));
    try {
      const sequence = new ImportSequence();
      const running = Promise.all([datastore.importTuples!(storeId, batch(0), undefined, undefined, sequence), datastore.importTuples!(storeId, batch(100), undefined, undefined, sequence)]);
      // The second has COPYed all of its rows and waits for the first's turn key.
      await until(async () => (await waitingOn()).join() === 'transactionid,turn');
      expect(await waitingOn()).toEqual(['transactionid', 'turn']);
      await holder.query('ROLLBACK');
      const results = await running;
      expect(results.map((r) => r.inserted)).toEqual([100, 100]);
      expect(sequence.contended).toBe(false);
    } finally {
      await holder.end();
    }
    expect((await changes()).map((c) => c.id)).toEqual([...batch(0), ...batch(100)].map(id));
  });

  it('two batches inserting the same tuple, the later one first: the deadlock is detected and retried, the tuple stored once, in file order', async () => {
    const first = [...Array.from({ length: 100 }, (_, i) => viewer(i)), viewer(100)];
    const second = Array.from({ length: 100 }, (_, i) => viewer(100 + i));
    const holder = await holdRow(viewer(60));
    try {
      const sequence = new ImportSequence();
      const running = Promise.all([datastore.importTuples!(storeId, first, undefined, undefined, sequence), datastore.importTuples!(storeId, second, undefined, undefined, sequence)]);
      // The second batch holds viewer(100) (its first row) and waits for the first's turn.
      await until(async () => (await waitingOn()).join() === 'transactionid,turn');
      expect(await waitingOn()).toEqual(['transactionid', 'turn']);
      // The first now reaches viewer(100): each waits for the other, which PostgreSQL sees.
      await holder.query('ROLLBACK');
      const results = await running;
      expect(results[0].inserted + results[1].inserted).toBe(200);
      // Later batches of this import insert ahead one after the other.
      expect(sequence.contended).toBe(true);
    } finally {
      await holder.end();
    }
    expect((await changes()).map((c) => c.id)).toEqual(Array.from({ length: 200 }, (_, i) => id(viewer(i))));
    expect(await stored()).toHaveLength(200);
  });

  it('three imports of the same tuples (one shuffled) and live Writes at once: every one succeeds, each tuple stored and logged once', async () => {
    const tuples = Array.from({ length: 3000 }, (_, i) => viewer(i));
    const shuffled = [...tuples].sort((a, b) => id(a).split('').reverse().join('').localeCompare(id(b).split('').reverse().join('')));
    const path = file('same.jsonl', jsonl(tuples));
    const other = file('shuffled.jsonl', jsonl(shuffled));
    const imports = [path, path, other].map((f) => importTuplesCommand(service, f, { store: storeId, batchSize: '250' }, asTester));
    const writes = Array.from({ length: 20 }, (_, w) => service.write({ storeId, writes: { tupleKeys: [viewer(w * 150), viewer(w * 150 + 1)], onDuplicate: 'ignore' } }));
    const results = await Promise.all(imports);
    await Promise.all(writes);
    // Between them the imports inserted what the Writes had not.
    expect(results.reduce((n, r) => n + (r.inserted ?? 0), 0)).toBeLessThanOrEqual(tuples.length);
    expect((await stored()).sort()).toEqual(tuples.map(id).sort());
    const log = await changes();
    expect(log.every((c) => c.operation === 'write')).toBe(true);
    expect(new Set(log.map((c) => c.id)).size).toBe(tuples.length);
    expect(log).toHaveLength(tuples.length);
    for (let i = 1; i < log.length; i++) expect(log[i].revision > log[i - 1].revision).toBe(true);
  });

  it('killed half way (its connections terminated): the store holds a prefix of the batches, --resume completes it', async () => {
    // Memberships, group-in-group edges (the closure index's work; repeated across batches) and grants.
    const member = (user: string, group: string): TupleKey => ({ user, relation: 'member', object: group });
    const tuples = Array.from({ length: 6000 }, (_, i) => (i % 3 === 0 ? member(`user:u${i}`, `group:h${i % 600}`) : i % 3 === 1 ? member(`group:h${i % 600}#member`, `group:g${i % 40}`) : viewer(i)));
    const unique = [...new Set(tuples.map(id))];
    const path = file('killed.jsonl', jsonl(tuples));
    const checkpoint = join(folder.path, 'killed.checkpoint.json');
    const run = importTuplesCommand(service, path, { store: storeId, batchSize: '200', checkpoint }, asTester).catch((e: unknown) => e);
    // Once some batches have committed, terminate the import's backends mid-way.
    const logged = async () => Number((await admin.query(`SELECT count(*) AS n FROM "${schema}".changelog WHERE store = $1`, [storeId])).rows[0].n);
    for (let i = 0; i < 1000 && (await logged()) < 600; i++) await new Promise((resolve) => setTimeout(resolve, 5));
    await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()', [applicationName]);
    const outcome = await run;
    // The terminated backends gone, so that no statement below is handed a pooled connection whose
    // termination this process has not read yet.
    await until(async () => Number((await admin.query('SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = $1', [applicationName])).rows[0].n) === 0);
    const after = await stored();
    // What the failed run left is the tuples of its first batches: those of the lines before the
    // first line it did not store, and none after (but repeats of those).
    const missing = tuples.findIndex((t) => !after.includes(id(t)));
    const prefix = new Set(tuples.slice(0, missing < 0 ? tuples.length : missing).map(id));
    expect(new Set(after)).toEqual(prefix);
    const log = await changes();
    expect(log.map((c) => c.id)).toEqual(unique.filter((u) => prefix.has(u)));
    if (outcome instanceof Error) {
      // The checkpoint is never ahead of the store.
      expect(missing).toBeGreaterThan(0);
      expect(readCheckpoint(checkpoint, path, storeId).line).toBeLessThanOrEqual(missing);
      const resumed = await importTuplesCommand(service, path, { store: storeId, batchSize: '200', checkpoint, resume: true }, asTester);
      expect(resumed.inserted).toBe(unique.length - prefix.size);
    }
    expect((await stored()).sort()).toEqual([...unique].sort());
    expect((await changes()).map((c) => c.id)).toEqual(unique);
    // The closure index the batches maintained equals one rebuilt from the tuples.
    const closure = async () =>
      (await admin.query(`SELECT object_type, relation, user_relation, from_id, to_id FROM "${schema}".tuple_closure WHERE store = $1 ORDER BY 1, 2, 3, 4, 5`, [storeId])).rows;
    const maintained = await closure();
    expect(maintained.length).toBeGreaterThan(0);
    await datastore.rebuildClosureIndex!(storeId);
    expect(await closure()).toEqual(maintained);
  });
});
