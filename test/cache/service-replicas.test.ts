// End to end through the service layer: two "replicas" (service + decision cache each) sharing
// one datastore and the real Redis, wired as the composition root wires them.
import { afterAll, describe, expect, it } from 'vitest';
import { createDecisionCache, type DecisionCache } from '../../src/cache/index.js';
import { silentLogger } from '../../src/observability/logger.js';
import { createChangeFeed, createRelataService } from '../../src/service/index.js';
import { createMemoryDatastore } from '../../src/storage/memory/index.js';
import { dropTestRedisKeys, testRedisUrl } from '../helpers/services.js';
import { tk, uniquePrefix, waitFor } from './harness.js';
import { docsModel } from './model-fixtures.js';

const caches: DecisionCache[] = [];
const prefix = uniquePrefix();
afterAll(async () => {
  await Promise.all(caches.map((cache) => cache.close()));
  await dropTestRedisKeys(prefix);
});

describe('service replicas sharing a datastore and Redis', () => {
  it('a revoke on A is denied on B at once with its token, and within the bound without', async () => {
    const datastore = createMemoryDatastore();
    await datastore.migrate();
    const bound = 1_000;
    const replica = () => {
      const cache = createDecisionCache({ redisUrl: testRedisUrl, redisKeyPrefix: prefix, stalenessBoundMs: bound }, { feed: createChangeFeed(datastore) });
      caches.push(cache);
      return { cache, service: createRelataService({ datastore, logger: silentLogger(), cache }) };
    };
    const a = replica();
    const b = replica();
    await waitFor(() => [a, b].every(({ cache }) => cache.status().subscribed && cache.status().heartbeatAgeMs !== undefined), 5_000);

    const { id: storeId } = await a.service.createStore({ name: 'cache-e2e' });
    const { id: _ignored, ...model } = docsModel;
    await a.service.writeAuthorizationModel({ storeId, model });
    await a.service.write({ storeId, writes: { tupleKeys: [tk('document:1#viewer@user:anne'), tk('invoice:9#approver@user:bob')] } });
    const anne = { storeId, tupleKey: { object: 'document:1', relation: 'viewer', user: 'user:anne' } };
    const bob = { storeId, tupleKey: { object: 'invoice:9', relation: 'approver', user: 'user:bob' } };

    for (const r of [a, b]) {
      expect((await r.service.check(anne)).allowed).toBe(true);
      expect((await r.service.check(bob)).allowed).toBe(true);
    }
    // Without a token: B may answer from its cache until the invalidation arrives (bounded).
    const start = performance.now();
    await a.service.write({ storeId, deletes: { tupleKeys: [tk('document:1#viewer@user:anne')] } });
    await waitFor(async () => !(await b.service.check(anne)).allowed, bound, 1);
    const lag = performance.now() - start;
    expect((await b.service.check(bob)).allowed).toBe(true);
    // With the token of the revoke: denied at once, on both replicas.
    const { consistencyToken } = await a.service.write({ storeId, deletes: { tupleKeys: [tk('invoice:9#approver@user:bob')] } });
    expect((await b.service.check({ ...bob, consistencyToken })).allowed).toBe(false);
    expect((await a.service.check({ ...bob, consistencyToken })).allowed).toBe(false);
    expect((await b.service.check({ ...anne, consistency: 'HIGHER_CONSISTENCY' })).allowed).toBe(false);
    console.log(`[cache] service replicas: B stopped allowing the revoked tuple ${lag.toFixed(1)} ms after A's write (without token)`);
  });
});
