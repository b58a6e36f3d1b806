// API clients contract: create/get/list/update/delete round-trip every field, ids are unique,
// listing pages by id, and every mutation appears once in the change log, in order.
import { beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import { ErrorCode } from '../../../src/model/index.js';
import type { NewApiClient } from '../../../src/storage/api-clients.js';
import type { Datastore } from '../../../src/storage/datastore.js';
import { expectCode } from './storage-fixtures.js';
import type { StorageSuite } from './storage-fixtures.js';

const newClient = (over: Partial<NewApiClient> = {}): NewApiClient => ({
  id: ulid(),
  name: 'ci',
  secretHash: '$scrypt$ln=10,r=8,p=1$c2FsdA$aGFzaA',
  scopes: { '*': ['check', 'read'] },
  ...over,
});

export function apiClientsSuite(suite: StorageSuite): void {
  let ds: Datastore;
  beforeAll(async () => {
    ds = await suite.datastore();
  });

  describe('api clients', () => {
    it('creates and reads back every field; a taken id is AlreadyExists', async () => {
      const expiresAt = new Date(Date.now() + 86_400_000);
      const created = await ds.apiClients.createApiClient(newClient({
        name: 'billing', expiresAt, allowedCidrs: ['10.0.0.0/8', '::1'], rateLimit: { perSecond: 2.5, burst: 10 },
        scopes: { '01HSTORE': ['write'], '*': ['check'] },
      }));
      expect(created.status).toBe('active');
      const read = await ds.apiClients.getApiClient(created.id);
      expect(read).toEqual(created);
      expect(read!.expiresAt!.getTime()).toBe(expiresAt.getTime());
      expect(read!.allowedCidrs).toEqual(['10.0.0.0/8', '::1']);
      expect(read!.rateLimit).toEqual({ perSecond: 2.5, burst: 10 });
      expect(read!.scopes).toEqual({ '01HSTORE': ['write'], '*': ['check'] });
      await expectCode(ds.apiClients.createApiClient(newClient({ id: created.id })), ErrorCode.AlreadyExists);
      expect(await ds.apiClients.getApiClient(ulid())).toBeUndefined();
      const plain = await ds.apiClients.createApiClient(newClient());
      expect(plain.expiresAt).toBeUndefined();
      expect(plain.rateLimit).toBeUndefined();
      expect(plain.allowedCidrs).toEqual([]);
    });

    it('updates only the fields given, clears with null, and returns undefined for a missing client', async () => {
      const c = await ds.apiClients.createApiClient(newClient({ expiresAt: new Date(Date.now() + 60_000), rateLimit: { perSecond: 1, burst: 1 } }));
      const disabled = await ds.apiClients.updateApiClient(c.id, { status: 'disabled' });
      expect(disabled).toMatchObject({ status: 'disabled', name: c.name, secretHash: c.secretHash, rateLimit: c.rateLimit });
      expect(disabled!.updatedAt.getTime()).toBeGreaterThanOrEqual(c.updatedAt.getTime());
      const cleared = await ds.apiClients.updateApiClient(c.id, { expiresAt: null, rateLimit: null, allowedCidrs: ['192.168.0.0/16'], scopes: { x: ['admin'] }, secretHash: 'new' });
      expect(cleared).toMatchObject({ expiresAt: undefined, rateLimit: undefined, allowedCidrs: ['192.168.0.0/16'], scopes: { x: ['admin'] }, secretHash: 'new', status: 'disabled' });
      expect(await ds.apiClients.getApiClient(c.id)).toEqual(cleared);
      expect(await ds.apiClients.updateApiClient(ulid(), { status: 'active' })).toBeUndefined();
    });

    it('deletes once', async () => {
      const c = await ds.apiClients.createApiClient(newClient());
      expect(await ds.apiClients.deleteApiClient(c.id)).toBe(true);
      expect(await ds.apiClients.deleteApiClient(c.id)).toBe(false);
      expect(await ds.apiClients.getApiClient(c.id)).toBeUndefined();
    });

    it('lists by id in pages; a foreign or forged token is InvalidContinuationToken', async () => {
      const ids = new Set<string>();
      for (let i = 0; i < 5; i++) ids.add((await ds.apiClients.createApiClient(newClient())).id);
      const seen: string[] = [];
      let token = '';
      do {
        const page = await ds.apiClients.listApiClients({ pageSize: 2, continuationToken: token || undefined });
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items.map((c) => c.id));
        token = page.continuationToken;
      } while (token);
      expect([...seen].sort()).toEqual(seen);
      expect(new Set(seen).size).toBe(seen.length);
      for (const id of ids) expect(seen).toContain(id);
      const stores = await ds.listStores({ pageSize: 1 });
      if (stores.continuationToken) await expectCode(ds.apiClients.listApiClients({ pageSize: 1, continuationToken: stores.continuationToken }), ErrorCode.InvalidContinuationToken);
      await expectCode(ds.apiClients.listApiClients({ pageSize: 1, continuationToken: 'not-a-token' }), ErrorCode.InvalidContinuationToken);
    });

    it('logs every mutation once, in order, and pages the log', async () => {
      const start = await ds.apiClients.apiClientChangeVersion();
      const a = await ds.apiClients.createApiClient(newClient());
      const b = await ds.apiClients.createApiClient(newClient());
      await ds.apiClients.updateApiClient(a.id, { status: 'disabled' });
      await ds.apiClients.deleteApiClient(b.id);
      await ds.apiClients.updateApiClient(ulid(), { status: 'active' }); // nothing changed: no change
      expect(await ds.apiClients.deleteApiClient(b.id)).toBe(false); // nor here
      const changes = await ds.apiClients.apiClientChangesSince(start);
      expect(changes.clientIds).toEqual([a.id, b.id, a.id, b.id]);
      expect(changes.more).toBe(false);
      expect(changes.version).toBe(await ds.apiClients.apiClientChangeVersion());
      expect(changes.version).toBeGreaterThan(start);
      const first = await ds.apiClients.apiClientChangesSince(start, 3);
      expect(first).toMatchObject({ clientIds: [a.id, b.id, a.id], more: true });
      const rest = await ds.apiClients.apiClientChangesSince(first.version, 3);
      expect(rest).toMatchObject({ clientIds: [b.id], more: false, version: changes.version });
      expect(await ds.apiClients.apiClientChangesSince(changes.version)).toEqual({ clientIds: [], version: changes.version, more: false });
    });

    it('concurrent mutations each log one change with distinct versions', async () => {
      const start = await ds.apiClients.apiClientChangeVersion();
      const created = await Promise.all(Array.from({ length: 8 }, () => ds.apiClients.createApiClient(newClient())));
      await Promise.all(created.map((c) => ds.apiClients.updateApiClient(c.id, { status: 'disabled' })));
      const changes = await ds.apiClients.apiClientChangesSince(start);
      const mine = new Set(created.map((c) => c.id));
      expect(changes.clientIds.filter((id) => mine.has(id))).toHaveLength(16);
    });
  });
}
