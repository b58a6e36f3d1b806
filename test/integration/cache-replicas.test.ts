// The decision cache across real processes: `relata serve` child processes sharing the real
// PostgreSQL (one fresh schema) and the real Redis (a key prefix and channel of their own).
//  - two replicas: a revoke on A is denied on B at once with A's consistency token, and without
//    it within the staleness bound (measured and printed);
//  - Redis cut mid-run (a TCP proxy the test controls): every Check still answers correctly,
//    including a revoke during the outage; when Redis returns, caching resumes;
//  - PostgreSQL down: Checks fail closed with UNAVAILABLE; a server cannot start without it.
import { randomUUID } from 'node:crypto';
import { status } from '@grpc/grpc-js';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transformDslToModel } from '../../src/dsl/index.js';
import { encodeModel } from '../../src/transport/grpc/codec-model.js';
import { consistencyTokenHeader } from '../../src/transport/grpc/index.js';
import { RedisProxy } from '../cache/redis-proxy.js';
import { createGrpcCaller, type GrpcCaller } from '../helpers/grpc-caller.js';
import { freePort, runServerToExit, startServer, type ServerProcess } from '../helpers/server-process.js';
import { dropTestRedisKeys, dropTestSchema, testDatabaseUrl, testRedisUrl } from '../helpers/services.js';
import { poll } from '../helpers/poll.js';

const dsl = `model
  schema 1.1
type user
type document
  relations
    define owner: [user]
    define viewer: [user] or owner
`;

const stalenessBoundMs = 1_000;
/** Slack on top of the bound for a loaded 2-core machine (process scheduling, GC, PG commits). */
const marginMs = 4_000;
const run = randomUUID().slice(0, 8);
const schema = `relata_replicas_${run}`;
const replicaPrefix = `relata:test-replicas-${run}:`;
const faultPrefix = `relata:test-fault-${run}:`;
const redisTarget = (() => {
  const url = new URL(testRedisUrl);
  return { host: url.hostname, port: Number(url.port || 6379) };
})();
const pgTarget = (() => {
  const url = new URL(testDatabaseUrl);
  return { host: url.hostname, port: Number(url.port || 5432) };
})();
/** testDatabaseUrl pointed at another port on this host. */
const databaseUrlOn = (port: number): string => {
  const url = new URL(testDatabaseUrl);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  return url.toString();
};

const baseEnv = {
  RELATA_DATASTORE_URL: testDatabaseUrl,
  RELATA_DATASTORE_SCHEMA: schema,
  RELATA_DATASTORE_MAX_CONNECTIONS: '4',
  RELATA_CACHE_STALENESS_MS: String(stalenessBoundMs),
  RELATA_SHUTDOWN_TIMEOUT_MS: '2000',
  RELATA_REQUEST_TIMEOUT_MS: '5000',
};
/** Server output is kept (and shown when a server fails to start) rather than interleaved with the report. */
const quiet = { captureOutput: true };

const servers: ServerProcess[] = [];
const callers: GrpcCaller[] = [];
const proxies: RedisProxy[] = [];
let redis: Redis;

function connect(server: ServerProcess): GrpcCaller {
  const caller = createGrpcCaller(server.address, { deadlineMs: 10_000 });
  callers.push(caller);
  return caller;
}

async function startProxy(target: { host: string; port: number }): Promise<RedisProxy> {
  const proxy = new RedisProxy(target);
  await proxy.start();
  proxies.push(proxy);
  return proxy;
}

interface Store {
  caller: GrpcCaller;
  storeId: string;
  modelId: string;
}

async function setUpStore(caller: GrpcCaller, name: string): Promise<Omit<Store, 'caller'>> {
  const { response: store } = await caller.call<{ id: string }>('CreateStore', { name });
  const model = encodeModel(transformDslToModel(dsl));
  const { response } = await caller.call<{ authorization_model_id: string }>('WriteAuthorizationModel', {
    store_id: store.id,
    schema_version: model.schema_version,
    type_definitions: model.type_definitions,
    conditions: model.conditions,
  });
  return { storeId: store.id, modelId: response.authorization_model_id };
}

