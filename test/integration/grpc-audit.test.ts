// The change audit end to end over gRPC with authentication off: every change path leaves exactly
// one record whose actor is the caller's peer, with its user agent, request id and
// x-relata-reason; a failed Write leaves none. Then tampering with the rows directly in
// PostgreSQL (edit, delete, reorder, truncate the tail) is caught by verification. The relata.v1
// change paths (DeleteTuples, WriteAuthzenActions, API clients) are checked with authentication
// off (PostgreSQL) and on (preshared keys, memory datastore).
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transformDslToModel } from '../../src/dsl/index.js';
import { encodeModel } from '../../src/transport/grpc/codec-model.js';
import { changeChain, verifyAudit } from '../../src/audit/index.js';
import { testDatabaseUrl } from '../helpers/services.js';
import { startGrpcHarness, type GrpcHarness } from './grpc-harness.js';
import { createGrpcCaller } from '../helpers/grpc-caller.js';
import { status } from '@grpc/grpc-js';
import type { Datastore } from '../../src/storage/datastore.js';
import type { AuditRecord } from '../../src/storage/audit-repository.js';
import type { GrpcCaller } from '../helpers/grpc-caller.js';
import { bearer, counterValue, startAuthHarness } from './auth-harness.js';

const dsl = `model
  schema 1.1
type user
type doc
  relations
    define viewer: [user]
`;

let h: GrpcHarness;
let storeId: string;
let sql: pg.Client;

const tuple = (object: string, user: string) => ({ object, relation: 'viewer', user });

beforeAll(async () => {
  h = await startGrpcHarness('audit');
  sql = new pg.Client({ connectionString: testDatabaseUrl, options: `-c search_path=${h.schema}` });
  await sql.connect();
});

afterAll(async () => {
  await sql?.end();
  await h?.close();
});

