// The decision cache across replicas sharing the real Redis: L2 hits, pub/sub invalidation with
// a measured lag, and a Redis outage (a proxy cut mid-run) with recovery.
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CacheEventListener, CacheOptions } from '../../src/cache/index.js';
import { dropTestRedisKeys, testRedisUrl } from '../helpers/services.js';
import { FakeDatabase, createReplica, tk, uniquePrefix, uniqueStore, waitFor } from './harness.js';
import { docsModel } from './model-fixtures.js';
import { RedisProxy } from './redis-proxy.js';

const bound = 1_000;
let raw: Redis;
const replicas: ReturnType<typeof createReplica>[] = [];
const prefixes: string[] = [];

/** A fresh key prefix; its keys are deleted after the suite. */
function newPrefix(): string {
  const prefix = uniquePrefix();
  prefixes.push(prefix);
  return prefix;
}

/** A started proxy in front of the test Redis, to cut or slow it mid-run. */
async function startProxy(): Promise<RedisProxy> {
  const proxy = new RedisProxy({ host: new URL(testRedisUrl).hostname, port: Number(new URL(testRedisUrl).port || 6379) });
  await proxy.start();
  return proxy;
}

function pair(db: FakeDatabase, options: CacheOptions, onEventB?: CacheEventListener) {
  const prefix = newPrefix();
  let made = 0;
  const make = () => {
    const listener = made++ === 1 ? onEventB : undefined;
    const r = createReplica(db, docsModel, { redisUrl: testRedisUrl, redisKeyPrefix: prefix, stalenessBoundMs: bound, redisCommandTimeoutMs: 250, ...options }, true, listener);
    replicas.push(r);
    return r;
  };
  return { a: make(), b: make(), prefix };
}

const live = (r: ReturnType<typeof createReplica>) => () => {
  const s = r.cache.status();
  return s.redis === 'ready' && s.subscribed && s.heartbeatAgeMs !== undefined && s.heartbeatAgeMs < bound;
};

function seeded() {
  const db = new FakeDatabase();
  const store = uniqueStore();
  db.write(store, [tk('document:1#parent@folder:a'), tk('folder:a#viewer@group:eng#member'), tk('group:eng#member@user:anne'), tk('invoice:9#approver@user:bob')]);
  return { db, store };
}

const l2Key = (prefix: string, store: string, tuple: string) => {
  const { object, relation, user } = tk(tuple);
  return `${prefix}d:${store}:${docsModel.id}:${object}#${relation}@${user}|-`;
};

beforeAll(() => {
  raw = new Redis(testRedisUrl);
});
afterEach(async () => {
  await Promise.all(replicas.splice(0).map((r) => r.cache.close()));
});
afterAll(async () => {
  await dropTestRedisKeys(...prefixes);
  raw.disconnect();
});

