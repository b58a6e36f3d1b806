// Audit contract: a mutating call given a draft appends exactly one record to the store's chain in
// the same transaction, only when something changed; chains stay gap-free under concurrent
// writers; queries filter and page newest first; retention keeps the chain verifiable.
import { beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import { AuditTrail, verifyAudit, changeChain, decisionChain } from '../../../src/audit/index.js';
import { ErrorCode } from '../../../src/model/index.js';
import type { Datastore } from '../../../src/storage/datastore.js';
import type { AuditRecord } from '../../../src/storage/audit-repository.js';
import type { AuthorizationModel } from '../../../src/model/index.js';
import { expectCode, tk, type StorageSuite } from './storage-fixtures.js';

const alice = { principal: { kind: 'client' as const, id: 'alice', scopes: new Map() }, requestId: 'req-1', peerAddress: 'ipv4:10.0.0.7:5123', userAgent: 'ua/1', reason: 'ticket 42' };
const model: AuthorizationModel & { id: string } = {
  id: ulid(),
  schema_version: '1.1',
  type_definitions: [{ type: 'user' }, { type: 'doc', relations: { viewer: { this: {} } }, metadata: { relations: { viewer: { directly_related_user_types: [{ type: 'user' }] } } } }],
};

async function chainRecords(ds: Datastore, storeId: string): Promise<AuditRecord[]> {
  return ds.readAuditChain(changeChain(storeId), 0n, 1000);
}

export function auditSuite(suite: StorageSuite): void {
  let ds: Datastore;
  const trail = new AuditTrail();
  beforeAll(async () => {
    ds = await suite.datastore();
  });

  describe('audit', () => {
    it('records every change path once, in order, with its actor; the chain verifies', async () => {
      const id = ulid();
      await ds.createStore({ id, name: 'audited' }, trail.change(id, 'CreateStore', alice, { name: 'audited' }));
      await ds.writeModel(id, { ...model, id: ulid() }, trail.change(id, 'WriteAuthorizationModel', alice, { modelId: model.id }));
      await ds.writeTuples(id, { writes: [tk('doc:1', 'viewer', 'user:bob', { name: 'c', context: { secret: 1 } })], deletes: [] }, trail.change(id, 'Write', alice));
      await ds.writeTuples(id, { writes: [tk('doc:2', 'viewer', 'user:carl')], deletes: [tk('doc:1', 'viewer', 'user:bob')] }, trail.change(id, 'Write', alice));
      await ds.writeAssertions(id, model.id, [], trail.change(id, 'WriteAssertions', alice, { modelId: model.id }));
      await ds.updateStore(id, 'renamed', trail.change(id, 'UpdateStore', alice, { name: 'renamed' }));
      await ds.deleteStore(id, trail.change(id, 'DeleteStore', alice));
      const records = await chainRecords(ds, id);
      expect(records.map((r) => r.operation)).toEqual(['CreateStore', 'WriteAuthorizationModel', 'Write', 'Write', 'WriteAssertions', 'UpdateStore', 'DeleteStore']);
      expect(records.map((r) => r.seq)).toEqual([1n, 2n, 3n, 4n, 5n, 6n, 7n]);
      expect(new Set(records.map((r) => r.actor))).toEqual(new Set(['client:alice']));
      const write = JSON.parse(records[3].body) as Record<string, unknown>;
      expect(write).toMatchObject({
        actor: 'client:alice',
        ip: '10.0.0.7',
        userAgent: 'ua/1',
        requestId: 'req-1',
        reason: 'ticket 42',
        writes: [{ object: 'doc:2', relation: 'viewer', user: 'user:carl' }],
        deletes: [{ object: 'doc:1', relation: 'viewer', user: 'user:bob' }],
      });
      expect(JSON.parse(records[2].body)).toMatchObject({ writes: [{ condition: { name: 'c', context: { secret: 1 } } }] });
      expect(records[3].subjects.sort()).toEqual(['user:bob', 'user:carl']);
      const [report] = await verifyAudit(ds, { storeId: id });
      expect(report.problem).toBeUndefined();
      expect(report.records).toBe(7);
    });

    it('records nothing for a failed or empty change', async () => {
      const id = await suite.newStore();
      await ds.writeTuples(id, { writes: [tk('doc:1', 'viewer', 'user:a')], deletes: [] });
      const before = (await chainRecords(ds, id)).length;
      await expectCode(ds.writeTuples(id, { writes: [tk('doc:1', 'viewer', 'user:a')], deletes: [] }, trail.change(id, 'Write')), ErrorCode.WriteFailedDueToInvalidInput);
      await expectCode(ds.writeTuples(id, { writes: [], deletes: [tk('doc:9', 'viewer', 'user:a')] }, trail.change(id, 'Write')), ErrorCode.WriteFailedDueToInvalidInput);
      // Everything ignored: nothing changed, nothing recorded.
      await ds.writeTuples(id, { writes: [tk('doc:1', 'viewer', 'user:a')], deletes: [], onDuplicate: 'ignore' }, trail.change(id, 'Write'));
      await expectCode(ds.createStore({ id, name: 'again' }, trail.change(id, 'CreateStore')), ErrorCode.AlreadyExists);
      await expectCode(ds.writeModel(id, model, trail.change(id, 'WriteAuthorizationModel')).then(() => ds.writeModel(id, model, trail.change(id, 'WriteAuthorizationModel'))), ErrorCode.AlreadyExists);
      const missing = ulid();
      expect(await ds.updateStore(missing, 'x', trail.change(missing, 'UpdateStore'))).toBeUndefined();
      expect(await ds.deleteStore(missing, trail.change(missing, 'DeleteStore'))).toBe(false);
      expect((await chainRecords(ds, id)).length).toBe(before + 1); // the one model write that succeeded
      expect(await chainRecords(ds, missing)).toEqual([]);
    });

    it('records API client and store setting changes once, in their transaction; failures record nothing', async () => {
      const global = async () => ds.readAuditChain(changeChain(undefined), 0n, 100_000);
      const before = (await global()).length;
      const id = ulid();
      const draft = (operation: 'CreateApiClient' | 'DisableApiClient' | 'DeleteApiClient') => trail.change(undefined, operation, alice, { clientId: id });
      await ds.apiClients.createApiClient({ id, name: 'audited', secretHash: 'h', scopes: { '*': ['check'] } }, draft('CreateApiClient'));
      await expectCode(ds.apiClients.createApiClient({ id, name: 'again', secretHash: 'h', scopes: {} }, draft('CreateApiClient')), ErrorCode.AlreadyExists);
      await ds.apiClients.updateApiClient(id, { status: 'disabled' }, draft('DisableApiClient'));
      const missing = ulid();
      expect(await ds.apiClients.updateApiClient(missing, { status: 'disabled' }, draft('DisableApiClient'))).toBeUndefined();
      expect(await ds.apiClients.deleteApiClient(missing, draft('DeleteApiClient'))).toBe(false);
      // A record that cannot be appended undoes its change (all or nothing). Drafts must not throw:
      // this one breaks the contract to stand for a failed append (memory throws synchronously).
      const broken = { chain: changeChain(undefined), seal: () => { throw new Error('cannot seal'); } };
      const attempt = (fn: () => Promise<unknown>) => Promise.resolve().then(fn);
      await expect(attempt(() => ds.apiClients.deleteApiClient(id, broken))).rejects.toThrow();
      expect((await ds.apiClients.getApiClient(id))?.status).toBe('disabled');
      await ds.apiClients.deleteApiClient(id, draft('DeleteApiClient'));
      const records = (await global()).slice(before);
      expect(records.map((r) => r.operation)).toEqual(['CreateApiClient', 'DisableApiClient', 'DeleteApiClient']);
      expect(records.map((r) => r.actor)).toEqual(['client:alice', 'client:alice', 'client:alice']);

      const store = await suite.newStore();
      const settingRecords = async () => (await chainRecords(ds, store)).filter((r) => r.operation === 'WriteAuthzenActions');
      await ds.writeStoreSetting(store, 'authzen.actions', '[]', trail.change(store, 'WriteAuthzenActions', alice));
      await ds.writeStoreSetting(store, 'authzen.actions', undefined, trail.change(store, 'WriteAuthzenActions', alice));
      await expect(attempt(() => ds.writeStoreSetting(store, 'authzen.actions', '["x"]', { chain: changeChain(store), seal: broken.seal }))).rejects.toThrow();
      expect(await ds.readStoreSetting(store, 'authzen.actions')).toBeUndefined();
      expect((await settingRecords()).length).toBe(2);
    });

    it('keeps a chain gap-free under concurrent writers of one store', async () => {
      const id = await suite.newStore();
      const writes = Array.from({ length: 24 }, (_, i) =>
        i % 3 === 0
          ? ds.writeModel(id, { ...model, id: ulid() }, trail.change(id, 'WriteAuthorizationModel', alice))
          : ds.writeTuples(id, { writes: [tk(`doc:${i}`, 'viewer', 'user:a')], deletes: [] }, trail.change(id, 'Write', alice)),
      );
      const decisions = Array.from({ length: 4 }, (_, i) =>
        ds.appendAudit(Array.from({ length: 5 }, (_, j) => trail.change(id, 'Write', undefined, { batch: i, item: j }))),
      );
      await Promise.all([...writes, ...decisions]);
      const records = await chainRecords(ds, id);
      expect(records.map((r) => r.seq)).toEqual(Array.from({ length: 44 }, (_, i) => BigInt(i + 1)));
      const [report] = await verifyAudit(ds, { storeId: id });
      expect(report.problem).toBeUndefined();
    });

    it('queries newest first with filters and pages; refuses a forged token', async () => {
      const id = await suite.newStore();
      const bob = { ...alice, principal: { ...alice.principal, id: 'bob' } };
      await ds.writeTuples(id, { writes: [tk('doc:1', 'viewer', 'user:x')], deletes: [] }, trail.change(id, 'Write', alice));
      await ds.writeTuples(id, { writes: [tk('doc:2', 'viewer', 'user:y')], deletes: [] }, trail.change(id, 'Write', bob));
      await ds.writeModel(id, { ...model, id: ulid() }, trail.change(id, 'WriteAuthorizationModel', bob));
      const all = await ds.queryAudit({ storeId: id }, { pageSize: 2 });
      expect(all.items.map((r) => r.operation)).toEqual(['WriteAuthorizationModel', 'Write']);
      const next = await ds.queryAudit({ storeId: id }, { pageSize: 2, continuationToken: all.continuationToken });
      expect(next.items.map((r) => r.actor)).toEqual(['client:alice']);
      expect(next.continuationToken).toBe('');
      expect((await ds.queryAudit({ storeId: id, actor: 'client:bob' }, { pageSize: 10 })).items).toHaveLength(2);
      expect((await ds.queryAudit({ storeId: id, object: 'doc:2' }, { pageSize: 10 })).items.map((r) => r.actor)).toEqual(['client:bob']);
      expect((await ds.queryAudit({ storeId: id, subject: 'user:x' }, { pageSize: 10 })).items.map((r) => r.actor)).toEqual(['client:alice']);
      expect((await ds.queryAudit({ storeId: id, operation: 'Write', actor: 'client:bob' }, { pageSize: 10 })).items).toHaveLength(1);
      expect((await ds.queryAudit({ storeId: id, from: new Date(Date.now() + 60_000) }, { pageSize: 10 })).items).toEqual([]);
      expect((await ds.queryAudit({ storeId: id, to: new Date(0) }, { pageSize: 10 })).items).toEqual([]);
      await expectCode(ds.queryAudit({ storeId: id }, { pageSize: 2, continuationToken: 'not-a-token' }), ErrorCode.InvalidContinuationToken);
      // A range ending in the past is read another way (SQL): the same records, pages and order.
      const newestFirst = (await ds.queryAudit({ storeId: id }, { pageSize: 100 })).items.map((r) => r.id);
      expect(newestFirst.length).toBeGreaterThanOrEqual(3);
      const range = { storeId: id, from: new Date(0), to: new Date(Date.now() + 60_000) };
      const first = await ds.queryAudit(range, { pageSize: 2 });
      const second = await ds.queryAudit(range, { pageSize: 2, continuationToken: first.continuationToken });
      expect([...first.items, ...second.items].map((r) => r.id)).toEqual(newestFirst.slice(0, 4));
      expect(first.continuationToken).not.toBe('');
    });

    it('logs decisions in a chain of their own, filterable by result', async () => {
      const id = await suite.newStore();
      const event = { operation: 'Check' as const, storeId: id, relation: 'viewer', modelId: model.id, cache: 'miss', latencyMs: 0.1 };
      const log = new AuditTrail({ repository: ds, config: { ...(await import('../../../src/config/audit.js')).defaultAuditConfig, decisions: 'all', maskKeys: ['token'] } });
      log.decision({ ...event, user: 'user:a', object: 'doc:1', allowed: true, context: { token: 'secret', ip: '1.2.3.4' } });
      log.decision({ ...event, user: 'user:b', object: 'doc:2', allowed: false });
      await log.close();
      const denied = await ds.queryAudit({ storeId: id, result: 'denied' }, { pageSize: 10 });
      expect(denied.items.map((r) => r.subjects)).toEqual([['user:b']]);
      const [allowed] = (await ds.queryAudit({ storeId: id, result: 'allowed' }, { pageSize: 10 })).items;
      expect(JSON.parse(allowed.body)).toMatchObject({ context: { token: '***', ip: '1.2.3.4' }, result: 'allowed', cache: 'miss' });
      expect(allowed.chain).toBe(decisionChain(id));
      expect((await verifyAudit(ds, { storeId: id })).every((r) => !r.problem)).toBe(true);
    });

    it('seals decision batches on worker threads; two logs appending to one chain keep it gap-free', async () => {
      const id = await suite.newStore();
      const config = { ...(await import('../../../src/config/audit.js')).defaultAuditConfig, decisions: 'all' as const, decisionBatchSize: 7, maskKeys: ['token'] };
      const logs = [new AuditTrail({ repository: ds, sealOnWorker: true, config }), new AuditTrail({ repository: ds, sealOnWorker: true, config })];
      const event = { operation: 'Check' as const, storeId: id, relation: 'viewer', modelId: model.id, cache: 'l1', latencyMs: 0.01, caller: alice };
      for (let i = 0; i < 40; i++) logs[i % 2].decision({ ...event, user: `user:${i}`, object: 'doc:1', allowed: i % 3 !== 0, context: { token: 't', n: i } });
      await Promise.all(logs.map((log) => log.close()));
      const records = await ds.readAuditChain(decisionChain(id), 0n, 1000);
      expect(records.map((r) => r.seq)).toEqual(Array.from({ length: 40 }, (_, i) => BigInt(i + 1)));
      expect(new Set(records.map((r) => r.subjects[0])).size).toBe(40);
      expect(JSON.parse(records[0].body)).toMatchObject({ actor: 'client:alice', requestId: 'req-1', context: { token: '***' } });
      expect((await verifyAudit(ds, { storeId: id })).every((r) => !r.problem)).toBe(true);
    });

    it('stores decision batches byte for byte, whatever characters their fields hold (COPY on PostgreSQL)', async () => {
      const id = await suite.newStore();
      const odd = ['quote " and \\" backslash \\ tab \t newline \n cr \r', 'braces {a,b} comma , "NULL" \\N', 'é 😀 \u2028 \u0001', ''];
      const config = { ...(await import('../../../src/config/audit.js')).defaultAuditConfig, decisions: 'all' as const };
      const log = new AuditTrail({ repository: ds, config });
      odd.forEach((text, i) => {
        const caller = { ...alice, principal: { ...alice.principal, id: `id ${text}` }, reason: text, userAgent: text };
        log.decision({ operation: 'Check', storeId: id, relation: 'viewer', modelId: model.id, cache: 'l1', latencyMs: 0.5, caller, user: `user:${i}${text}`, object: `doc:${text}`, allowed: i % 2 === 0, context: { text } });
      });
      await log.close();
      const records = await ds.readAuditChain(decisionChain(id), 0n, 100);
      expect(records.map((r) => [r.actor, r.subjects, r.objects])).toEqual(odd.map((text, i) => [`client:id ${text}`, [`user:${i}${text}`], [`doc:${text}`]]));
      expect(records.map((r) => (JSON.parse(r.body) as { context: { text: string } }).context.text)).toEqual(odd);
      expect((await ds.queryAudit({ storeId: id, subject: `user:0${odd[0]}` }, { pageSize: 10 })).items).toHaveLength(1);
      expect((await verifyAudit(ds, { storeId: id })).every((r) => !r.problem)).toBe(true);
    });

    it('stores a decision batch larger than one COPY (large request contexts) whole and in order', async () => {
      const id = await suite.newStore();
      const config = { ...(await import('../../../src/config/audit.js')).defaultAuditConfig, decisions: 'all' as const, decisionBatchSize: 1000, decisionFlushMs: 60_000 };
      const log = new AuditTrail({ repository: ds, config });
      const big = 'x'.repeat(40_000);
      for (let i = 0; i < 150; i++) log.decision({ operation: 'Check', storeId: id, relation: 'viewer', modelId: model.id, cache: 'l1', latencyMs: 0.5, user: `user:${i}`, object: 'doc:1', allowed: true, context: { big, i } });
      await log.close();
      const records = await ds.readAuditChain(decisionChain(id), 0n, 1000);
      expect(records.map((r) => r.subjects[0])).toEqual(Array.from({ length: 150 }, (_, i) => `user:${i}`));
      expect(records.reduce((sum, r) => sum + r.body.length, 0)).toBeGreaterThan(5_000_000);
      expect((await verifyAudit(ds, { storeId: id })).every((r) => !r.problem)).toBe(true);
    });

    it('retention removes old records and keeps the chain verifiable from its base', async () => {
      const id = await suite.newStore();
      const old = new AuditTrail({ now: () => new Date('2020-01-01T00:00:00Z') });
      for (let i = 0; i < 3; i++) await ds.writeTuples(id, { writes: [tk(`doc:o${i}`, 'viewer', 'user:a')], deletes: [] }, old.change(id, 'Write'));
      await ds.writeTuples(id, { writes: [tk('doc:new', 'viewer', 'user:a')], deletes: [] }, trail.change(id, 'Write'));
      expect(await ds.pruneAudit(changeChain(id), new Date('2021-01-01T00:00:00Z'))).toBe(3);
      const records = await chainRecords(ds, id);
      expect(records.map((r) => r.seq)).toEqual([4n]);
      const [report] = await verifyAudit(ds, { storeId: id });
      expect(report.problem).toBeUndefined();
      // The head is never removed, however old.
      const lone = await suite.newStore();
      await ds.writeTuples(lone, { writes: [tk('doc:1', 'viewer', 'user:a')], deletes: [] }, old.change(lone, 'Write'));
      expect(await ds.pruneAudit(changeChain(lone), new Date())).toBe(0);
    });
  });
}