describe('change audit over gRPC (authentication off)', () => {
  it('records each change path once with the peer, user agent, request id and reason', async () => {
    const meta = (n: number) => ({ 'x-relata-reason': `ticket ${n}`, 'x-request-id': `req-audit-${n}` });
    storeId = (await h.call<{ id: string }>('CreateStore', { name: 'audited' }, meta(1))).response.id;
    const model = encodeModel(transformDslToModel(dsl));
    const { authorization_model_id: modelId } = (
      await h.call<{ authorization_model_id: string }>('WriteAuthorizationModel', { store_id: storeId, ...model }, meta(2))
    ).response;
    await h.call('Write', { store_id: storeId, writes: { tuple_keys: [tuple('doc:1', 'user:anne'), tuple('doc:2', 'user:bob')] } }, meta(3));
    await h.call('Write', { store_id: storeId, deletes: { tuple_keys: [tuple('doc:2', 'user:bob')] } }, meta(4));
    // Fails (duplicate): nothing recorded.
    await h.fail('Write', { store_id: storeId, writes: { tuple_keys: [tuple('doc:1', 'user:anne')] } }, meta(99));
    await h.call('WriteAssertions', { store_id: storeId, authorization_model_id: modelId, assertions: [] }, meta(5));
    await h.call('UpdateStore', { store_id: storeId, name: 'renamed' }, meta(6));

    const page = await h.runtime.datastore.queryAudit({ storeId }, { pageSize: 100 });
    const records = page.items.reverse();
    expect(records.map((r) => r.operation)).toEqual(['CreateStore', 'WriteAuthorizationModel', 'Write', 'Write', 'WriteAssertions', 'UpdateStore']);
    records.forEach((r, i) => {
      const body = JSON.parse(r.body) as Record<string, unknown>;
      expect(r.actor).toBe('peer:127.0.0.1');
      expect(body).toMatchObject({ ip: '127.0.0.1', reason: `ticket ${i + 1}`, requestId: `req-audit-${i + 1}` });
      expect(String(body.userAgent)).toContain('grpc-node-js');
    });
    expect(JSON.parse(records[1].body)).toMatchObject({ modelId });
    expect(JSON.parse(records[3].body)).toMatchObject({ deletes: [tuple('doc:2', 'user:bob')], writes: [] });
    const [report] = await verifyAudit(h.runtime.datastore, { storeId });
    expect(report.problem).toBeUndefined();
  });

  describe('tamper evidence', () => {
    const chain = () => changeChain(storeId);
    const problem = async () => (await verifyAudit(h.runtime.datastore, { storeId }))[0].problem;
    const snapshot = async () => (await sql.query('SELECT * FROM audit_record WHERE chain = $1 ORDER BY seq', [chain()])).rows as Record<string, unknown>[];
    let original: Record<string, unknown>[];

    beforeAll(async () => {
      original = await snapshot();
    });

    const restore = async () => {
      await sql.query('DELETE FROM audit_record WHERE chain = $1', [chain()]);
      for (const row of original) {
        await sql.query(
          `INSERT INTO audit_record (id, chain, seq, store_id, at, kind, operation, actor, result, subjects, objects, body, prev_hash, hash)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14)`,
          [row.id, row.chain, row.seq, row.store_id, row.at, row.kind, row.operation, row.actor, row.result, row.subjects, row.objects, row.body, row.prev_hash, row.hash],
        );
      }
      expect(await problem()).toBeUndefined();
    };

    it('catches an edited record', async () => {
      await sql.query(`UPDATE audit_record SET body = replace(body, 'user:anne', 'user:mallory') WHERE chain = $1 AND seq = 3`, [chain()]);
      expect(await problem()).toMatchObject({ kind: 'altered', seq: 3n });
      await restore();
    });

    it('catches an edited record whose hash was recomputed (the next link breaks)', async () => {
      const { createHash } = await import('node:crypto');
      const row = original[2];
      const body = String(row.body).replace('user:anne', 'user:mallory');
      const hash = createHash('sha256').update(`${String(row.prev_hash)}\n${chain()}\n3\n`).update(body).digest('hex');
      await sql.query('UPDATE audit_record SET body = $2, hash = $3 WHERE chain = $1 AND seq = 3', [chain(), body, hash]);
      expect(await problem()).toMatchObject({ kind: 'broken-link', seq: 4n });
      await restore();
    });

    it('catches an edited indexed column', async () => {
      await sql.query(`UPDATE audit_record SET actor = 'client:someone-else' WHERE chain = $1 AND seq = 2`, [chain()]);
      expect(await problem()).toMatchObject({ kind: 'columns-mismatch', seq: 2n });
      await restore();
    });

    it('catches a deleted record', async () => {
      await sql.query('DELETE FROM audit_record WHERE chain = $1 AND seq = 4', [chain()]);
      expect(await problem()).toMatchObject({ kind: 'missing', seq: 4n });
      await restore();
    });

    it('catches a deleted first record and a truncated tail', async () => {
      await sql.query('DELETE FROM audit_record WHERE chain = $1 AND seq = 1', [chain()]);
      expect(await problem()).toMatchObject({ kind: 'missing', seq: 1n });
      await restore();
      await sql.query('DELETE FROM audit_record WHERE chain = $1 AND seq >= 5', [chain()]);
      expect(await problem()).toMatchObject({ kind: 'missing', seq: 5n });
      await restore();
    });

    it('catches reordered records', async () => {
      await sql.query('UPDATE audit_record SET seq = -seq WHERE chain = $1 AND seq IN (3, 4)', [chain()]);
      await sql.query('UPDATE audit_record SET seq = CASE seq WHEN -3 THEN 4 ELSE 3 END WHERE chain = $1 AND seq IN (-3, -4)', [chain()]);
      expect(await problem()).toMatchObject({ kind: 'broken-link', seq: 3n });
      await restore();
    });
  });

  it('records DeleteStore last, and the chain still verifies', async () => {
    await h.call('DeleteStore', { store_id: storeId }, { 'x-relata-reason': 'decommissioned' });
    const [last] = (await h.runtime.datastore.queryAudit({ storeId }, { pageSize: 1 })).items;
    expect(last).toMatchObject({ operation: 'DeleteStore', actor: 'peer:127.0.0.1' });
    expect(JSON.parse(last.body)).toMatchObject({ reason: 'decommissioned' });
    expect((await verifyAudit(h.runtime.datastore, { storeId }))[0].problem).toBeUndefined();
  });

  it('serves the trail over relata.v1: pages newest first, verifies, reports; refuses bad filters', async () => {
    const relata = createGrpcCaller(`127.0.0.1:${h.runtime.grpc.port}`, { service: 'relata' });
    try {
      type Page = { records: { operation: string; actor: string; record_json: string; seq: string }[]; continuation_token: string };
      const first = await relata.call<Page>('ReadAuditRecords', { store_id: storeId, page_size: 2 });
      expect(first.response.records.map((r) => r.operation)).toEqual(['DeleteStore', 'UpdateStore']);
      const second = await relata.call<Page>('ReadAuditRecords', { store_id: storeId, page_size: 2, continuation_token: first.response.continuation_token });
      expect(second.response.records.map((r) => r.operation)).toEqual(['WriteAssertions', 'Write']);
      const bySubject = await relata.call<Page>('ReadAuditRecords', { store_id: storeId, subject: 'user:bob', operation: 'Write' });
      expect(bySubject.response.records).toHaveLength(2);
      const verified = await relata.call<{ ok: boolean; chains: { chain: string; ok: boolean }[] }>('VerifyAudit', { store_id: storeId });
      expect(verified.response.ok).toBe(true);
      const report = await relata.call<{ changes_by_actor: { key: string; count: string }[] }>('AuditReport', { store_id: storeId });
      expect(report.response.changes_by_actor).toEqual([{ key: 'peer:127.0.0.1', count: '7' }]);
      for (const bad of [
        { store_id: storeId, decision: 'maybe' },
        { store_id: storeId, kind: 'everything' },
        { store_id: 'not-a-store' },
        { store_id: storeId, actor: 'x'.repeat(2000) },
        { store_id: storeId, from: { seconds: 2_000_000_000 }, to: { seconds: 1_000_000_000 } },
      ]) {
        expect((await relata.fail('ReadAuditRecords', bad)).grpcCode).toBe(status.INVALID_ARGUMENT);
      }
      const forged = await relata.fail('ReadAuditRecords', { store_id: storeId, continuation_token: 'WyJhdWRpdCIsIjYxIl0' });
      expect(forged.grpcCode).toBe(status.INVALID_ARGUMENT);
    } finally {
      relata.close();
    }
  });
});

