// Expiring grants across replicas on the real services: two replicas share PostgreSQL and Redis.
// - Redis L2: an entry that depends on an expiring grant lives in Redis no longer than the grant
//   (its PX is capped), and a replica whose clock has reached the instant does not serve it.
// - The sweeper: two replicas sweeping at once delete each expired tuple exactly once (one
//   changelog delete per tuple); with one big batch only one replica sweeps at all.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDecisionCache } from '../../src/cache/index.js';
import type { DecisionCache } from '../../src/cache/index.js';
import { AuditTrail } from '../../src/audit/index.js';
import { transformDslToModel } from '../../src/dsl/index.js';
import { silentLogger } from '../../src/observability/index.js';
import { ExpirySweeper, createRelataService } from '../../src/service/index.js';
import type { RelataService } from '../../src/service/index.js';
import { createPostgresDatastore } from '../../src/storage/postgres/index.js';
import type { Datastore } from '../../src/storage/datastore.js';
import { dropTestRedisKeys, dropTestSchema, testDatabaseUrl, testRedisUrl } from '../helpers/services.js';

const schema = `relata_test_expiry_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
const prefix = `relata:test:${randomUUID().slice(0, 8)}:`;
const model = transformDslToModel(`model
  schema 1.1
type user
type doc
  relations
    define blocked: [user]
    define viewer: [user] but not blocked
