import { describe, expect, it, vi } from 'vitest';
import { ulid } from 'ulid';
import { MemoryDatastore } from '../../storage/memory/index.js';
import type { NewApiClient } from '../../storage/index.js';
import { ErrorCode, RelataError } from '../../model/index.js';
import { AuthenticationError, RateLimitedError } from '../errors.js';
import { hasScope } from '../principal.js';
import { formatApiKey, generateSecret } from './api-key.js';
import type { ClientChangeChannel } from './change-push.js';
import { createClientsAuthMethod, type ClientsMethodDeps } from './clients-method.js';
import { hashSecret } from './secret-hash.js';

const cheap = { logN: 10, r: 8, p: 1 };
const call = (peerAddress = '10.1.2.3') => ({ authorization: undefined, peerAddress });

async function setup(over: Partial<NewApiClient> = {}, deps: Partial<ClientsMethodDeps> = {}) {
  const ds = new MemoryDatastore().apiClients;
  const id = ulid();
  const secret = generateSecret();
  await ds.createApiClient({ id, name: 'test', secretHash: await hashSecret(secret, cheap), scopes: { '*': ['check'] }, ...over });
  const method = createClientsAuthMethod({ clients: ds, pollIntervalMs: 60_000, ...deps });
  return { ds, id, key: formatApiKey(id, secret), method };
}

/** An in-process pub/sub channel shared by replicas (Redis's semantics for one channel). */
class LoopbackChannel implements ClientChangeChannel {
  private readonly listeners: { message(text: string): void; live(): void }[] = [];
  publish(text: string): Promise<boolean> {
    this.deliver(text);
    return Promise.resolve(true);
  }
  listen(listener: { message(text: string): void; live(): void }): void {
    this.listeners.push(listener);
  }
  deliver(text: string): void {
    for (const listener of this.listeners) listener.message(text);
  }
  goLive(): void {
    for (const listener of this.listeners) listener.live();
  }
}

async function refusal(promise: Promise<unknown>): Promise<RelataError> {
  const err = await promise.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(RelataError);
  return err as RelataError;
}

async function expectUnauthenticated(promise: Promise<unknown>, reason: string): Promise<void> {
  const err = await refusal(promise);
  expect(err).toBeInstanceOf(AuthenticationError);
  expect(err.code).toBe(ErrorCode.Unauthenticated);
  expect(err.message).toBe('unauthenticated'); // coarse: never which check failed
  expect((err as AuthenticationError).reason).toBe(reason);
}