type Rpc = Pick<GrpcCaller, 'call' | 'fail'>;

/** Every record appended after `afterId`, oldest first (all chains, store-less ones included). */
async function recordsAfter(datastore: Datastore, afterId: bigint): Promise<AuditRecord[]> {
  const page = await datastore.queryAudit({}, { pageSize: 100 });
  return page.items.filter((r) => r.id > afterId).reverse();
}

async function lastId(datastore: Datastore): Promise<bigint> {
  return (await datastore.queryAudit({}, { pageSize: 1 })).items[0]?.id ?? 0n;
}

/**
 * DeleteTuples, WriteAuthzenActions and the API client changes over relata.v1: each leaves exactly
 * one record naming `actor`, the request id and reason; failed and empty changes leave none.
 */
async function relataChangePaths(openfga: Rpc, relata: Rpc, datastore: Datastore, actor: string): Promise<void> {
  const storeId = (await openfga.call<{ id: string }>('CreateStore', { name: 'paths' })).response.id;
  await openfga.call('WriteAuthorizationModel', { store_id: storeId, ...encodeModel(transformDslToModel(dsl)) });
  await openfga.call('Write', { store_id: storeId, writes: { tuple_keys: [tuple('doc:1', 'user:anne'), tuple('doc:2', 'user:bob'), tuple('doc:3', 'user:bob')] } });
  const baseline = await lastId(datastore);
  const run = Math.random().toString(36).slice(2, 8);
  const meta = (n: number) => ({ 'x-relata-reason': `why ${n}`, 'x-request-id': `req-${run}-${n}` });

  await relata.call('DeleteTuples', { store_id: storeId, object_type: 'doc', relation: 'viewer', user: 'user:bob' }, meta(1));
  // No change, no record: a dry run, a filter matching nothing, refused input, an unknown store.
  await relata.call('DeleteTuples', { store_id: storeId, object_type: 'doc', dry_run: true }, meta(90));
  await relata.call('DeleteTuples', { store_id: storeId, object_type: 'doc', user: 'user:nobody' }, meta(91));
  await relata.fail('DeleteTuples', { store_id: storeId, object_type: 'no such type' }, meta(92));
  await relata.call('WriteAuthzenActions', { store_id: storeId, types: [{ type: 'doc', actions: ['viewer'] }] }, meta(2));
  await relata.fail('WriteAuthzenActions', { store_id: storeId, types: [{ type: 'doc', actions: ['viewer', 'viewer'] }] }, meta(93));
  await relata.fail('WriteAuthzenActions', { store_id: '01HZZZZZZZZZZZZZZZZZZZZZZZ', types: [] }, meta(94));
  const created = await relata.call<{ client: { id: string }; key: string }>('CreateApiClient', { name: 'audited client', grants: [{ store: storeId, scopes: ['check'] }] }, meta(3));
  const clientId = created.response.client.id;
  await relata.fail('CreateApiClient', { name: 'x', grants: [{ store: storeId, scopes: ['everything'] }] }, meta(95));
  await relata.call('DisableApiClient', { client_id: clientId }, meta(4));
  await relata.call('EnableApiClient', { client_id: clientId }, meta(5));
  const rotated = await relata.call<{ key: string }>('RotateApiClientKey', { client_id: clientId }, meta(6));
  await relata.call('DeleteApiClient', { client_id: clientId }, meta(7));
  await relata.fail('DeleteApiClient', { client_id: clientId }, meta(96));
  await relata.fail('DisableApiClient', { client_id: clientId }, meta(97));

  const records = await recordsAfter(datastore, baseline);
  expect(records.map((r) => r.operation)).toEqual(['DeleteTuples', 'WriteAuthzenActions', 'CreateApiClient', 'DisableApiClient', 'EnableApiClient', 'RotateApiClientKey', 'DeleteApiClient']);
  records.forEach((r, i) => {
    const body = JSON.parse(r.body) as Record<string, unknown>;
    expect(r.actor).toBe(actor);
    expect(r.kind).toBe('change');
    expect(body).toMatchObject({ actor, reason: `why ${i + 1}`, requestId: `req-${run}-${i + 1}` });
    // Never a key or a secret's hash.
    for (const secret of [created.response.key, rotated.response.key, '$scrypt']) expect(r.body).not.toContain(secret);
  });
  const [deleted, actions, ...clients] = records;
  expect(deleted.storeId).toBe(storeId);
  expect(JSON.parse(deleted.body)).toMatchObject({ filter: { object: 'doc:', relation: 'viewer', user: 'user:bob' }, batch: 1, deletes: [tuple('doc:2', 'user:bob'), tuple('doc:3', 'user:bob')], writes: [] });
  expect(deleted.subjects).toEqual(['user:bob']);
  expect(actions.storeId).toBe(storeId);
  expect(JSON.parse(actions.body)).toMatchObject({ types: [{ type: 'doc', actions: ['viewer'] }] });
  for (const r of clients) {
    expect(r).toMatchObject({ storeId: '', chain: changeChain(undefined) });
    expect(JSON.parse(r.body)).toMatchObject({ clientId });
  }
  expect(JSON.parse(clients[0].body)).toMatchObject({ name: 'audited client', scopes: { [storeId]: ['check'] } });
  expect(JSON.parse(clients[1].body)).toMatchObject({ status: 'disabled' });
  expect(JSON.parse(clients[2].body)).toMatchObject({ status: 'active' });
  for (const report of await verifyAudit(datastore, {})) expect(report.problem).toBeUndefined();
}

