// Method `clients` over gRPC with the official-proto client, on two server replicas sharing one
// PostgreSQL schema: the first admin client is bootstrapped as the CLI does (straight into the
// datastore); it creates clients over relata.v1; their keys call Check; a missing scope is
// PERMISSION_DENIED, a rate over the limit RESOURCE_EXHAUSTED with retry-after, and disabling or
// rotating (through replica A) is UNAUTHENTICATED on replica B after its next change-log poll
// (the time it took is printed: the revocation bound). Two more replicas share Redis and poll
// only every minute: there a revocation reaches the other replica through the push alone.
import { status } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import { loadConfig } from '../../src/config/index.js';
import { startRelata, type RelataRuntime } from '../../src/cli/compose.js';
import { transformDslToModel } from '../../src/dsl/index.js';
import { ErrorCode } from '../../src/model/index.js';
import { silentLogger } from '../../src/observability/index.js';
import { formatApiKey, generateSecret, hashSecret } from '../../src/auth/index.js';
import { createApiClientAdmin } from '../../src/service/index.js';
import type { Datastore } from '../../src/storage/datastore.js';
import { createPostgresDatastore } from '../../src/storage/postgres/index.js';
import { encodeModel } from '../../src/transport/grpc/codec-model.js';
import { createGrpcCaller, type GrpcCaller } from '../helpers/grpc-caller.js';
import { dropTestSchema, testDatabaseUrl, testRedisUrl } from '../helpers/services.js';

