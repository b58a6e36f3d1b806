import { describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import { createClientsAuthMethod, hasScope } from '../auth/index.js';
import { ErrorCode, RelataError } from '../model/index.js';
import { MemoryDatastore } from '../storage/memory/index.js';
import { createApiClientAdmin, parseExpiry, parseScopeGrant, type CreateApiClientInput } from './api-clients.js';
import { Tokens } from './tokens.js';

const cheap = { logN: 10, r: 8, p: 1 };
const STORE = ulid();

async function codeOf(promise: Promise<unknown>): Promise<{ code: ErrorCode; message: string }> {
  const err = await promise.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(RelataError);
  return { code: (err as RelataError).code, message: (err as RelataError).message };
}

describe('api client management', () => {
  it('creates a client whose key (shown once) authenticates, lists and shows it without the hash', async () => {
    const ds = new MemoryDatastore().apiClients;
    const admin = createApiClientAdmin(ds, { scryptParams: cheap });
    const { client, key } = await admin.create({
      name: 'billing service', grants: [parseScopeGrant(`${STORE}:check,read`), parseScopeGrant('*:check')], allowedCidrs: ['10.0.0.0/8', '::ffff:1.2.3.4'], ratePerSecond: 2.5,
      expiresAt: parseExpiry('30d'),
    });
    expect(key).toMatch(new RegExp(`^rk_${client.id}_[A-Za-z0-9_-]{43}$`));
    expect(client).toMatchObject({ name: 'billing service', status: 'active', allowedCidrs: ['10.0.0.0/8', '1.2.3.4/32'], rateLimit: { perSecond: 2.5, burst: 3 } });
    expect(client.grants).toEqual(expect.arrayContaining([{ store: STORE, scopes: ['check', 'read'] }, { store: '*', scopes: ['check'] }]));
    expect(JSON.stringify(await admin.show(client.id))).not.toContain('scrypt');
    expect((await admin.list({})).items.map((c) => c.id)).toEqual([client.id]);
    const method = createClientsAuthMethod({ clients: ds, pollIntervalMs: 60_000 });
    const principal = await method.authenticate(key, { authorization: undefined, peerAddress: '10.0.0.1' });
    expect(hasScope(principal!, 'read', STORE)).toBe(true);
    expect(hasScope(principal!, 'write', STORE)).toBe(false);
  });

  it('disable, enable, rotate and delete take effect, and tell the local method at once', async () => {
    const ds = new MemoryDatastore().apiClients;
    const method = createClientsAuthMethod({ clients: ds, pollIntervalMs: 60_000 });
    const changedIds: string[] = [];
    const admin = createApiClientAdmin(ds, { scryptParams: cheap, onChange: (id) => (changedIds.push(id), method.sync()) });
    const { client, key } = await admin.create({ name: 'ci-runner', grants: [{ store: '*', scopes: ['admin'] }] });
    const peer = { authorization: undefined, peerAddress: '127.0.0.1' };
    await method.authenticate(key, peer);
    expect((await admin.disable(client.id)).status).toBe('disabled');
    await method.sync();
    expect((await codeOf(method.authenticate(key, peer))).code).toBe(ErrorCode.Unauthenticated);
    expect((await admin.enable(client.id)).status).toBe('active');
    await method.sync();
    await method.authenticate(key, peer);
    const rotated = await admin.rotate(client.id);
    expect(rotated.key).not.toBe(key);
    await method.sync();
    expect((await codeOf(method.authenticate(key, peer))).code).toBe(ErrorCode.Unauthenticated);
    await method.authenticate(rotated.key, peer);
    await admin.delete(client.id);
    await method.sync();
    expect((await codeOf(method.authenticate(rotated.key, peer))).code).toBe(ErrorCode.Unauthenticated);
    expect((await codeOf(admin.show(client.id))).code).toBe(ErrorCode.ApiClientNotFound);
    expect((await codeOf(admin.delete(client.id))).code).toBe(ErrorCode.ApiClientNotFound);
    expect((await codeOf(admin.disable(ulid()))).code).toBe(ErrorCode.ApiClientNotFound);
    expect((await codeOf(admin.rotate(ulid()))).code).toBe(ErrorCode.ApiClientNotFound);
    // Every change named the changed client (create, disable, enable, rotate, delete), nothing else.
    expect(changedIds).toEqual(Array.from({ length: 5 }, () => client.id));
  });

  it('ListApiClients pages with signed continuation tokens and refuses forged, edited and foreign ones', async () => {
    const datastore = new MemoryDatastore();
    const ds = datastore.apiClients;
    const tokens = new Tokens(datastore);
    const admin = createApiClientAdmin(ds, { scryptParams: cheap, tokens });
    for (let i = 0; i < 5; i++) await admin.create({ name: `client ${i}`, grants: [{ store: '*', scopes: ['check'] }] });
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = await admin.list({ pageSize: 2, continuationToken: token });
      seen.push(...page.items.map((c) => c.id));
      token = page.continuationToken || undefined;
    } while (token);
    expect(new Set(seen).size).toBe(5);
    const first = (await admin.list({ pageSize: 2 })).continuationToken;
    expect(first).not.toBe('');
    // A replica sharing the key (the datastore's) takes it; an admin with its own key does not.
    expect((await createApiClientAdmin(ds, { tokens: new Tokens(datastore) }).list({ pageSize: 2, continuationToken: first })).items).toHaveLength(2);
    const raw = (await ds.listApiClients({ pageSize: 2 })).continuationToken;
    const flip = (t: string, i: number) => t.slice(0, i) + (t[i] === 'A' ? 'B' : 'A') + t.slice(i + 1);
    const foreign = [
      raw, // the storage token itself, unsigned
      flip(first, 3), // edited payload
      flip(first, first.length - 2), // edited tag
      first.slice(0, -4), // truncated
      `${first}AAAA`, // extended
      await tokens.seal('stores', '', raw), // ListStores' token for the same position
      await tokens.seal('clients', ulid(), raw), // signed for a store
      'A'.repeat(6000), // oversized
      '../../etc/passwd',
      'not base64!',
    ];
    for (const bad of foreign) {
      const refused = await codeOf(admin.list({ pageSize: 2, continuationToken: bad }));
      expect(refused.code).toBe(ErrorCode.InvalidContinuationToken);
      expect(refused.message).toContain('continuation_token');
    }
    expect((await codeOf(createApiClientAdmin(ds).list({ pageSize: 2, continuationToken: first }))).code).toBe(ErrorCode.InvalidContinuationToken);
  });

  it('refuses bad input with a message naming the field, and writes nothing', async () => {
    const ds = new MemoryDatastore().apiClients;
    const admin = createApiClientAdmin(ds, { scryptParams: cheap });
    const base: CreateApiClientInput = { name: 'ok name', grants: [{ store: '*', scopes: ['check'] }] };
    const cases: [Partial<CreateApiClientInput>, string][] = [
      [{ name: '' }, 'invalid name'],
      [{ name: 'x'.repeat(65) }, 'invalid name'],
      [{ name: 'bad\u0000name' }, 'invalid name'],
      [{ grants: [] }, 'invalid scopes'],
      [{ grants: Array.from({ length: 101 }, () => ({ store: '*', scopes: ['check'] })) }, 'invalid scopes'],
      [{ grants: [{ store: 'not-a-store', scopes: ['check'] }] }, 'invalid scopes[0].store'],
      [{ grants: [{ store: '*', scopes: ['check', 'root'] }] }, 'invalid scopes[0].scopes'],
      [{ grants: [{ store: '*', scopes: [] }] }, 'invalid scopes[0].scopes'],
      [{ grants: [{ store: '*', scopes: ['__proto__'] }] }, 'invalid scopes[0].scopes'],
      [{ allowedCidrs: ['10.0.0.0/33'] }, 'invalid allowed_cidrs[0]'],
      [{ allowedCidrs: ['10.0.0.0/8', 'example.com'] }, 'invalid allowed_cidrs[1]'],
      [{ allowedCidrs: ['1'.repeat(10_000)] }, 'invalid allowed_cidrs[0]'],
      [{ ratePerSecond: -1 }, 'invalid rate'],
      [{ ratePerSecond: Number.NaN }, 'invalid rate'],
      [{ ratePerSecond: 1e9 }, 'invalid rate'],
      [{ ratePerSecond: 5, rateBurst: 1.5 }, 'invalid rate_burst'],
      [{ rateBurst: 5 }, 'invalid rate_burst'],
      [{ expiresAt: new Date(Date.now() - 1000) }, 'invalid expires_at'],
      [{ expiresAt: new Date(NaN) }, 'invalid expires_at'],
    ];
    for (const [over, field] of cases) {
      const { code, message } = await codeOf(admin.create({ ...base, ...over }));
      expect(code, field).toBe(ErrorCode.ValidationError);
      expect(message).toContain(field);
    }
    expect((await admin.list({})).items).toEqual([]);
    expect((await codeOf(admin.show('../etc'))).message).toContain('client_id');
    expect((await codeOf(admin.list({ pageSize: 1000 }))).code).toBe(ErrorCode.PageSizeInvalid);
    expect((await codeOf(admin.list({ continuationToken: 'forged' }))).code).toBe(ErrorCode.InvalidContinuationToken);
    expect(() => parseScopeGrant('nocolon')).toThrow('invalid scope');
    expect(() => parseScopeGrant(`${STORE}:`)).toThrow('invalid scope');
    expect(() => parseExpiry('soon')).toThrow('invalid expires');
    expect(parseExpiry('2h', 0).getTime()).toBe(7_200_000);
    expect(parseExpiry('2031-01-02T03:04:05Z').toISOString()).toBe('2031-01-02T03:04:05.000Z');
  });

  it('concurrent creates get distinct ids and keys', async () => {
    const ds = new MemoryDatastore().apiClients;
    const admin = createApiClientAdmin(ds, { scryptParams: cheap });
    const made = await Promise.all(Array.from({ length: 10 }, (_, i) => admin.create({ name: `client ${i}`, grants: [{ store: '*', scopes: ['read'] }] })));
    expect(new Set(made.map((m) => m.client.id)).size).toBe(10);
    expect(new Set(made.map((m) => m.key)).size).toBe(10);
    expect((await admin.list({ pageSize: 100 })).items).toHaveLength(10);
  });
});