describe('relata.v1 change paths', () => {
  it('authentication off: one record each, the peer as actor; failures record nothing', async () => {
    const relata = createGrpcCaller(`127.0.0.1:${h.runtime.grpc.port}`, { service: 'relata' });
    try {
      await relataChangePaths(h, relata, h.runtime.datastore, 'peer:127.0.0.1');
    } finally {
      relata.close();
    }
  });

  it('authentication on (preshared): one record each, the principal as actor', async () => {
    const keys = ['audit-preshared-key-0123456789abcdef', 'audit-preshared-key-fedcba9876543210'];
    const auth = await startAuthHarness({ RELATA_AUTHN_METHOD: 'preshared', RELATA_AUTHN_PRESHARED_KEYS: keys.join(','), RELATA_AUTHN_SLOWDOWN_AFTER: '0' }, bearer(keys[0]));
    try {
      await relataChangePaths(auth.client(bearer(keys[1])), auth.client(bearer(keys[1]), { service: 'relata' }), auth.runtime.datastore, 'preshared:1');
      // Refused before the service runs (no credential): nothing recorded.
      const before = await lastId(auth.runtime.datastore);
      const anonymous = auth.client(undefined, { service: 'relata' });
      expect((await anonymous.fail('CreateApiClient', { name: 'nope', grants: [{ store: '*', scopes: ['admin'] }] })).grpcCode).toBe(status.UNAUTHENTICATED);
      expect(await recordsAfter(auth.runtime.datastore, before)).toEqual([]);
    } finally {
      await auth.close();
    }
  });
});