const schema = `relata_clients_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
const pollIntervalMs = 200;
const env = {
  RELATA_DATASTORE_URL: testDatabaseUrl,
  RELATA_DATASTORE_SCHEMA: schema,
  RELATA_GRPC_ADDR: '127.0.0.1:0',
    RELATA_HTTP_ADDR: 'off',
  RELATA_METRICS_ADDR: 'off',
  RELATA_SHUTDOWN_TIMEOUT_MS: '500',
  RELATA_AUTHN_METHOD: 'clients',
  RELATA_AUTHN_SLOWDOWN_AFTER: '0',
};

let replicas: RelataRuntime[] = [];
const callers: GrpcCaller[] = [];
let adminKey = '';
/** The replicas' datastore, opened beside them (as `relata clients` would). */
let datastore: Datastore | undefined;
let storeId = '';
let otherStoreId = '';

function client(replica: number, key: string | undefined, service: 'openfga' | 'relata' = 'openfga'): GrpcCaller {
  const caller = createGrpcCaller(`127.0.0.1:${replicas[replica].grpc.port}`, { service, metadata: key ? { authorization: `Bearer ${key}` } : {} });
  callers.push(caller);
  return caller;
}

const check = (store = storeId) => ({ store_id: store, tuple_key: { object: 'document:1', relation: 'viewer', user: 'user:anne' } });

async function createClient(grants: { store: string; scopes: string[] }[], extra: object = {}): Promise<{ id: string; key: string }> {
  const created = await client(0, adminKey, 'relata').call<{ client: { id: string }; key: string }>('CreateApiClient', { name: 'e2e client', grants, ...extra });
  return { id: created.response.client.id, key: created.response.key };
}

/** Calls Check on `replica` until it is refused; the ms from `since` (the change's commit) to the refusal. */
async function refusedAfter(replica: number, key: string, since: number): Promise<number> {
  const caller = client(replica, key);
  for (;;) {
    const outcome = await caller.call('Check', check()).then(() => undefined, (err: { code?: number }) => err);
    if (outcome) {
      expect(outcome.code).toBe(status.UNAUTHENTICATED);
      return Date.now() - since;
    }
    if (Date.now() - since > 15_000) throw new Error('revocation not seen within 15 s');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

beforeAll(async () => {
  // Bootstrap: the first admin client, written into the datastore as `relata clients create` does.
  datastore = await createPostgresDatastore({ connectionString: testDatabaseUrl, schema, maxConnections: 2 });
  await datastore.migrate();
  adminKey = (await createApiClientAdmin(datastore.apiClients).create({ name: 'first admin', grants: [{ store: '*', scopes: ['admin', 'model', 'write', 'read', 'check'] }] })).key;
  const config = loadConfig(env);
  for (let i = 0; i < 2; i++) replicas.push(await startRelata(config, { logger: silentLogger(), clients: { pollIntervalMs } }));
  const admin = client(0, adminKey);
  for (const target of ['main', 'other']) {
    const store = await admin.call<{ id: string }>('CreateStore', { name: `clients ${target}` });
    const model = encodeModel(transformDslToModel('model\n  schema 1.1\ntype user\ntype document\n  relations\n    define viewer: [user]\n'));
    await admin.call('WriteAuthorizationModel', { store_id: store.response.id, schema_version: model.schema_version, type_definitions: model.type_definitions });
    await admin.call('Write', { store_id: store.response.id, writes: { tuple_keys: [{ object: 'document:1', relation: 'viewer', user: 'user:anne' }] } });
    if (target === 'main') storeId = store.response.id;
    else otherStoreId = store.response.id;
  }
}, 60_000);

afterAll(async () => {
  for (const caller of callers) caller.close();
  await Promise.all(replicas.map((r) => r.stop()));
  replicas = [];
  await datastore?.close();
  await dropTestSchema(schema);
});

describe('API clients over gRPC (two replicas, one PostgreSQL)', () => {
  it('an admin client creates a client over relata.v1; its key calls Check on both replicas', async () => {
    const { id, key } = await createClient([{ store: storeId, scopes: ['check'] }]);
    expect(key).toMatch(new RegExp(`^rk_${id}_`));
    for (const replica of [0, 1]) expect((await client(replica, key).call<{ allowed: boolean }>('Check', check())).response.allowed).toBe(true);
    const listed = await client(1, adminKey, 'relata').call<{ clients: { id: string; grants: unknown[] }[] }>('ListApiClients', {});
    expect(listed.response.clients.find((c) => c.id === id)?.grants).toEqual([{ store: storeId, scopes: ['check'] }]);
    expect(JSON.stringify(listed.response)).not.toContain(key.slice(-43));
  });

  it('PERMISSION_DENIED without the scope: another operation, another store, the admin RPCs', async () => {
    const { key } = await createClient([{ store: storeId, scopes: ['check'] }]);
    const caller = client(0, key);
    expect(await caller.fail('Write', { store_id: storeId, writes: { tuple_keys: [{ object: 'document:2', relation: 'viewer', user: 'user:bob' }] } })).toMatchObject({ grpcCode: status.PERMISSION_DENIED, openfgaCode: ErrorCode.Forbidden });
    expect((await caller.fail('Check', check(otherStoreId))).grpcCode).toBe(status.PERMISSION_DENIED);
    expect((await caller.fail('ListStores', {})).grpcCode).toBe(status.PERMISSION_DENIED);
    expect((await client(0, key, 'relata').fail('CreateApiClient', { name: 'escalate', grants: [{ store: '*', scopes: ['admin'] }] })).grpcCode).toBe(status.PERMISSION_DENIED);
    expect((await client(0, key, 'relata').fail('ListApiClients', {})).grpcCode).toBe(status.PERMISSION_DENIED);
  });

  it('refuses bad admin input with INVALID_ARGUMENT naming the field, and an unknown client with NOT_FOUND', async () => {
    const relata = client(0, adminKey, 'relata');
    const bad = await relata.fail('CreateApiClient', { name: 'x', grants: [{ store: '*', scopes: ['check'] }] });
    expect(bad).toMatchObject({ grpcCode: status.INVALID_ARGUMENT });
    expect(bad.message).toContain('invalid name');
    expect((await relata.fail('CreateApiClient', { name: 'okay', grants: [{ store: '*', scopes: ['check'] }], allowed_cidrs: ['nope'] })).message).toContain('allowed_cidrs[0]');
    expect((await relata.fail('CreateApiClient', { name: 'okay', grants: [{ store: '*', scopes: ['check'] }], rate_per_second: -1 })).message).toContain('invalid rate');
    const missing = await relata.fail('DisableApiClient', { client_id: ulid() });
    expect(missing).toMatchObject({ grpcCode: status.NOT_FOUND, openfgaCode: ErrorCode.ApiClientNotFound, message: 'api client not found: client_id' });
    expect(missing.metadata?.get('openfga-error-name')[0]).toBe('api_client_not_found');
    expect((await relata.fail('GetApiClient', { client_id: 'x'.repeat(5000) })).grpcCode).toBe(status.INVALID_ARGUMENT);
  });

  it('callers without the admin scope learn nothing of which client ids exist', async () => {
    const existing = (await createClient([{ store: storeId, scopes: ['check'] }])).id;
    const { key } = await createClient([{ store: '*', scopes: ['check', 'read', 'write', 'model'] }]);
    for (const [authorization, expected] of [[key, status.PERMISSION_DENIED], [undefined, status.UNAUTHENTICATED], [`rk_${existing}_${'A'.repeat(43)}`, status.UNAUTHENTICATED]] as const) {
      for (const method of ['GetApiClient', 'DisableApiClient', 'EnableApiClient', 'RotateApiClientKey', 'DeleteApiClient']) {
        const caller = client(1, authorization, 'relata');
        const [known, unknown] = [await caller.fail(method, { client_id: existing }), await caller.fail(method, { client_id: ulid() })];
        expect(known.grpcCode).toBe(expected);
        expect({ ...unknown, metadata: undefined }).toEqual({ ...known, metadata: undefined });
      }
    }
    // The client is untouched.
    expect((await client(0, adminKey, 'relata').call<{ client: { status: string } }>('GetApiClient', { client_id: existing })).response.client.status).toBe('active');
  });

  it('ListApiClients pages with signed tokens any replica accepts, and refuses forged or edited ones', async () => {
    for (let i = 0; i < 3; i++) await createClient([{ store: storeId, scopes: ['check'] }]);
    const ids = new Set<string>();
    let token = '';
    let replica = 0;
    do {
      const page = await client(replica, adminKey, 'relata').call<{ clients: { id: string }[]; continuation_token: string }>('ListApiClients', { page_size: 2, continuation_token: token });
      for (const c of page.response.clients) ids.add(c.id);
      token = page.response.continuation_token;
      replica = 1 - replica; // each page from the other replica
    } while (token);
    expect(ids.size).toBeGreaterThanOrEqual(4);
    const first = (await client(0, adminKey, 'relata').call<{ continuation_token: string }>('ListApiClients', { page_size: 1 })).response.continuation_token;
    const flip = (t: string, i: number) => t.slice(0, i) + (t[i] === 'A' ? 'B' : 'A') + t.slice(i + 1);
    const stores = (await client(0, adminKey).call<{ continuation_token: string }>('ListStores', { page_size: { value: 1 } })).response.continuation_token;
    for (const bad of [flip(first, 4), flip(first, first.length - 3), first.slice(0, -2), stores, Buffer.from(ulid()).toString('base64url'), 'x'.repeat(10_000)]) {
      expect(await client(1, adminKey, 'relata').fail('ListApiClients', { page_size: 1, continuation_token: bad })).toMatchObject({
        grpcCode: status.INVALID_ARGUMENT,
        openfgaCode: ErrorCode.InvalidContinuationToken,
      });
    }
  });

  it('RESOURCE_EXHAUSTED with retry-after over the client rate limit', async () => {
    const { key } = await createClient([{ store: storeId, scopes: ['check'] }], { rate_per_second: 0.5, rate_burst: 2 });
    const caller = client(0, key);
    await caller.call('Check', check());
    await caller.call('Check', check());
    const limited = await caller.fail('Check', check());
    expect(limited).toMatchObject({ grpcCode: status.RESOURCE_EXHAUSTED, openfgaCode: ErrorCode.ThrottledTimeoutError });
    expect(Number(limited.metadata?.get('retry-after')[0])).toBeGreaterThanOrEqual(1);
  });

  it('malformed, unknown and wrong keys are UNAUTHENTICATED with one coarse message', async () => {
    const { id } = await createClient([{ store: storeId, scopes: ['check'] }]);
    for (const key of ['rk_garbage', `rk_${ulid()}_${'A'.repeat(43)}`, `rk_${id}_${'A'.repeat(43)}`, `rk_${'x'.repeat(5000)}`]) {
      expect(await client(1, key).fail('Check', check())).toMatchObject({ grpcCode: status.UNAUTHENTICATED, openfgaCode: ErrorCode.Unauthenticated, message: 'unauthenticated' });
    }
  });

  it('disable through replica A: refused on A at once and on B within the poll bound; enable restores both', async () => {
    const { id, key } = await createClient([{ store: storeId, scopes: ['check'] }]);
    for (const replica of [0, 1]) await client(replica, key).call('Check', check());
    await client(0, adminKey, 'relata').call('DisableApiClient', { client_id: id });
    const at = Date.now(); // committed
    expect((await client(0, key).fail('Check', check())).grpcCode).toBe(status.UNAUTHENTICATED);
    const bound = await refusedAfter(1, key, at);
    console.log(`revocation (disable) seen by the second replica after ${bound} ms (poll interval ${pollIntervalMs} ms)`);
    await client(0, adminKey, 'relata').call('EnableApiClient', { client_id: id });
    await client(0, key).call('Check', check());
  });

  it('rotate: the old key stops working on B, the new one works on both', async () => {
    const { id, key } = await createClient([{ store: storeId, scopes: ['check'] }]);
    await client(1, key).call('Check', check());
    const rotated = await client(0, adminKey, 'relata').call<{ key: string }>('RotateApiClientKey', { client_id: id });
    const at = Date.now(); // committed
    const bound = await refusedAfter(1, key, at);
    console.log(`revocation (rotate) seen by the second replica after ${bound} ms (poll interval ${pollIntervalMs} ms)`);
    for (const replica of [0, 1]) await client(replica, rotated.response.key).call('Check', check());
  });

  it('delete and expiry: refused everywhere', async () => {
    const { id, key } = await createClient([{ store: storeId, scopes: ['check'] }]);
    await client(1, key).call('Check', check());
    const at = Date.now();
    await client(0, adminKey, 'relata').call('DeleteApiClient', { client_id: id });
    await refusedAfter(1, key, at);
    // Expiry: a client valid for an hour works; once its expiry has passed (set in the datastore, as
    // the clock passing it would; the clock itself is the unit tests'), both replicas refuse it.
    const hour = Math.floor(Date.now() / 1000) + 3600;
    const expiring = await createClient([{ store: storeId, scopes: ['check'] }], { expires_at: { seconds: String(hour), nanos: 0 } });
    for (const replica of [0, 1]) await client(replica, expiring.key).call('Check', check());
    await datastore!.apiClients.updateApiClient(expiring.id, { expiresAt: new Date(Date.now() - 1000) });
    const expiredAt = Date.now();
    await refusedAfter(0, expiring.key, expiredAt);
    await refusedAfter(1, expiring.key, expiredAt);
  });
});

describe('API client revocation pushed over Redis (two more replicas, poll every minute)', () => {
  const pushed: RelataRuntime[] = [];
  const first = () => replicas.length;

  beforeAll(async () => {
    const config = loadConfig({ ...env, RELATA_REDIS_URL: testRedisUrl, RELATA_REDIS_KEY_PREFIX: `relata:${schema}:` });
    for (let i = 0; i < 2; i++) pushed.push(await startRelata(config, { logger: silentLogger(), clients: { pollIntervalMs: 60_000 } }));
    replicas.push(...pushed);
  }, 60_000);

  /** A client written straight into the datastore with a cheap hash, so re-verification costs little of the bound. */
  async function cheapClient(): Promise<{ id: string; key: string }> {
    const id = ulid();
    const secret = generateSecret();
    await datastore!.apiClients.createApiClient({ id, name: 'pushed', secretHash: await hashSecret(secret, { logN: 10, r: 8, p: 1 }), scopes: { [storeId]: ['check'] } });
    return { id, key: formatApiKey(id, secret) };
  }

  /** ms from `since` until `key` is refused on replica `index`. */
  async function refusedOn(index: number, key: string, since: number): Promise<number> {
    const caller = client(index, key);
    for (;;) {
      const outcome = await caller.call('Check', check()).then(() => undefined, (err: { code?: number }) => err);
      if (outcome) {
        expect(outcome.code).toBe(status.UNAUTHENTICATED);
        return performance.now() - since;
      }
      if (performance.now() - since > 15_000) throw new Error('revocation not seen within 15 s');
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
  }

  it('disable through C: D refuses the key within milliseconds (20 trials), and every replay stays refused', async () => {
    const [c, d] = [first() - 2, first() - 1];
    const lags: number[] = [];
    for (let trial = 0; trial < 20; trial++) {
      const { id, key } = await cheapClient();
      await client(d, key).call('Check', check());
      const sent = performance.now(); // before the RPC: the bound includes the admin call itself
      await client(c, adminKey, 'relata').call('DisableApiClient', { client_id: id });
      lags.push(await refusedOn(d, key, sent));
      const replays = await Promise.all(Array.from({ length: 20 }, (_, i) => client(i % 2 === 0 ? c : d, key).fail('Check', check())));
      expect(replays.every((r) => r.grpcCode === status.UNAUTHENTICATED && r.message === 'unauthenticated')).toBe(true);
    }
    lags.sort((x, y) => x - y);
    console.log(
      `revocation over gRPC with Redis push (poll 60 s): p50 ${lags[10].toFixed(1)} ms, max ${lags[19].toFixed(1)} ms over 20 trials (load average ${(await import('node:os')).loadavg()[0].toFixed(1)})`,
    );
    expect(lags[10]).toBeLessThan(30_000); // far below the 60 s poll: only the push explains it
  }, 120_000);

  it('concurrent rotate + use: calls racing a rotation, then the old key refused on both and the new one accepted', async () => {
    const [c, d] = [first() - 2, first() - 1];
    const { id, key } = await cheapClient();
    for (const r of [c, d]) await client(r, key).call('Check', check());
    const racing = Array.from({ length: 40 }, (_, i) => client(i % 2 === 0 ? c : d, key).call('Check', check()).then(() => 'ok', (err: { code?: number }) => err.code));
    const rotated = await client(c, adminKey, 'relata').call<{ key: string }>('RotateApiClientKey', { client_id: id });
    const outcomes = await Promise.all(racing);
    // Each racing call was either admitted (it came first) or refused as unauthenticated: nothing else.
    expect(outcomes.every((o) => o === 'ok' || o === status.UNAUTHENTICATED)).toBe(true);
    await refusedOn(d, key, performance.now());
    for (const r of [c, d]) {
      expect((await client(r, key).fail('Check', check())).grpcCode).toBe(status.UNAUTHENTICATED);
      await client(r, rotated.response.key).call('Check', check());
    }
  }, 60_000);

  it('delete through D: C refuses the key, and a forged key for the deleted id stays refused', async () => {
    const [c, d] = [first() - 2, first() - 1];
    const { id, key } = await cheapClient();
    await client(c, key).call('Check', check());
    const sent = performance.now();
    await client(d, adminKey, 'relata').call('DeleteApiClient', { client_id: id });
    const lag = await refusedOn(c, key, sent);
    console.log(`revocation (delete) over gRPC with Redis push: ${lag.toFixed(1)} ms`);
    expect((await client(c, `rk_${id}_${'A'.repeat(43)}`).fail('Check', check())).grpcCode).toBe(status.UNAUTHENTICATED);
  }, 60_000);
});
