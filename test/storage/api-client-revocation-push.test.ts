// The revocation bound of the `clients` method between two replicas on real PostgreSQL and Redis:
// each replica has its own connection pool and its own Redis connections; replica A commits a
// change and announces it (as the admin RPCs do), and the time until replica B has forgotten the
// client's verified key is measured over 20 trials with the push (Redis pub/sub) and without it
// (the change-log poll alone), then with Redis cut (the poll takes over). Printed, not
// asserted beyond "it happens" (timing belongs to the bench), with the load average.
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import { createClientsAuthMethod, formatApiKey, generateSecret, hashSecret, type ClientsAuthMethod } from '../../src/auth/index.js';
import { RedisBroadcast } from '../../src/cache/index.js';
import type { Datastore } from '../../src/storage/datastore.js';
import { createPostgresDatastore } from '../../src/storage/postgres/index.js';
import { RedisProxy } from '../cache/redis-proxy.js';
import { dropTestSchema, testDatabaseUrl, testRedisUrl } from '../helpers/services.js';

const run = randomUUID().slice(0, 8);
const schema = `relata_revoke_push_${run}`;
const channel = `relata:test-clients-${run}:api-clients`;
const trials = 20;
// Short, so that the polled trials cost seconds, not tens of them; push still beats it by far.
const pollIntervalMs = 250;
const opened: Datastore[] = [];
const methods: ClientsAuthMethod[] = [];
const call = { authorization: undefined, peerAddress: '127.0.0.1' };

afterAll(async () => {
  await Promise.all(methods.map((m) => m.close()));
  await Promise.all(opened.map((ds) => ds.close()));
  await dropTestSchema(schema);
});

async function open(): Promise<Datastore> {
  const ds = await createPostgresDatastore({ connectionString: testDatabaseUrl, schema, maxConnections: 2 });
  opened.push(ds);
  await ds.migrate();
  return ds;
}

const channels: RedisBroadcast[] = [];

function replica(ds: Datastore, redisUrl: string | undefined): ClientsAuthMethod {
  const push = redisUrl ? new RedisBroadcast({ url: redisUrl, channel, commandTimeoutMs: 250 }) : undefined;
  if (push) channels.push(push);
  const method = createClientsAuthMethod({ clients: ds.apiClients, pollIntervalMs, push });
  methods.push(method);
  return method;
}

async function until(condition: () => boolean, limitMs: number): Promise<void> {
  const start = performance.now();
  while (!condition()) {
    if (performance.now() - start > limitMs) throw new Error(`not within ${limitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

/** ms from the commit of a disable on A until B has forgotten the key, per trial. */
async function measure(a: Datastore, replicaA: ClientsAuthMethod, replicaB: ClientsAuthMethod, count = trials): Promise<number[]> {
  const lags: number[] = [];
  for (let trial = 0; trial < count; trial++) {
    const id = ulid();
    const secret = generateSecret();
    await a.apiClients.createApiClient({ id, name: 'revoked', secretHash: await hashSecret(secret, { logN: 10, r: 8, p: 1 }), scopes: { '*': ['check'] } });
    const key = formatApiKey(id, secret);
    await replicaB.sync(); // consume the creation: a key verified while a change arrives is not remembered
    await replicaB.authenticate(key, call);
    const cached = replicaB.stats().cachedKeys;
    expect(cached).toBeGreaterThan(0);
    await a.apiClients.updateApiClient(id, { status: 'disabled' });
    const committed = performance.now();
    void replicaA.changed([id]);
    await until(() => replicaB.stats().cachedKeys < cached, 30_000);
    lags.push(performance.now() - committed);
    await expect(replicaB.authenticate(key, call)).rejects.toMatchObject({ reason: 'disabled' });
    // Trials start at different phases of the poll timer.
    await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 50)));
  }
  return lags.sort((x, y) => x - y);
}

const summary = (lags: number[]) =>
  `p50 ${lags[Math.floor(lags.length / 2)].toFixed(1)} ms, max ${lags[lags.length - 1].toFixed(1)} ms, min ${lags[0].toFixed(1)} ms over ${lags.length} trials (load average ${loadavg()[0].toFixed(1)})`;

describe('API client revocation pushed across replicas (PostgreSQL + Redis)', () => {
  it('with Redis, the other replica forgets a disabled client within milliseconds; without, within the poll', async () => {
    const [a, b] = [await open(), await open()];
    const pushed = await measure(a, replica(a, testRedisUrl), replica(b, testRedisUrl));
    const polled = await measure(a, replica(a, undefined), replica(b, undefined));
    console.log(`revocation with Redis push (poll ${pollIntervalMs} ms as fallback): ${summary(pushed)}`);
    console.log(`revocation without Redis (poll ${pollIntervalMs} ms): ${summary(polled)}`);
    expect(pushed[Math.floor(trials / 2)]).toBeLessThan(polled[Math.floor(trials / 2)]);
  }, 180_000);

  it('with Redis cut, the poll still carries the change; when Redis returns the push resumes', async () => {
    const target = new URL(testRedisUrl);
    const proxy = new RedisProxy({ host: target.hostname, port: Number(target.port || 6379) });
    await proxy.start();
    const [a, b] = [await open(), await open()];
    const replicaA = replica(a, proxy.url);
    const replicaB = replica(b, proxy.url);
    const both = channels.slice(-2);
    await until(() => both.every((c) => c.live), 10_000);
    await proxy.stop();
    await until(() => !both.some((c) => c.live), 10_000);
    const lags = await measure(a, replicaA, replicaB);
    console.log(`revocation with Redis down (poll ${pollIntervalMs} ms): ${summary(lags)}`);
    await proxy.start(); // same port: the connections come back by themselves
    await until(() => both.every((c) => c.live), 10_000);
    const resumed = await measure(a, replicaA, replicaB, 5);
    console.log(`revocation after Redis returned: ${summary(resumed)}`);
    expect(resumed[2]).toBeLessThan(lags[Math.floor(trials / 2)]);
    await proxy.stop();
  }, 180_000);
});