describe('the global chain over relata.v1 (authentication on)', () => {
  it('an admin of every store reads the store-less records in pages; an admin of one store is refused, naming why', async () => {
    const key = 'audit-global-key-0123456789abcdef';
    const auth = await startAuthHarness({ RELATA_AUTHN_METHOD: 'preshared,clients', RELATA_AUTHN_PRESHARED_KEYS: key, RELATA_AUTHN_SLOWDOWN_AFTER: '0' }, bearer(key));
    try {
      const admin = auth.client(bearer(key), { service: 'relata' });
      const create = (name: string) => admin.call<{ client: { id: string }; key: string }>('CreateApiClient', { name, grants: [{ store: auth.storeId, scopes: ['admin'] }] });
      const storeAdmin = (await create('store admin')).response;
      const other = (await create('other')).response;
      type Page = { records: { store_id: string; chain: string; operation: string; record_json: string }[]; continuation_token: string };
      const first = await admin.call<Page>('ReadAuditRecords', { page_size: 1 });
      expect(first.response.records).toHaveLength(1);
      expect(first.response.records[0]).toMatchObject({ store_id: '', chain: changeChain(undefined), operation: 'CreateApiClient' });
      expect(JSON.parse(first.response.records[0].record_json)).toMatchObject({ clientId: other.client.id, actor: 'preshared:0' });
      const second = await admin.call<Page>('ReadAuditRecords', { page_size: 1, continuation_token: first.response.continuation_token });
      expect(JSON.parse(second.response.records[0].record_json)).toMatchObject({ clientId: storeAdmin.client.id });
      // Only store-less records: none of the store's own changes.
      const all = await admin.call<Page>('ReadAuditRecords', { page_size: 100 });
      expect(all.response.records.every((r) => r.store_id === '')).toBe(true);
      // A store's continuation token does not page the global chain, and filters are still validated.
      const storePage = await admin.call<Page>('ReadAuditRecords', { store_id: auth.storeId, page_size: 1 });
      expect((await admin.fail('ReadAuditRecords', { continuation_token: storePage.response.continuation_token })).grpcCode).toBe(status.INVALID_ARGUMENT);
      expect((await admin.fail('ReadAuditRecords', { kind: 'everything' })).grpcCode).toBe(status.INVALID_ARGUMENT);

      const scoped = auth.client(bearer(storeAdmin.key), { service: 'relata' });
      const refused = await scoped.fail('ReadAuditRecords', {});
      expect(refused.grpcCode).toBe(status.PERMISSION_DENIED);
      expect(refused.message).toMatch(/ReadAuditRecords without a store_id needs the 'admin' scope on every store/);
      // ... while its own store's records stay readable to it.
      expect((await scoped.call<Page>('ReadAuditRecords', { store_id: auth.storeId })).response.records.length).toBeGreaterThan(0);
      expect((await auth.client(undefined, { service: 'relata' }).fail('ReadAuditRecords', {})).grpcCode).toBe(status.UNAUTHENTICATED);
    } finally {
      await auth.close();
    }
  });
});

describe('decision log in a server', () => {
  it('seals on the worker, writes what is queued on graceful shutdown, and counts drops', async () => {
    // A queue of 5 and a flush interval longer than the test: the 5 queued are written at
    // shutdown, the rest dropped and counted.
    const auth = await startAuthHarness({ RELATA_AUDIT_DECISIONS: 'all', RELATA_AUDIT_DECISION_QUEUE: '5', RELATA_AUDIT_DECISION_BATCH: '100', RELATA_AUDIT_DECISION_FLUSH_MS: '60000' }, undefined);
    const client = auth.client(undefined);
    for (let i = 0; i < 8; i++) await client.call('Check', auth.check(), { 'x-request-id': `req-decision-${i}` });
    const dropped = await counterValue(auth.runtime, 'relata_audit_decisions_dropped_total', { reason: 'queue-full' });
    const datastore = auth.runtime.datastore;
    await auth.close();
    const records = (await datastore.queryAudit({ storeId: auth.storeId, kind: 'decision' }, { pageSize: 100 })).items.reverse();
    expect(records.map((r) => (JSON.parse(r.body) as { requestId: string }).requestId)).toEqual([0, 1, 2, 3, 4].map((i) => `req-decision-${i}`));
    expect(records[0]).toMatchObject({ actor: 'peer:127.0.0.1', result: 'allowed', operation: 'Check' });
    expect(dropped).toBe(3);
    for (const report of await verifyAudit(datastore, { storeId: auth.storeId })) expect(report.problem).toBeUndefined();
  });
});