describe('decision cache with Redis (two replicas)', () => {
  it('a decision computed by one replica is an L2 hit on the other', async () => {
    const { db, store } = seeded();
    const { a, b, prefix } = pair(db, {});
    await waitFor(() => live(a)() && live(b)(), 5_000);
    expect(await a.check(store, 'document:1#viewer@user:anne')).toMatchObject({ allowed: true, cache: 'miss' });
    await waitFor(async () => (await raw.exists(l2Key(prefix, store, 'document:1#viewer@user:anne'))) === 1, 2_000);
    expect(await b.check(store, 'document:1#viewer@user:anne')).toMatchObject({ allowed: true, cache: 'l2' });
    expect(await b.check(store, 'document:1#viewer@user:anne')).toMatchObject({ allowed: true, cache: 'l1' });
    expect(b.evaluations).toBe(0);
  });

  it('a write on A invalidates B within the staleness bound (measured), exactly for dependent relations', async () => {
    const { db, store } = seeded();
    const delivered: number[] = [];
    const heartbeats: number[] = [];
    const { a, b } = pair(db, {}, (e) => {
      if (e.type === 'invalidation-received') delivered.push(e.lagMs);
      if (e.type === 'heartbeat') heartbeats.push(e.roundTripMs);
    });
    await waitFor(() => live(a)() && live(b)(), 5_000);
    await b.check(store, 'invoice:9#approver@user:warmup');
    await waitFor(() => b.cache.describeStore(store)?.baseline !== undefined, 2_000);
    const lags: number[] = [];
    for (let i = 0; i < 10; i++) {
      const user = `user:u${i}`;
      await b.check(store, `document:1#viewer@${user}`);
      await b.check(store, `invoice:9#approver@${user}`);
      if (i === 0) {
        // Older than the bound, yet served: pub/sub heartbeats vouch for B's invalidation state.
        await new Promise((resolve) => setTimeout(resolve, bound + 100));
        expect(await b.check(store, `document:1#viewer@${user}`)).toMatchObject({ allowed: false, cache: 'l1' });
      }
      const start = performance.now();
      a.write(store, [tk(`group:eng#member@${user}`)]);
      await waitFor(async () => (await b.check(store, `document:1#viewer@${user}`)).allowed, bound, 1);
      lags.push(performance.now() - start);
      expect(await b.check(store, `invoice:9#approver@${user}`)).toMatchObject({ allowed: false, cache: 'l1' });
    }
    lags.sort((x, y) => x - y);
    console.log(`[cache] cross-replica invalidation lag over pub/sub (bound ${bound} ms): p50 ${lags[5].toFixed(1)} ms, max ${lags[9].toFixed(1)} ms until B answered anew`);
    console.log(`[cache]   message delivery A->B: max ${Math.max(...delivered)} ms over ${delivered.length} messages; heartbeat round trip max ${Math.max(...heartbeats)} ms over ${heartbeats.length}`);
    expect(lags[9]).toBeLessThan(bound);
  });

  it('keeps answering correctly while Redis is unreachable, and resumes caching when it is back', async () => {
    const { db, store } = seeded();
    const proxy = await startProxy();
    try {
      const prefix = newPrefix();
      const options: CacheOptions = { redisUrl: proxy.url, redisKeyPrefix: prefix, stalenessBoundMs: bound, redisCommandTimeoutMs: 250, pollIntervalMs: 200 };
      const a = createReplica(db, docsModel, options);
      const b = createReplica(db, docsModel, options);
      replicas.push(a, b);
      await waitFor(() => live(a)() && live(b)(), 5_000);
      expect((await b.check(store, 'document:1#viewer@user:erin')).allowed).toBe(false);

      await proxy.stop();
      // Decisions stay correct and fast: no waiting on a dead Redis.
      let slowest = 0;
      for (const tuple of ['document:1#viewer@user:anne', 'invoice:9#approver@user:bob', 'document:1#viewer@user:nobody', 'document:1#viewer@user:anne']) {
        const start = performance.now();
        const expected = tuple.includes('nobody') ? false : true;
        expect((await a.check(store, tuple)).allowed).toBe(expected);
        slowest = Math.max(slowest, performance.now() - start);
      }
      expect(a.cache.status().redis).not.toBe('ready');

      // A revoke-style change during the outage: B cannot hear it over pub/sub, the changelog covers it.
      const start = performance.now();
      a.write(store, [tk('group:eng#member@user:erin')]);
      await waitFor(async () => (await b.check(store, 'document:1#viewer@user:erin')).allowed, bound + 1_000, 5);
      const lag = performance.now() - start;
      console.log(`[cache] Redis down: slowest check ${slowest.toFixed(1)} ms; B saw A's write via changelog polling after ${lag.toFixed(1)} ms`);
      expect(slowest).toBeLessThan(500);
      expect(lag).toBeLessThan(bound + 500);

      await proxy.start();
      const recovery = await waitFor(() => live(a)() && live(b)(), 10_000, 10);
      expect(await a.check(store, 'invoice:9#approver@user:frank')).toMatchObject({ allowed: false, cache: 'miss' });
      await waitFor(async () => (await raw.exists(l2Key(prefix, store, 'invoice:9#approver@user:frank'))) === 1, 2_000);
      expect(await b.check(store, 'invoice:9#approver@user:frank')).toMatchObject({ allowed: false, cache: 'l2' });
      // Pub/sub is back too: a write on A reaches B quickly again.
      await b.check(store, 'invoice:9#approver@user:gus');
      const again = performance.now();
      a.write(store, [tk('invoice:9#approver@user:gus')]);
      await waitFor(async () => (await b.check(store, 'invoice:9#approver@user:gus')).allowed, bound, 1);
      console.log(`[cache] Redis back: live again after ${recovery.toFixed(0)} ms; invalidation lag ${(performance.now() - again).toFixed(1)} ms`);
    } finally {
      await proxy.stop();
    }
  });
});