describe('clients auth method', () => {
  it('accepts a valid key as a client principal with its scopes, and remembers it (one KDF)', async () => {
    const { method, key, id } = await setup({ scopes: { '*': ['check'], S1: ['write', 'bogus'] } });
    const principal = await method.authenticate(key, call());
    expect(principal).toMatchObject({ kind: 'client', id });
    expect(hasScope(principal!, 'check', 'S2')).toBe(true);
    expect(hasScope(principal!, 'write', 'S1')).toBe(true);
    expect(hasScope(principal!, 'write', 'S2')).toBe(false);
    expect(hasScope(principal!, 'admin', undefined)).toBe(false);
    for (let i = 0; i < 10; i++) await method.authenticate(key, call());
    expect(method.stats()).toMatchObject({ kdfRuns: 1, cachedKeys: 1 });
    await method.close();
  });

  it('leaves bearers of other methods alone and refuses malformed or oversized keys before any KDF', async () => {
    const { method, key } = await setup();
    expect(await method.authenticate('some-preshared-key', call())).toBeUndefined();
    expect(await method.authenticate('eyJhbGciOiJSUzI1NiJ9.e30.sig', call())).toBeUndefined();
    for (const bad of ['rk_', 'rk_short', `${key}x`, key.slice(0, -1), `rk_${'A'.repeat(100_000)}`, key.replace(/^rk_./, 'rk_u'), `${key.slice(0, -1)}=`, key.replace(/_([^_]*)$/, '.$1')]) {
      await expectUnauthenticated(method.authenticate(bad, call()), 'malformed');
    }
    expect(method.stats().kdfRuns).toBe(0);
  });

  it('refuses an unknown id and a wrong secret alike, runs the KDF for both, and remembers neither', async () => {
    const { method, id } = await setup();
    await expectUnauthenticated(method.authenticate(formatApiKey(ulid(), generateSecret()), call()), 'unknown_key');
    const wrong = formatApiKey(id, generateSecret());
    for (let i = 0; i < 3; i++) await expectUnauthenticated(method.authenticate(wrong, call()), 'bad_secret');
    expect(method.stats()).toMatchObject({ kdfRuns: 4, cachedKeys: 0 });
  });

  it('refuses a disabled client (only to the holder of the secret: a wrong secret is bad_secret)', async () => {
    const { method, key, id } = await setup({ status: 'disabled' });
    await expectUnauthenticated(method.authenticate(key, call()), 'disabled');
    await expectUnauthenticated(method.authenticate(formatApiKey(id, generateSecret()), call()), 'bad_secret');
    expect(method.stats().cachedKeys).toBe(0);
  });

  it('refuses an expired client, also once a remembered key expires', async () => {
    let clock = Date.now();
    const { method, key } = await setup({ expiresAt: new Date(clock + 60_000) }, { now: () => clock, pollIntervalMs: 1e9 });
    expect(await method.authenticate(key, call())).toBeDefined();
    clock += 60_000;
    await expectUnauthenticated(method.authenticate(key, call()), 'expired');
    const past = await setup({ expiresAt: new Date(Date.now() - 1) });
    await expectUnauthenticated(past.method.authenticate(past.key, call()), 'expired');
  });

  it('checks the IP allowlist, matching IPv4-mapped IPv6 peers and entries with plain IPv4', async () => {
    const { method, key } = await setup({ allowedCidrs: ['10.0.0.0/8', '2001:db8::/32', '::ffff:192.168.1.0/120'] });
    expect(await method.authenticate(key, call('10.9.8.7'))).toBeDefined();
    expect(await method.authenticate(key, call('::ffff:10.9.8.7'))).toBeDefined();
    expect(await method.authenticate(key, call('2001:db8::5'))).toBeDefined();
    expect(await method.authenticate(key, call('[2001:db8::5]'))).toBeDefined();
    expect(await method.authenticate(key, call('192.168.1.77'))).toBeDefined();
    expect(await method.authenticate(key, call('::ffff:192.168.1.77'))).toBeDefined();
    for (const peer of ['11.0.0.1', '::ffff:11.0.0.1', '2001:db9::1', '::1', '192.168.2.1', 'not-an-ip', '', '10.0.0.1:5000']) {
      await expectUnauthenticated(method.authenticate(key, call(peer)), 'address_not_allowed');
    }
  });

  it('rate-limits per client with a retry hint, refilling over time', async () => {
    let clock = 1_000_000;
    const { method, key } = await setup({ rateLimit: { perSecond: 2, burst: 3 } }, { now: () => clock, pollIntervalMs: 1e9, maxStalenessMs: 1e12 });
    for (let i = 0; i < 3; i++) await method.authenticate(key, call());
    const err = await refusal(method.authenticate(key, call()));
    expect(err).toBeInstanceOf(RateLimitedError);
    expect(err.code).toBe(ErrorCode.ThrottledTimeoutError);
    expect((err as RateLimitedError).retryAfterMs).toBe(500);
    clock += 500;
    expect(await method.authenticate(key, call())).toBeDefined();
    await expect(method.authenticate(key, call())).rejects.toBeInstanceOf(RateLimitedError);
  });

  it('rotation: after the change log is polled the old key stops working and the new one works', async () => {
    const { method, key, id, ds } = await setup();
    await method.authenticate(key, call());
    const secret = generateSecret();
    await ds.updateApiClient(id, { secretHash: await hashSecret(secret, cheap) });
    await method.sync();
    await expectUnauthenticated(method.authenticate(key, call()), 'bad_secret');
    expect(await method.authenticate(formatApiKey(id, secret), call())).toMatchObject({ id });
  });

  it('a second replica sees disable, scope changes and delete at its next poll', async () => {
    const { method: replicaA, key, id, ds } = await setup();
    const replicaB = createClientsAuthMethod({ clients: ds, pollIntervalMs: 60_000 });
    await replicaA.authenticate(key, call());
    await replicaB.authenticate(key, call());
    await ds.updateApiClient(id, { scopes: { S1: ['read'] } });
    await replicaB.sync();
    const principal = await replicaB.authenticate(key, call());
    expect(hasScope(principal!, 'check', 'S1')).toBe(false);
    expect(hasScope(principal!, 'read', 'S1')).toBe(true);
    await ds.updateApiClient(id, { status: 'disabled' });
    await replicaB.sync();
    await expectUnauthenticated(replicaB.authenticate(key, call()), 'disabled');
    await ds.deleteApiClient(id);
    await replicaA.sync();
    await expectUnauthenticated(replicaA.authenticate(key, call()), 'unknown_key');
    await replicaB.close();
  });

  it('push: a change announced by replica A is forgotten by replica B at once, without a poll', async () => {
    const channel = new LoopbackChannel();
    const { method: replicaA, key, id, ds } = await setup({}, { push: channel, replicaId: 'a' });
    const replicaB = createClientsAuthMethod({ clients: ds, pollIntervalMs: 1e9, maxStalenessMs: 1e9, push: channel, replicaId: 'b' });
    await replicaB.authenticate(key, call());
    expect(replicaB.stats().cachedKeys).toBe(1);
    await ds.updateApiClient(id, { status: 'disabled' });
    await replicaA.changed([id]);
    expect(replicaB.stats().cachedKeys).toBe(0);
    await expectUnauthenticated(replicaB.authenticate(key, call()), 'disabled');
    // A forged notice can only make a replica forget: the key is verified again, never trusted.
    await ds.updateApiClient(id, { status: 'active' });
    await replicaA.changed([id]);
    await replicaB.authenticate(key, call());
    const runs = replicaB.stats().kdfRuns;
    channel.deliver(JSON.stringify({ f: 'forger', ids: [id] }));
    await replicaB.authenticate(key, call());
    expect(replicaB.stats().kdfRuns).toBe(runs + 1);
    await Promise.all([replicaA.close(), replicaB.close()]);
  });

  it('push: a (re)subscription polls the change log at once (catching up on what was missed)', async () => {
    const channel = new LoopbackChannel();
    const { method, key, id, ds } = await setup({}, { push: channel, pollIntervalMs: 1e9, maxStalenessMs: 1e9 });
    await method.authenticate(key, call());
    await ds.updateApiClient(id, { status: 'disabled' }); // announced while this replica was not listening
    channel.goLive();
    await vi.waitFor(() => expect(method.stats().cachedKeys).toBe(0));
    await method.close();
  });

  it('concurrent rotate + use: a call after the change never joins a verification that read the old record', async () => {
    const { key, id, ds } = await setup();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let holdNext = true;
    const slow = Object.create(ds) as typeof ds;
    slow.getApiClient = async (clientId) => {
      const record = await ds.getApiClient(clientId);
      if (holdNext) {
        holdNext = false;
        await held;
      }
      return record;
    };
    const method = createClientsAuthMethod({ clients: slow, pollIntervalMs: 1e9, maxStalenessMs: 1e9 });
    await method.sync();
    const early = method.authenticate(key, call()); // reads the record before the rotation
    await new Promise((resolve) => setTimeout(resolve, 5));
    const secret = generateSecret();
    await ds.updateApiClient(id, { secretHash: await hashSecret(secret, cheap) });
    await method.changed([id]);
    const late = method.authenticate(key, call());
    late.catch(() => undefined); // awaited below, after `early`
    release();
    expect(await early).toMatchObject({ id }); // admitted: it arrived before the rotation
    await expectUnauthenticated(late, 'bad_secret');
    await expectUnauthenticated(method.authenticate(key, call()), 'bad_secret');
    expect(await method.authenticate(formatApiKey(id, secret), call())).toMatchObject({ id });
    // Many uses racing many rotations: once a rotation is applied, its old key never passes again.
    for (let round = 0; round < 5; round++) {
      const before = formatApiKey(id, secret);
      const uses = Array.from({ length: 10 }, () => method.authenticate(before, call()).then(() => true, () => false));
      const next = generateSecret();
      await ds.updateApiClient(id, { secretHash: await hashSecret(next, cheap) });
      await method.changed([id]);
      await Promise.all(uses);
      await expectUnauthenticated(method.authenticate(before, call()), 'bad_secret');
      await ds.updateApiClient(id, { secretHash: await hashSecret(secret, cheap) });
      await method.changed([id]);
    }
    await method.close();
  });

  it('waits for a poll when the last one is too old, and fails closed when the datastore cannot be read', async () => {
    let clock = Date.now();
    const { method, key, ds } = await setup({}, { now: () => clock, pollIntervalMs: 1e9, maxStalenessMs: 1_000 });
    await method.authenticate(key, call());
    clock += 2_000;
    const broken = Object.create(ds) as typeof ds;
    broken.apiClientChangesSince = () => Promise.reject(new Error('down'));
    const cut = createClientsAuthMethod({ clients: broken, now: () => clock, pollIntervalMs: 1e9, maxStalenessMs: 1_000 });
    await cut.authenticate(key, call()); // first poll only reads the version
    clock += 2_000;
    await expect(cut.authenticate(key, call())).rejects.toThrow('down');
    expect(await method.authenticate(key, call())).toBeDefined();
  });

  it('concurrent first calls with one key run the KDF once; with a wrong key too, and nothing is remembered', async () => {
    const { method, key, id } = await setup();
    const results = await Promise.all(Array.from({ length: 20 }, () => method.authenticate(key, call())));
    expect(results.every((p) => p?.id === id)).toBe(true);
    expect(method.stats().kdfRuns).toBe(1);
    const wrong = formatApiKey(id, generateSecret());
    const refused = await Promise.allSettled(Array.from({ length: 20 }, () => method.authenticate(wrong, call())));
    expect(refused.every((r) => r.status === 'rejected')).toBe(true);
    expect(method.stats()).toMatchObject({ kdfRuns: 2, cachedKeys: 1 });
  });

  it('keeps at most maxCachedKeys verified keys and at most maxRateBuckets buckets', async () => {
    const ds = new MemoryDatastore().apiClients;
    const method = createClientsAuthMethod({ clients: ds, maxCachedKeys: 3, maxRateBuckets: 2, pollIntervalMs: 60_000 });
    for (let i = 0; i < 6; i++) {
      const id = ulid();
      const secret = generateSecret();
      await ds.createApiClient({ id, name: `c${i}`, secretHash: await hashSecret(secret, cheap), scopes: {}, rateLimit: { perSecond: 10, burst: 10 } });
      await method.authenticate(formatApiKey(id, secret), call());
    }
    expect(method.stats()).toMatchObject({ cachedKeys: 3, rateBuckets: 2, kdfRuns: 6 });
  });

  it('bounds slow hashes in flight: a flood of wrong keys is refused with a retry hint beyond the queue', async () => {
    const { method, id } = await setup({}, { kdfConcurrency: 1, kdfQueue: 2 });
    await method.sync();
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => method.authenticate(formatApiKey(id, generateSecret()), call())));
    const reasons = results.map((r) => (r.status === 'rejected' ? (r.reason as Error).constructor.name : 'ok'));
    expect(reasons.filter((r) => r === 'AuthenticationError')).toHaveLength(3);
    expect(reasons.filter((r) => r === 'RateLimitedError')).toHaveLength(7);
  });
});