const tuple = (text: string) => {
  const match = /^([^#]+)#([^@]+)@(.+)$/.exec(text);
  if (!match) throw new Error(`bad tuple ${text}`);
  return { object: match[1], relation: match[2], user: match[3] };
};

/** Writes/deletes through `on`; resolves with the consistency token of the write. */
async function write(on: Store, change: { writes?: string[]; deletes?: string[] }): Promise<string> {
  const { headers } = await on.caller.call('Write', {
    store_id: on.storeId,
    authorization_model_id: on.modelId,
    writes: change.writes ? { tuple_keys: change.writes.map(tuple) } : null,
    deletes: change.deletes ? { tuple_keys: change.deletes.map(tuple) } : null,
  });
  const [token] = headers.get(consistencyTokenHeader);
  expect(typeof token).toBe('string');
  return token as string;
}

async function check(on: Store, text: string, options: { token?: string; consistency?: 'HIGHER_CONSISTENCY' } = {}): Promise<boolean> {
  const { response } = await on.caller.call<{ allowed: boolean }>(
    'Check',
    { store_id: on.storeId, authorization_model_id: on.modelId, tuple_key: tuple(text), consistency: options.consistency },
    options.token ? { [consistencyTokenHeader]: options.token } : undefined,
  );
  return response.allowed;
}

async function redisKeys(prefix: string): Promise<string[]> {
  return redis.keys(`${prefix}*`);
}

let a: ServerProcess;
let b: ServerProcess;
let c: ServerProcess;
let d: ServerProcess;
let proxyB: RedisProxy;
let redisProxyC: RedisProxy;
let pgProxyD: RedisProxy;

beforeAll(async () => {
  redis = new Redis(testRedisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  proxyB = await startProxy(redisTarget);
  redisProxyC = await startProxy(redisTarget);
  pgProxyD = await startProxy(pgTarget);
  // All four start together on the fresh schema, as replicas of a deployment do (migrations
  // take an advisory lock: one applies them, the others wait and find them applied).
  const started = await Promise.allSettled([
    startServer({ ...baseEnv, RELATA_REDIS_URL: testRedisUrl, RELATA_REDIS_KEY_PREFIX: replicaPrefix }, quiet),
    startServer({ ...baseEnv, RELATA_REDIS_URL: proxyB.url, RELATA_REDIS_KEY_PREFIX: replicaPrefix }, quiet),
    startServer({ ...baseEnv, RELATA_REDIS_URL: redisProxyC.url, RELATA_REDIS_KEY_PREFIX: faultPrefix }, quiet),
    startServer({ ...baseEnv, RELATA_DATASTORE_URL: databaseUrlOn(pgProxyD.port), RELATA_CACHE_ENABLED: 'false' }, quiet),
  ]);
  for (const result of started) if (result.status === 'fulfilled') servers.push(result.value);
  for (const result of started) if (result.status === 'rejected') throw result.reason;
  [a, b, c, d] = servers;
}, 120_000);

afterAll(async () => {
  for (const caller of callers) caller.close();
  await Promise.all(servers.map((server) => server.stop()));
  await Promise.all(proxies.map((proxy) => proxy.stop()));
  await dropTestRedisKeys(replicaPrefix, faultPrefix);
  if (redis) redis.disconnect();
  await dropTestSchema(schema);
}, 60_000);

describe('two replicas sharing PostgreSQL and Redis', () => {
  it('a revoke through A is denied through B at once with its token, and within the staleness bound without', async () => {
    const callerA = connect(a);
    const ids = await setUpStore(callerA, 'replicas');
    const onA: Store = { caller: callerA, ...ids };
    const onB: Store = { caller: connect(b), ...ids };
    await write(onA, { writes: ['document:1#viewer@user:anne', 'document:2#viewer@user:bob', 'document:3#viewer@user:carol'] });

    // Allowed through B, twice (the second from B's cache).
    for (let i = 0; i < 2; i++) {
      expect(await check(onB, 'document:1#viewer@user:anne')).toBe(true);
      expect(await check(onB, 'document:2#viewer@user:bob')).toBe(true);
    }
    expect((await redisKeys(`${replicaPrefix}d:${ids.storeId}:`)).length).toBeGreaterThan(0);

    // (b) Without a token: B may answer from its cache until the invalidation reaches it.
    const revokedAt = performance.now();
    await write(onA, { deletes: ['document:1#viewer@user:anne'] });
    const writeMs = performance.now() - revokedAt;
    let stalePolls = 0;
    await poll('B to deny the revoked tuple', async () => ((await check(onB, 'document:1#viewer@user:anne')) ? (stalePolls++, undefined) : true), stalenessBoundMs + marginMs, 2);
    const staleness = performance.now() - revokedAt;
    console.log(
      `[replicas] revoke visible on B after ${staleness.toFixed(1)} ms (bound ${stalenessBoundMs} ms; A's write took ${writeMs.toFixed(1)} ms; ${stalePolls} stale answer(s) before)`,
    );
    expect(staleness).toBeLessThan(stalenessBoundMs + marginMs);
    expect(await check(onA, 'document:1#viewer@user:anne')).toBe(false);

    // B's Redis now lags by seconds (a TCP proxy delaying every reply): its pub/sub
    // invalidations and heartbeats arrive far too late, so only the changelog fallback and the
    // consistency token can make B see a revoke in time.
    for (let i = 0; i < 2; i++) {
      expect(await check(onB, 'document:2#viewer@user:bob')).toBe(true);
      expect(await check(onB, 'document:3#viewer@user:carol')).toBe(true);
    }
    proxyB.latencyMs = 10_000;
    try {
      // (a) With A's token: denied through B at once.
      const token = await write(onA, { deletes: ['document:2#viewer@user:bob'] });
      // For the record only (not asserted): what B says right now without the token.
      const withoutToken = await check(onB, 'document:2#viewer@user:bob');
      const started = performance.now();
      expect(await check(onB, 'document:2#viewer@user:bob', { token })).toBe(false);
      const withToken = performance.now() - started;
      console.log(`[replicas] with A's token B denied at once (${withToken.toFixed(1)} ms, pub/sub lagging); without the token it answered allowed=${withoutToken} just before`);
      expect(await check(onB, 'document:2#viewer@user:bob', { consistency: 'HIGHER_CONSISTENCY' })).toBe(false);
      expect(await check(onB, 'document:2#viewer@user:bob', { token })).toBe(false);

      // Without a token, pub/sub lagging: still within the bound (B polls the changelog once its
      // heartbeats stop confirming its state).
      const lagRevokedAt = performance.now();
      await write(onA, { deletes: ['document:3#viewer@user:carol'] });
      const lagWriteMs = performance.now() - lagRevokedAt;
      let lastStaleMs = 0;
      await poll(
        'B to deny with pub/sub lagging',
        async () => {
          if (!(await check(onB, 'document:3#viewer@user:carol'))) return true;
          lastStaleMs = performance.now() - lagRevokedAt;
          return undefined;
        },
        stalenessBoundMs + marginMs,
        5,
      );
      const fallbackStaleness = performance.now() - lagRevokedAt;
      console.log(
        `[replicas] with B's pub/sub lagging 10 s, revoke visible on B after ${fallbackStaleness.toFixed(1)} ms (changelog fallback; last stale answer at ${lastStaleMs.toFixed(1)} ms; A's write took ${lagWriteMs.toFixed(1)} ms)`,
      );
      expect(fallbackStaleness).toBeLessThan(stalenessBoundMs + marginMs);
    } finally {
      // Cut the lagging connections rather than drop the delay under them (replies would overtake
      // the delayed ones): B reconnects to a prompt Redis.
      await proxyB.stop();
      proxyB.latencyMs = 0;
      await proxyB.start();
    }
    // Once the lag is gone, B converges without a token too.
    await poll('B to converge after the lag', async () => ((await check(onB, 'document:2#viewer@user:bob')) ? undefined : true), stalenessBoundMs + marginMs);
  });
});

describe('Redis going away and coming back', () => {
  it('answers every Check correctly during the outage (a revoke included) and resumes caching after it', async () => {
    const onC: Store = { caller: connect(c), ...(await setUpStore(connect(c), 'redis-fault')) };
    const keyPattern = `${faultPrefix}d:${onC.storeId}:`;
    await write(onC, { writes: ['document:1#viewer@user:anne', 'document:2#owner@user:bob'] });
    const expected = new Map<string, boolean>([
      ['document:1#viewer@user:anne', true],
      ['document:2#viewer@user:bob', true],
      ['document:1#viewer@user:bob', false],
      ['document:2#viewer@user:carl', false],
    ]);
    const checkAll = async (): Promise<void> => {
      for (const [text, allowed] of expected) expect(await check(onC, text), text).toBe(allowed);
    };
    await checkAll();
    await checkAll();
    await poll('decisions in Redis', async () => ((await redisKeys(keyPattern)).length > 0 ? true : undefined), 5_000);

    // Watch C's pub/sub traffic (heartbeats) from the test's own connection to Redis.
    const channel = `${faultPrefix}invalidations`;
    const subscriber = new Redis(testRedisUrl, { lazyConnect: true });
    let messages = 0;
    subscriber.on('message', () => messages++);
    await subscriber.connect();
    await subscriber.subscribe(channel);
    try {
      await poll('a heartbeat from C', async () => (messages > 0 ? true : undefined), 5_000);

      await redisProxyC.stop();
      const cutAt = Date.now();
      await redis.del(...(await redisKeys(keyPattern)));
      // Correct answers throughout the outage: past the staleness bound (no confirmation of
      // the invalidation state is possible without Redis), with a grant and a revoke in it.
      let rounds = 0;
      while (Date.now() - cutAt < 2 * stalenessBoundMs || rounds < 3) {
        await checkAll();
        rounds++;
        if (rounds === 2) {
          await write(onC, { deletes: ['document:1#viewer@user:anne'], writes: ['document:2#viewer@user:carl'] });
          expected.set('document:1#viewer@user:anne', false);
          expected.set('document:2#viewer@user:carl', true);
          // At once, on the server that took the write.
          expect(await check(onC, 'document:1#viewer@user:anne')).toBe(false);
          expect(await check(onC, 'document:2#viewer@user:carl')).toBe(true);
        }
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(await redisKeys(keyPattern)).toEqual([]);
      const heardDuringOutage = messages;

      await redisProxyC.start();
      const restoredAt = performance.now();
      // Caching resumes: new decisions reach Redis again, and C's heartbeats are back on the channel.
      let probe = 0;
      await poll(
        'decisions written to Redis again',
        async () => {
          expect(await check(onC, `document:1#viewer@user:probe-${probe++}`)).toBe(false);
          await checkAll();
          return (await redisKeys(keyPattern)).length > 0 ? true : undefined;
        },
        15_000,
        100,
      );
      const resumedMs = performance.now() - restoredAt;
      await poll('C heartbeats after the outage', async () => (messages > heardDuringOutage ? true : undefined), 15_000);
      console.log(`[replicas] Redis outage: ${rounds} rounds of correct Checks; L2 writes resumed ${resumedMs.toFixed(0)} ms after Redis came back`);
      await checkAll();
    } finally {
      subscriber.disconnect();
    }
  });
});

describe('PostgreSQL going away', () => {
  it('Check fails closed with UNAVAILABLE while the datastore is down, and recovers after', async () => {
    const onD: Store = { caller: connect(d), ...(await setUpStore(connect(d), 'pg-fault')) };
    await write(onD, { writes: ['document:1#viewer@user:anne'] });
    expect(await check(onD, 'document:1#viewer@user:anne')).toBe(true);

    await pgProxyD.stop();
    const request = (user: string) => ({ store_id: onD.storeId, authorization_model_id: onD.modelId, tuple_key: tuple(`document:1#viewer@user:${user}`) });
    for (const user of ['anne', 'bob', 'anne']) {
      const failure = await onD.caller.fail('Check', request(user));
      expect(failure.grpcCode, failure.message).toBe(status.UNAVAILABLE);
    }
    const batch = await onD.caller.call<{ result: Record<string, { allowed?: boolean; error?: unknown }> }>('BatchCheck', {
      store_id: onD.storeId,
      authorization_model_id: onD.modelId,
      checks: [{ tuple_key: tuple('document:1#viewer@user:anne'), correlation_id: 'x' }],
    }).then(
      ({ response }) => response.result.x,
      (error: { code: number }) => ({ code: error.code }),
    );
    // Either the whole call fails UNAVAILABLE or the item carries an error: never allowed.
    expect(batch).not.toMatchObject({ allowed: true });

    await pgProxyD.start();
    await poll('Check to work again', async () => ((await check(onD, 'document:1#viewer@user:anne').catch(() => undefined)) ? true : undefined), 15_000, 100);
    expect(await check(onD, 'document:1#viewer@user:bob')).toBe(false);
  });

  it('a server whose datastore is unreachable at start exits with a clear error', async () => {
    const closedPort = await freePort();
    const result = await runServerToExit({ ...baseEnv, RELATA_DATASTORE_URL: databaseUrlOn(closedPort) }, 30_000);
    expect(result.timedOut).toBe(false);
    expect(result.code).toBe(1);
    expect(result.output).toContain('relata: cannot start: datastore unavailable');
    expect(result.output).toContain('ECONNREFUSED');
  });
});
