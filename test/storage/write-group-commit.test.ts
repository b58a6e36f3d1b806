// Group commit of one store's writes on PostgreSQL (src/storage/sql/sql-tuple-writer.ts): a group
// is one transaction, each write keeps its own revisions, changelog rows, audit record and
// outcome, and a write that fails (refused by its plan, or failing the group's SQL) never fails
// the others. Groups are formed here by hand, so that what is in one group is not left to timing.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import { AuditTrail, changeChain, verifyAudit } from '../../src/audit/index.js';
import { ErrorCode, RelataError } from '../../src/model/index.js';
import type { TupleKey } from '../../src/model/index.js';
import type { Datastore, WriteTuplesRequest } from '../../src/storage/datastore.js';
import { PgClient, createPostgresDatastore } from '../../src/storage/postgres/index.js';
import type { Settled } from '../../src/storage/sql/group-commit-queue.js';
import { defaultClosureMaxWorkPerWrite } from '../../src/storage/sql/sql-closure-index.js';
import { takeTupleWriteGroup, tupleWriteJob, writeTupleGroupSql } from '../../src/storage/sql/sql-tuple-writer.js';
import type { TupleWriteJob } from '../../src/storage/sql/sql-tuple-writer.js';
import type { WriteResult } from '../../src/storage/datastore.js';
import { dropTestSchema, testDatabaseUrl } from '../helpers/services.js';