`);

interface Replica {
  datastore: Datastore;
  cache: DecisionCache;
  service: RelataService;
  clock: { nowMs: number };
}

const replicas: Replica[] = [];

/** Every delete in the store's changelog, all pages. */
async function deletesOf(r: Replica, storeId: string) {
  const deletes = [];
  let token: string | undefined;
  for (;;) {
    const page = await r.service.readChanges({ storeId, pageSize: 100, continuationToken: token });
    deletes.push(...page.items.filter((c) => c.operation === 'delete'));
    if (page.items.length < 100) return deletes;
    token = page.continuationToken;
  }
}
let redis: Redis;

async function replica(): Promise<Replica> {
  const datastore = await createPostgresDatastore({ connectionString: testDatabaseUrl, schema, maxConnections: 4 });
  await datastore.migrate();
  const cache = createDecisionCache({ redisUrl: testRedisUrl, redisKeyPrefix: prefix, l2TtlMs: 600_000 });
  const clock = { nowMs: Date.now() };
  const service = createRelataService({ datastore, logger: silentLogger(), cache, clock: () => new Date(clock.nowMs), tokenSecret: 'expiry-replicas-test-secret-0123456789' });
  const r = { datastore, cache, service, clock };
  replicas.push(r);
  for (let i = 0; i < 100 && cache.status().redis !== 'ready'; i++) await new Promise((resolve) => setTimeout(resolve, 20));
  return r;
}

beforeAll(() => {
  redis = new Redis(testRedisUrl);
});

afterAll(async () => {
  for (const r of replicas) {
    await r.cache.close();
    await r.datastore.close();
  }
  await dropTestRedisKeys(prefix);
  redis.disconnect();
  await dropTestSchema(schema);
});

describe('expiring grants on two replicas (PostgreSQL + Redis)', () => {
  it('cap the Redis entry at the expiry and never serve it from the instant on', async () => {
    const a = await replica();
    const b = await replica();
    const storeId = (await a.service.createStore({ name: 'expiry-l2' })).id;
    await a.service.writeAuthorizationModel({ storeId, model });
    const expiry = Date.now() + 30_000;
    await a.service.writeTuples({
      storeId,
      writes: [
        { tupleKey: { object: 'doc:1', relation: 'viewer', user: 'user:anne' }, expiresAt: new Date(expiry) },
        { tupleKey: { object: 'doc:2', relation: 'viewer', user: 'user:carl' } },
        { tupleKey: { object: 'doc:2', relation: 'blocked', user: 'user:carl' }, expiresAt: new Date(expiry) },
      ],
    });
    const check = (r: Replica, object: string, user: string) => r.service.check({ storeId, tupleKey: { object, relation: 'viewer', user } });
    a.clock.nowMs = Date.now();
    expect((await check(a, 'doc:1', 'user:anne')).allowed).toBe(true);
    expect((await check(a, 'doc:2', 'user:carl')).allowed).toBe(false);
    // The L2 writes are fire and forget: wait for them.
    let keys: string[] = [];
    for (let i = 0; i < 100 && keys.length < 2; i++) {
      keys = await redis.keys(`${prefix}d:${storeId}:*`);
      if (keys.length < 2) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(keys).toHaveLength(2);
    for (const key of keys) {
      const ttl = await redis.pttl(key);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(30_000);
      expect(await redis.get(key)).toMatch(new RegExp(`:${expiry}$`));
    }
    // B, before the instant: served from L2 (it never evaluated these).
    b.clock.nowMs = expiry - 1;
    expect((await check(b, 'doc:1', 'user:anne')).allowed).toBe(true);
    expect((await check(b, 'doc:2', 'user:carl')).allowed).toBe(false);
    // At the instant: neither L1 nor L2 may answer; the evaluation sees the grant gone.
    a.clock.nowMs = expiry;
    b.clock.nowMs = expiry;
    for (const r of [a, b]) {
      expect((await check(r, 'doc:1', 'user:anne')).allowed).toBe(false);
      expect((await check(r, 'doc:2', 'user:carl')).allowed).toBe(true);
    }
  });

  it('sweep each expired tuple once when two replicas sweep at the same time', async () => {
    const a = await replica();
    const b = await replica();
    const storeId = (await a.service.createStore({ name: 'expiry-sweep' })).id;
    await a.service.writeAuthorizationModel({ storeId, model });
    const expiry = Date.now() + 60_000;
    const writes = Array.from({ length: 60 }, (_, i) => ({ tupleKey: { object: `doc:${i}`, relation: 'viewer', user: 'user:anne' }, expiresAt: new Date(expiry) }));
    await a.service.writeTuples({ storeId, writes: writes.slice(0, 30) });
    await a.service.writeTuples({ storeId, writes: writes.slice(30) });
    const sweeper = (r: Replica, batchSize: number) =>
      new ExpirySweeper({ datastore: r.datastore, audit: new AuditTrail(), cache: r.cache, clock: () => new Date(expiry), batchSize });

    // One batch holds everything: the replica that gets the lock sweeps, the other does nothing.
    const [ra, rb] = await Promise.all([sweeper(a, 1000).runOnce(), sweeper(b, 1000).runOnce()]);
    const mine = await deletesOf(a, storeId);
    expect(mine).toHaveLength(60);
    expect(new Set(mine.map((c) => c.key.object)).size).toBe(60);
    expect([ra.deleted > 0, rb.deleted > 0].filter(Boolean)).toHaveLength(1);
    // Both replicas' caches heard of the deletes: Check is denied everywhere.
    for (const r of [a, b]) {
      r.clock.nowMs = expiry - 1;
      expect((await r.service.check({ storeId, tupleKey: { object: 'doc:5', relation: 'viewer', user: 'user:anne' } })).allowed).toBe(false);
    }

    // Small batches racing: whoever sweeps which batch, every tuple is deleted exactly once.
    const second = (await a.service.createStore({ name: 'expiry-sweep-2' })).id;
    await a.service.writeAuthorizationModel({ storeId: second, model });
    await a.service.writeTuples({ storeId: second, writes: writes.slice(0, 40) });
    const runs = await Promise.all([0, 1, 2, 3].map((i) => sweeper(i % 2 ? a : b, 7).runOnce()));
    for (let i = 0; i < 10; i++) await Promise.all([sweeper(a, 7).runOnce(), sweeper(b, 7).runOnce()]);
    const deletes = await deletesOf(a, second);
    expect(deletes).toHaveLength(40);
    expect(new Set(deletes.map((c) => c.key.object)).size).toBe(40);
    expect(runs.some((r) => r.deleted > 0)).toBe(true);
    expect((await a.service.read({ storeId: second })).items).toEqual([]);
  });
});
