// The decision cache in one process (no Redis): hits, exact invalidation, tokens, consistency.
import { afterEach, describe, expect, it } from 'vitest';
import { createCachedChecker, createDecisionCache } from '../../src/cache/index.js';
import { Engine, type CheckRequest } from '../../src/engine/index.js';
import { docsModel } from './model-fixtures.js';
import { FakeDatabase, createReplica, tk, uniqueStore } from './harness.js';

const replicas: ReturnType<typeof createReplica>[] = [];
const replica = (db: FakeDatabase, withFeed = false) => {
  const r = createReplica(db, docsModel, {}, withFeed);
  replicas.push(r);
  return r;
};
afterEach(async () => {
  await Promise.all(replicas.splice(0).map((r) => r.cache.close()));
});

function seeded() {
  const db = new FakeDatabase();
  const store = uniqueStore();
  db.write(store, [
    tk('document:1#parent@folder:a'),
    tk('folder:a#viewer@group:eng#member'),
    tk('group:eng#member@user:anne'),
    tk('document:1#viewer@user:carl'),
    tk('invoice:9#approver@user:bob'),
  ]);
  return { db, store };
}

describe('decision cache (L1, single process)', () => {
  it('answers a repeated check from L1 after the first miss', async () => {
    const { db, store } = seeded();
    const a = replica(db);
    expect(await a.check(store, 'document:1#viewer@user:anne')).toMatchObject({ allowed: true, cache: 'miss' });
    expect(await a.check(store, 'document:1#viewer@user:anne')).toMatchObject({ allowed: true, cache: 'l1' });
    expect(await a.check(store, 'document:1#viewer@user:zed')).toMatchObject({ allowed: false, cache: 'miss' });
    expect(await a.check(store, 'document:1#viewer@user:zed')).toMatchObject({ allowed: false, cache: 'l1' });
    expect(a.evaluations).toBe(2);
  });

  it('a write to group#member invalidates document#viewer that depends on it, not invoice#approver', async () => {
    const { db, store } = seeded();
    const a = replica(db);
    await a.check(store, 'document:1#viewer@user:bob');
    await a.check(store, 'invoice:9#approver@user:bob');
    await a.check(store, 'document:1#editor@user:bob');
    a.write(store, [tk('group:eng#member@user:bob')]);
    expect(await a.check(store, 'document:1#viewer@user:bob')).toMatchObject({ allowed: true, cache: 'miss' });
    expect(await a.check(store, 'invoice:9#approver@user:bob')).toMatchObject({ allowed: true, cache: 'l1' });
    expect(await a.check(store, 'document:1#editor@user:bob')).toMatchObject({ allowed: false, cache: 'l1' });
  });

  it('a write that stays on its object keeps the other objects\' decisions; one that crosses objects drops them all', async () => {
    const { db, store } = seeded();
    db.write(store, [tk('document:2#viewer@user:carl')]);
    const a = replica(db);
    for (const tuple of ['document:1#viewer@user:carl', 'document:2#viewer@user:carl', 'document:1#can_view@user:carl', 'document:2#can_view@user:carl']) await a.check(store, tuple);
    // document:1#owner feeds editor -> viewer -> can_view, all on document:1 only.
    a.write(store, [tk('document:1#owner@user:olga')]);
    expect(await a.check(store, 'document:2#viewer@user:carl')).toMatchObject({ allowed: true, cache: 'l1' });
    expect(await a.check(store, 'document:2#can_view@user:carl')).toMatchObject({ allowed: true, cache: 'l1' });
    expect(await a.check(store, 'document:1#viewer@user:carl')).toMatchObject({ allowed: true, cache: 'miss' });
    expect(await a.check(store, 'document:1#can_view@user:carl')).toMatchObject({ allowed: true, cache: 'miss' });
    expect(await a.check(store, 'document:1#viewer@user:olga')).toMatchObject({ allowed: true, cache: 'miss' });
    // group#member is granted to document viewers as a userset: every document's viewer goes.
    a.write(store, [tk('group:eng#member@user:pia')]);
    expect(await a.check(store, 'document:2#viewer@user:carl')).toMatchObject({ allowed: true, cache: 'miss' });
    expect(await a.check(store, 'document:1#viewer@user:carl')).toMatchObject({ allowed: true, cache: 'miss' });
    expect(a.cache.describeStore(store)?.floors).toMatchObject({ 'document#viewer': expect.any(BigInt), 'group#member': expect.any(BigInt) });
  });

  it('a tiny bound on object floors costs hits, never a stale answer', async () => {
    const { db, store } = seeded();
    const a = createReplica(db, docsModel, { objectFloorMaxEntries: 1 }, false);
    replicas.push(a);
    for (const id of ['1', '2', '3']) await a.check(store, `document:${id}#viewer@user:quinn`);
    a.write(store, [tk('document:1#owner@user:quinn')]); // owner, editor, viewer, ... floors of document:1: all but one evicted
    a.write(store, [tk('document:2#editor@user:quinn')]);
    expect(a.cache.describeStore(store)?.objectFloors).toBe(1);
    expect(await a.check(store, 'document:1#viewer@user:quinn')).toMatchObject({ allowed: true, cache: 'miss' });
    expect(await a.check(store, 'document:2#viewer@user:quinn')).toMatchObject({ allowed: true, cache: 'miss' });
    // document:3 was not written, but its floor is no longer known exactly: a miss, not a stale hit.
    expect(await a.check(store, 'document:3#viewer@user:quinn')).toMatchObject({ allowed: false, cache: 'miss' });
    expect(await a.check(store, 'document:3#viewer@user:quinn')).toMatchObject({ allowed: false, cache: 'l1' });
  });

  it('a replica that learns of writes from the changelog invalidates only the written objects where the model allows', async () => {
    const { db, store } = seeded();
    const a = replica(db, true);
    const b = replica(db, true);
    await b.check(store, 'document:1#viewer@user:anne');
    await b.cache.syncNow(); // baseline
    for (const tuple of ['document:1#viewer@user:sam', 'document:2#viewer@user:anne', 'document:3#viewer@user:anne', 'folder:a#viewer@user:anne']) await b.check(store, tuple);
    a.write(store, [tk('document:1#owner@user:sam'), tk('document:2#parent@folder:a')]);
    await b.cache.syncNow();
    expect(b.cache.describeStore(store)?.floors).toEqual({});
    expect(await b.check(store, 'document:1#viewer@user:sam')).toMatchObject({ allowed: true, cache: 'miss' });
    expect(await b.check(store, 'document:2#viewer@user:anne')).toMatchObject({ allowed: true, cache: 'miss' });
    expect(await b.check(store, 'document:3#viewer@user:anne')).toMatchObject({ allowed: false, cache: 'l1' });
    expect(await b.check(store, 'folder:a#viewer@user:anne')).toMatchObject({ allowed: true, cache: 'l1' });
    // A crossing write read from the changelog: relation-wide, as on the writing replica.
    a.write(store, [tk('folder:a#owner@user:tom')]);
    await b.cache.syncNow();
    expect(await b.check(store, 'folder:a#viewer@user:anne')).toMatchObject({ allowed: true, cache: 'miss' });
  });

  it('a revoke followed by a check with the returned token is denied at once, even on a replica that has not heard of it', async () => {
    const { db, store } = seeded();
    const a = replica(db);
    const b = replica(db); // separate process, no channel between them
    expect((await b.check(store, 'document:1#viewer@user:carl')).allowed).toBe(true);
    expect((await a.check(store, 'document:1#viewer@user:carl')).allowed).toBe(true);
    const token = a.write(store, [], [tk('document:1#viewer@user:carl')]);
    expect(await a.check(store, 'document:1#viewer@user:carl', { minRevision: token })).toMatchObject({ allowed: false, cache: 'miss' });
    expect(await b.check(store, 'document:1#viewer@user:carl', { minRevision: token })).toMatchObject({ allowed: false, cache: 'miss' });
    // And the fresh answer, stamped with the token, serves the next request with that token.
    expect(await b.check(store, 'document:1#viewer@user:carl', { minRevision: token })).toMatchObject({ allowed: false, cache: 'l1' });
  });

  it('never answers HIGHER_CONSISTENCY from the cache, but refreshes the cache with its answer', async () => {
    const { db, store } = seeded();
    const a = replica(db);
    await a.check(store, 'invoice:9#approver@user:bob');
    db.write(store, [], [tk('invoice:9#approver@user:bob')]); // behind the cache's back
    expect(await a.check(store, 'invoice:9#approver@user:bob', { consistency: 'HIGHER_CONSISTENCY' })).toMatchObject({ allowed: false, cache: 'bypass' });
    expect(await a.check(store, 'invoice:9#approver@user:bob')).toMatchObject({ allowed: false, cache: 'l1' });
  });

  it('keys contextual tuples and context into the entry', async () => {
    const { db, store } = seeded();
    const a = replica(db);
    const ctx = [tk('invoice:9#approver@user:dan')];
    expect(await a.check(store, 'invoice:9#approver@user:dan')).toMatchObject({ allowed: false, cache: 'miss' });
    expect(await a.check(store, 'invoice:9#approver@user:dan', { contextualTuples: ctx })).toMatchObject({ allowed: true, cache: 'miss' });
    expect(await a.check(store, 'invoice:9#approver@user:dan', { contextualTuples: ctx })).toMatchObject({ allowed: true, cache: 'l1' });
    expect(await a.check(store, 'invoice:9#approver@user:dan', { contextualTuples: ctx, context: { x: 1 } })).toMatchObject({ cache: 'miss' });
  });

  it('an evaluation that started before a write never serves its (stale) answer afterwards', async () => {
    const { db, store } = seeded();
    const a = replica(db);
    const { release, evaluated } = a.holdEvaluations();
    const inFlight = a.check(store, 'document:1#viewer@user:dora');
    await evaluated;
    a.write(store, [tk('group:eng#member@user:dora')]);
    release();
    expect((await inFlight).allowed).toBe(false); // read before the write
    expect(await a.check(store, 'document:1#viewer@user:dora')).toMatchObject({ allowed: true, cache: 'miss' });
  });

  it('identical concurrent misses share one evaluation, unless a write landed since it started', async () => {
    const { db, store } = seeded();
    const a = replica(db);
    const { release, evaluated } = a.holdEvaluations();
    const first = a.check(store, 'document:1#viewer@user:ivy');
    await evaluated;
    const second = a.check(store, 'document:1#viewer@user:ivy');
    await new Promise((resolve) => setTimeout(resolve, 5)); // second has joined before the write
    a.write(store, [tk('group:eng#member@user:ivy')]);
    const third = a.check(store, 'document:1#viewer@user:ivy');
    release();
    expect(await first).toMatchObject({ allowed: false, cache: 'miss' });
    expect(await second).toMatchObject({ allowed: false, cache: 'in-flight' });
    expect(await third).toMatchObject({ allowed: true, cache: 'miss' });
    expect(a.evaluations).toBe(2);
  });

  it('a request that joined a failed evaluation (e.g. its caller cancelled) evaluates on its own', async () => {
    const cache = createDecisionCache();
    let calls = 0;
    let releaseFirst = () => {};
    const firstHeld = new Promise<void>((resolve) => (releaseFirst = resolve));
    const scope = { storeId: uniqueStore(), model: docsModel };
    const shared = createCachedChecker(
      async (cancelled: boolean) => {
        calls++;
        if (cancelled) {
          await firstHeld;
          throw new Error('cancelled by its caller');
        }
        return { allowed: true };
      },
      cache,
      () => scope,
    );
    const request = { object: 'invoice:9', relation: 'approver', user: 'user:bob' };
    const first = shared.check(true, request);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = shared.check(false, request);
    await new Promise((resolve) => setTimeout(resolve, 5));
    releaseFirst();
    await expect(first).rejects.toThrow('cancelled by its caller');
    expect(await second).toMatchObject({ allowed: true, cache: 'miss' });
    expect(calls).toBe(2);
    await cache.close();
  });

  it('BatchCheck serves hits and evaluates only misses, in request order', async () => {
    const { db, store } = seeded();
    const a = replica(db);
    await a.check(store, 'document:1#viewer@user:anne');
    const results = await a.checkMany(store, ['document:1#viewer@user:zed', 'document:1#viewer@user:anne', 'invoice:9#approver@user:bob', 'nope#viewer@user:anne']);
    expect(results.map((r) => (r.ok ? [r.result.allowed, r.result.cache] : 'error'))).toEqual([[false, 'miss'], [true, 'l1'], [true, 'miss'], 'error']);
    expect(a.evaluations).toBe(4);
  });

  it('a model change drops the store\'s entries', async () => {
    const { db, store } = seeded();
    const a = replica(db);
    await a.check(store, 'invoice:9#approver@user:bob');
    await new Promise((resolve) => setTimeout(resolve, 2));
    a.cache.recordModelChange(store);
    expect((await a.check(store, 'invoice:9#approver@user:bob')).cache).toBe('miss');
  });

  it('evaluates the misses of a batch with the batch function when one is given (the engine\'s batchCheck)', async () => {
    const { db, store } = seeded();
    const engine = new Engine(docsModel);
    const cache = createDecisionCache();
    const batches: number[] = [];
    const checker = createCachedChecker(
      (_ctx: null, request: CheckRequest) => engine.check(db.reader, request),
      cache,
      () => ({ storeId: store, model: docsModel }),
      {
        checkMany: async (_ctx, requests) => {
          batches.push(requests.length);
          const outcomes = await engine.batchCheck(db.reader, requests.map((r, i) => ({ ...r, correlationId: String(i) })));
          return outcomes.map((o) => ('error' in o ? { ok: false, error: o.error } : { ok: true, result: { allowed: o.allowed } }));
        },
      },
    );
    const requests = ['anne', 'carl', 'zed'].map((name) => ({ object: 'document:1', relation: 'viewer', user: `user:${name}` }));
    await checker.check(null, requests[0]);
    const results = await checker.checkMany(null, requests);
    expect(results.map((r) => r.ok && [r.result.allowed, r.result.cache])).toEqual([[true, 'l1'], [true, 'miss'], [false, 'miss']]);
    // The single Check's miss went to the plain check (no batch machinery), the batch's two misses together.
    expect(batches).toEqual([2]);
    await cache.close();
  });
});