describe('object-scoped invalidation over pub/sub', () => {
  /** Two replicas that hear of each other's writes through pub/sub only (no changelog). */
  async function busOnlyPair(db: FakeDatabase) {
    const prefix = newPrefix();
    const options: CacheOptions = { redisUrl: testRedisUrl, redisKeyPrefix: prefix, stalenessBoundMs: bound, redisCommandTimeoutMs: 250 };
    const a = createReplica(db, docsModel, options, false);
    const b = createReplica(db, docsModel, options, false);
    replicas.push(a, b);
    await waitFor(() => live(a)() && live(b)(), 5_000);
    return { a, b, prefix };
  }

  it('a write on A drops on B only the written object\'s decisions where the model allows, all of them where it does not', async () => {
    const { db, store } = seeded();
    db.write(store, [tk('document:2#parent@folder:a')]);
    const { a, b } = await busOnlyPair(db);
    const warm = ['document:1#viewer@user:anne', 'document:2#viewer@user:anne', 'document:1#can_view@user:zoe', 'document:2#can_view@user:zoe'];
    for (const tuple of warm) await b.check(store, tuple);
    const before = b.evaluations;
    a.write(store, [tk('document:1#owner@user:zoe')]);
    await waitFor(async () => (await b.check(store, 'document:1#can_view@user:zoe')).allowed, bound, 1);
    expect(await b.check(store, 'document:2#viewer@user:anne')).toMatchObject({ allowed: true, cache: 'l1' });
    expect(await b.check(store, 'document:2#can_view@user:zoe')).toMatchObject({ allowed: false, cache: 'l1' });
    expect(await b.check(store, 'document:1#viewer@user:anne')).toMatchObject({ allowed: true, cache: 'miss' });
    expect(b.evaluations - before).toBeGreaterThanOrEqual(2);
    // group#member reaches document#viewer through a userset type: every document's entries go.
    a.write(store, [tk('group:eng#member@user:zoe')]);
    await waitFor(async () => (await b.check(store, 'document:2#viewer@user:zoe')).allowed, bound, 1);
    expect(await b.check(store, 'document:2#viewer@user:anne')).toMatchObject({ allowed: true, cache: 'miss' });
    expect(b.cache.describeStore(store)?.floors['document#viewer']).toBeDefined();
  });

  it('applies a message of the previous format (no object ids) relation-wide, and one with malformed object ids too', async () => {
    const { db, store } = seeded();
    db.write(store, [tk('document:2#parent@folder:a')]);
    const { b, prefix } = await busOnlyPair(db);
    /** Publishes a write message as another replica would, and waits until B has applied it. */
    const publish = async (message: { r: string } & Record<string, unknown>) => {
      await raw.publish(`${prefix}invalidations`, JSON.stringify(message));
      await waitFor(() => b.cache.describeStore(store)?.knownRevision === BigInt(message.r), 2_000, 1);
    };
    await b.check(store, 'document:2#viewer@user:anne');
    // As a replica of the previous version publishes a write of document:1#owner.
    await publish({ k: 'w', f: 'old-replica', t: Date.now(), s: store, r: '100', x: ['document#owner'] });
    expect(await b.check(store, 'document:2#viewer@user:anne')).toMatchObject({ allowed: true, cache: 'miss' });
    expect(await b.check(store, 'document:2#viewer@user:anne')).toMatchObject({ allowed: true, cache: 'l1' });
    await publish({ k: 'w', f: 'other-replica', t: Date.now(), s: store, r: '101', x: ['document#owner'], o: [['1'], ['2']] });
    expect(await b.check(store, 'document:2#viewer@user:anne')).toMatchObject({ allowed: true, cache: 'miss' });
    // And the current format names its objects.
    await publish({ k: 'w', f: 'other-replica', t: Date.now(), s: store, r: '102', x: ['document#owner'], o: [['1']] });
    expect(await b.check(store, 'document:2#viewer@user:anne')).toMatchObject({ allowed: true, cache: 'l1' });
  });
});

describe('decision cache with a slow Redis', () => {
  it('bounds each check by the command timeout, then skips Redis until it is fast again', async () => {
    const { db, store } = seeded();
    const proxy = await startProxy();
    try {
      const prefix = newPrefix();
      const events: string[] = [];
      const a = createReplica(
        db,
        docsModel,
        { redisUrl: proxy.url, redisKeyPrefix: prefix, stalenessBoundMs: bound, redisCommandTimeoutMs: 100, redisFailureThreshold: 2, redisCooldownMs: 300, l1MaxEntries: 0 },
        true,
        (e) => events.push(e.type),
      );
      replicas.push(a);
      await waitFor(live(a), 5_000);
      await a.check(store, 'document:1#viewer@user:anne');
      await waitFor(async () => (await raw.exists(l2Key(prefix, store, 'document:1#viewer@user:anne'))) === 1, 2_000);
      expect((await a.check(store, 'document:1#viewer@user:anne')).cache).toBe('l2');

      proxy.latencyMs = 1_000;
      const timings: number[] = [];
      for (let i = 0; i < 6; i++) {
        const start = performance.now();
        expect((await a.check(store, 'document:1#viewer@user:anne')).allowed).toBe(true);
        timings.push(performance.now() - start);
      }
      console.log(`[cache] slow Redis (+1000 ms): check latencies ${timings.map((t) => t.toFixed(0)).join(', ')} ms (timeout 100 ms, breaker after 2)`);
      expect(Math.max(...timings)).toBeLessThan(600);
      expect(timings.slice(2).every((t) => t < 100)).toBe(true); // breaker open: Redis skipped
      expect(events).toContain('redis-error');
      expect(events).toContain('redis-skipped');

      proxy.latencyMs = 0;
      await new Promise((resolve) => setTimeout(resolve, 1_200)); // late replies drain, cooldown ends
      await waitFor(async () => (await a.check(store, 'document:1#viewer@user:anne')).cache === 'l2', 3_000, 50);
      expect(events).toContain('redis-recovered');
    } finally {
      await proxy.stop();
    }
  });
});