const schema = `relata_test_group_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
const tk = (object: string, user: string, condition?: TupleKey['condition']): TupleKey => (condition ? { object, relation: 'viewer', user, condition } : { object, relation: 'viewer', user });
const caller = (id: string) => ({ principal: { kind: 'client' as const, id, scopes: new Map() }, requestId: `req-${id}` });
const trail = new AuditTrail();

let ds: Datastore;
let pool: pg.Pool;
let client: PgClient;

beforeAll(async () => {
  ds = await createPostgresDatastore({ connectionString: testDatabaseUrl, schema, maxConnections: 4, statistics: false });
  await ds.migrate();
  pool = new pg.Pool({ connectionString: testDatabaseUrl, max: 2, options: `-c search_path=${schema}` });
  client = new PgClient(pool);
});

afterAll(async () => {
  await ds?.close();
  await pool?.end();
  await dropTestSchema(schema);
});

async function newStore(): Promise<string> {
  return (await ds.createStore({ id: ulid(), name: 'group' })).id;
}

function job(storeId: string, actor: string, request: Partial<WriteTuplesRequest>): TupleWriteJob {
  return tupleWriteJob({ writes: [], deletes: [], ...request }, trail.change(storeId, 'Write', caller(actor)));
}

function code(outcome: Settled<WriteResult>): string {
  if (outcome.ok) return 'ok';
  return outcome.error instanceof RelataError ? outcome.error.code.toString() : String(outcome.error);
}

async function changelog(storeId: string): Promise<{ revision: bigint; op: string; object: string; at: string }[]> {
  const { rows } = await pool.query<{ revision: string; op: string; object_id: string; at: string }>(
    'SELECT revision::text AS revision, op, object_id, at::text AS at FROM changelog WHERE store = $1 ORDER BY changelog.revision',
    [storeId],
  );
  return rows.map((r) => ({ revision: BigInt(r.revision), op: r.op, object: r.object_id, at: r.at }));
}

describe('group commit on PostgreSQL', () => {
  it('commits a group in one transaction; each write has its own revisions, changelog rows and audit record', async () => {
    const store = await newStore();
    const jobs = ['anne', 'bob', 'carl'].map((actor, i) => job(store, actor, { writes: [tk(`doc:${i}a`, `user:${actor}`), tk(`doc:${i}b`, `user:${actor}`)] }));
    const outcomes = await writeTupleGroupSql(client, store, jobs, defaultClosureMaxWorkPerWrite);
    expect(outcomes.map(code)).toEqual(['ok', 'ok', 'ok']);
    const revisions = outcomes.map((o) => (o.ok ? o.value.revision : 0n));
    expect([...revisions].sort((a, b) => (a < b ? -1 : 1))).toEqual(revisions);
    const rows = await changelog(store);
    expect(rows.map((r) => r.object)).toEqual(['0a', '0b', '1a', '1b', '2a', '2b']);
    // Each write's token is its own last change; one transaction: one timestamp.
    expect(revisions).toEqual([rows[1].revision, rows[3].revision, rows[5].revision]);
    expect(new Set(rows.map((r) => r.at)).size).toBe(1);
    const { rows: tuples } = await pool.query<{ object_id: string; revision: string }>('SELECT object_id, revision::text AS revision FROM tuple WHERE store = $1 ORDER BY object_id', [store]);
    expect(tuples.map((t) => [t.object_id, BigInt(t.revision)])).toEqual(rows.map((r, i) => [r.object, revisions[Math.floor(i / 2)]]));
    const records = await ds.readAuditChain(changeChain(store), 0n, 100);
    const writes = records.filter((r) => r.operation === 'Write');
    expect(writes.map((r) => r.actor)).toEqual(['client:anne', 'client:bob', 'client:carl']);
    expect(writes.map((r) => r.objects)).toEqual([['doc:0a', 'doc:0b'], ['doc:1a', 'doc:1b'], ['doc:2a', 'doc:2b']]);
    const [report] = await verifyAudit(ds, { storeId: store });
    expect(report.problem).toBeUndefined();
  });

  it('settles a write refused by its plan with its error and commits the others (exact path)', async () => {
    const store = await newStore();
    await ds.writeTuples(store, { writes: [tk('doc:x', 'user:anne'), tk('doc:y', 'user:anne')], deletes: [] });
    const before = (await changelog(store)).length;
    const outcomes = await writeTupleGroupSql(client, store, [
      job(store, 'a', { writes: [tk('doc:1', 'user:a')], deletes: [tk('doc:y', 'user:anne')] }),
      job(store, 'b', { writes: [tk('doc:2', 'user:b')], deletes: [tk('doc:missing', 'user:b')] }),
      job(store, 'c', { writes: [tk('doc:x', 'user:anne')], onDuplicate: 'ignore' }),
      job(store, 'd', { writes: [tk('doc:3', 'user:d')], deletes: [tk('doc:x', 'user:anne')] }),
    ], defaultClosureMaxWorkPerWrite);
    expect(outcomes.map(code)).toEqual(['ok', ErrorCode.WriteFailedDueToInvalidInput.toString(), 'ok', 'ok']);
    const all = await changelog(store);
    const rows = all.slice(before);
    expect(rows.map((r) => `${r.op} ${r.object}`)).toEqual(['delete y', 'write 1', 'delete x', 'write 3']);
    // The ignored duplicate changed nothing and answers with a revision at least its group's state.
    const ok = outcomes.map((o) => (o.ok ? o.value.revision : -1n));
    expect(ok[0]).toBe(rows[1].revision);
    expect(ok[3]).toBe(rows[3].revision);
    expect(ok[2]).toBeGreaterThanOrEqual(rows[1].revision);
    expect((await ds.readTuples(store, {}, { pageSize: 10 })).items.map((t) => t.key.object).sort()).toEqual(['doc:1', 'doc:3']);
    const actors = (await ds.readAuditChain(changeChain(store), 0n, 100)).filter((r) => r.operation === 'Write').map((r) => r.actor);
    expect(actors).toEqual(['client:a', 'client:d']);
  });

  it('falls back from the optimistic path when one insert meets an existing tuple; only that write fails', async () => {
    const store = await newStore();
    await ds.writeTuples(store, { writes: [tk('doc:taken', 'user:z')], deletes: [] });
    const outcomes = await writeTupleGroupSql(client, store, [
      job(store, 'a', { writes: [tk('doc:1', 'user:a')] }),
      job(store, 'b', { writes: [tk('doc:2', 'user:b'), tk('doc:taken', 'user:z')] }),
      job(store, 'c', { writes: [tk('doc:3', 'user:c')] }),
    ], defaultClosureMaxWorkPerWrite);
    expect(outcomes.map(code)).toEqual(['ok', ErrorCode.WriteFailedDueToInvalidInput.toString(), 'ok']);
    expect((await ds.readTuples(store, {}, { pageSize: 10 })).items.map((t) => t.key.object).sort()).toEqual(['doc:1', 'doc:3', 'doc:taken']);
    expect((await changelog(store)).map((r) => r.object)).toEqual(['taken', '1', '3']);
  });

  it('runs each write alone when the group fails in SQL: the failing write fails, all-or-nothing; the others commit', async () => {
    const store = await newStore();
    // jsonb refuses a NUL character: the group's apply statement fails because of write b only.
    const outcomes = await writeTupleGroupSql(client, store, [
      job(store, 'a', { writes: [tk('doc:1', 'user:a')] }),
      job(store, 'b', { writes: [tk('doc:2', 'user:b'), tk('doc:2b', 'user:b', { name: 'c', context: { s: 'nul\u0000here' } })] }),
      job(store, 'c', { writes: [tk('doc:3', 'user:c')], deletes: [] }),
    ], defaultClosureMaxWorkPerWrite);
    expect(outcomes.map(code)).toEqual(['ok', ErrorCode.InternalError.toString(), 'ok']);
    expect((await ds.readTuples(store, {}, { pageSize: 10 })).items.map((t) => t.key.object).sort()).toEqual(['doc:1', 'doc:3']);
    expect((await changelog(store)).map((r) => r.object)).toEqual(['1', '3']);
    const actors = (await ds.readAuditChain(changeChain(store), 0n, 100)).filter((r) => r.operation === 'Write').map((r) => r.actor);
    expect(actors).toEqual(['client:a', 'client:c']);
  });

  it('groups only writes that name no common tuple, within the limits, in queue order', () => {
    const store = ulid();
    const w = (...objects: string[]) => job(store, 'x', { writes: objects.map((o) => tk(o, 'user:u')) });
    const queue = [w('doc:1', 'doc:2'), w('doc:3'), w('doc:2'), w('doc:4')];
    expect(takeTupleWriteGroup(queue)).toBe(2);
    expect(takeTupleWriteGroup(queue.slice(2))).toBe(2);
    expect(takeTupleWriteGroup(queue, { maxTuples: 3, maxWrites: 64 })).toBe(2);
    expect(takeTupleWriteGroup(queue, { maxTuples: 2, maxWrites: 64 })).toBe(1);
    expect(takeTupleWriteGroup([w('doc:1', 'doc:2', 'doc:3')], { maxTuples: 1, maxWrites: 1 })).toBe(1);
    expect(takeTupleWriteGroup([w('doc:5'), w('doc:6'), w('doc:7')], { maxTuples: 100, maxWrites: 2 })).toBe(2);
    // A delete of a tuple another write of the group inserts waits too.
    const del = job(store, 'y', { deletes: [tk('doc:3', 'user:u')] });
    expect(takeTupleWriteGroup([w('doc:3'), del])).toBe(1);
  });
});
