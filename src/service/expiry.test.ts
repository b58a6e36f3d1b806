// Expiring grants through the service, with an injected clock: every read path answers with the
// grant just before its instant and without it at the instant (never a wrong "allowed"), also
// through the decision cache (L1), a listing's kept snapshot answer, and an expiring `but not`
// tuple that turns a denial into an allow. Plus WriteTuples' validation of hostile expiries.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { transformDslToModel } from '../dsl/index.js';
import { ErrorCode } from '../model/index.js';
import { silentLogger } from '../observability/index.js';
import { createMemoryDatastore } from '../storage/memory/index.js';
import { createPgliteDatastore } from '../storage/pglite/index.js';
import { createDecisionCache } from '../cache/index.js';
import type { DecisionCache } from '../cache/index.js';
import { AuditTrail } from '../audit/index.js';
import { createRelataService } from './relata-service.js';
import type { RelataService } from './relata-service.js';
import { ExpirySweeper } from './expiry-sweeper.js';
import { failureCode } from '../../test/helpers/failure-code.js';
import type { Datastore } from '../storage/datastore.js';

const model = transformDslToModel(`model
  schema 1.1
type user
type group
  relations
    define member: [user]
type doc
  relations
    define blocked: [user]
    define viewer: [user, group#member] but not blocked
`);

const start = Date.UTC(2030, 5, 1, 8, 0, 0);
const expiry = new Date(start + 60_000);

let nowMs = start;
let datastore: Datastore;
let cache: DecisionCache;
let service: RelataService;
let storeId: string;

beforeEach(async () => {
  nowMs = start;
  datastore = createMemoryDatastore();
  cache = createDecisionCache({});
  service = createRelataService({ datastore, logger: silentLogger(), cache, clock: () => new Date(nowMs) });
  storeId = (await service.createStore({ name: 'expiry' })).id;
  await service.writeAuthorizationModel({ storeId, model });
  await service.writeTuples({
    storeId,
    writes: [
      // anne: a direct grant that ends; bob: through a membership that ends; carl: blocked until it ends.
      { tupleKey: { object: 'doc:1', relation: 'viewer', user: 'user:anne' }, expiresAt: expiry },
      { tupleKey: { object: 'doc:2', relation: 'viewer', user: 'group:g#member' } },
      { tupleKey: { object: 'group:g', relation: 'member', user: 'user:bob' }, expiresAt: expiry.toISOString() },
      { tupleKey: { object: 'doc:3', relation: 'viewer', user: 'user:carl' } },
      { tupleKey: { object: 'doc:3', relation: 'blocked', user: 'user:carl' }, expiresAt: expiry },
    ],
  });
});

afterEach(async () => {
  await cache.close();
});

const check = async (object: string, user: string) => (await service.check({ storeId, tupleKey: { object, relation: 'viewer', user } })).allowed;

/** Every read path's view of the three grants at the current instant. */
async function everyReadPath(): Promise<Record<string, unknown>> {
  const batch = await service.batchCheck({
    storeId,
    checks: [
      { correlationId: 'anne', tupleKey: { object: 'doc:1', relation: 'viewer', user: 'user:anne' } },
      { correlationId: 'bob', tupleKey: { object: 'doc:2', relation: 'viewer', user: 'user:bob' } },
      { correlationId: 'carl', tupleKey: { object: 'doc:3', relation: 'viewer', user: 'user:carl' } },
    ],
  });
  const streamed: string[] = [];
  for await (const object of service.streamListObjects({ storeId, type: 'doc', relation: 'viewer', user: 'user:bob' })) streamed.push(object);
  const users = await service.listUsers({ storeId, object: { type: 'doc', id: '1' }, relation: 'viewer', userFilters: [{ type: 'user' }] });
  const expanded = await service.expand({ storeId, tupleKey: { object: 'group:g', relation: 'member' } });
  const permissions = await service.listPermissions({ storeId, user: 'user:carl', types: ['doc'], relations: ['viewer'] });
  return {
    check: [await check('doc:1', 'user:anne'), await check('doc:2', 'user:bob'), await check('doc:3', 'user:carl')],
    batchCheck: ['anne', 'bob', 'carl'].map((id) => (batch.results.get(id) as { allowed: boolean }).allowed),
    listObjects: (await service.listObjects({ storeId, type: 'doc', relation: 'viewer', user: 'user:anne' })).objects,
    streamed,
    page: (await service.listObjectsPage({ storeId, type: 'doc', relation: 'viewer', user: 'user:carl' })).objects,
    listUsers: users.users,
    expand: JSON.stringify(expanded.tree).includes('user:bob'),
    read: (await service.read({ storeId, tupleKey: { object: 'doc:1' } })).items.map((t) => t.key.user),
    permissions: permissions.permissions,
    relations: (await service.listRelations({ storeId, object: 'doc:1', user: 'user:anne' })).relations,
    explain: (await service.explain({ storeId, tupleKey: { object: 'doc:2', relation: 'viewer', user: 'user:bob' } })).allowed,
  };
}

describe('expiring grants', () => {
  it('hold on every read path until the instant and on none from it (exclusive), through the caches', async () => {
    // Well before the instant, so that the entries' TTL (capped at the expiry, counted on the real
    // clock) outlives the test: from the instant on only the expiry check keeps them from serving.
    nowMs = expiry.getTime() - 30_000;
    // Twice: the second round is answered from the decision cache and the kept listing answers.
    for (let round = 0; round < 2; round++) {
      expect(await everyReadPath()).toEqual({
        check: [true, true, false],
        batchCheck: [true, true, false],
        listObjects: ['doc:1'],
        streamed: ['doc:2'],
        page: [],
        listUsers: [{ object: { type: 'user', id: 'anne' } }],
        expand: true,
        read: ['user:anne'],
        permissions: [],
        relations: ['viewer'],
        explain: true,
      });
    }
    nowMs = expiry.getTime();
    for (let round = 0; round < 2; round++) {
      expect(await everyReadPath()).toEqual({
        check: [false, false, true],
        batchCheck: [false, false, true],
        listObjects: [],
        streamed: [],
        page: ['doc:3'],
        listUsers: [],
        expand: false,
        read: [],
        permissions: [{ object: 'doc:3', relation: 'viewer' }],
        relations: [],
        explain: false,
      });
    }
  });

  it('cap the decision cache entry at the earliest expiry the evaluation read, allowed or denied', async () => {
    nowMs = start + 1;
    const anne = await service.check({ storeId, tupleKey: { object: 'doc:1', relation: 'viewer', user: 'user:anne' } });
    expect(anne.allowed).toBe(true);
    // Answered from L1 while the grant holds...
    expect(cache.status().l1Entries).toBeGreaterThan(0);
    nowMs = expiry.getTime() - 1;
    expect(await check('doc:1', 'user:anne')).toBe(true);
    expect(await check('doc:3', 'user:carl')).toBe(false);
    // ...and never once it ended, although the L1 TTL and the invalidation state would allow it.
    nowMs = expiry.getTime();
    expect(await check('doc:1', 'user:anne')).toBe(false);
    expect(await check('doc:3', 'user:carl')).toBe(true);
  });

  it('do not outlive their instant in a reused sub-result, nor in the decision that reused it (L1)', async () => {
    // doc:4 and doc:5 reach bob only through group:g#member, whose tuple for bob expires.
    await service.writeTuples({
      storeId,
      writes: ['doc:4', 'doc:5'].map((object) => ({ tupleKey: { object, relation: 'viewer', user: 'group:g#member' } })),
    });
    nowMs = expiry.getTime() - 30_000;
    expect(await check('doc:2', 'user:bob')).toBe(true);
    const lookups = () => cache.subResultStats().hits + cache.subResultStats().misses;
    const hitsBefore = cache.subResultStats().hits;
    // doc:4 reuses group:g#member@user:bob as settled by doc:2's Check: its own reads hold no
    // expiring tuple, so only the reused answer can bound its decision.
    expect(await check('doc:4', 'user:bob')).toBe(true);
    expect(cache.subResultStats().hits).toBeGreaterThan(hitsBefore);
    // Just before the instant the decision comes from L1 (no sub-problem is even looked up)...
    nowMs = expiry.getTime() - 1;
    const lookupsBefore = lookups();
    expect(await check('doc:4', 'user:bob')).toBe(true);
    expect(lookups()).toBe(lookupsBefore);
    // ...from the instant on neither the decision nor the sub-result is served.
    nowMs = expiry.getTime();
    const missesAt = cache.subResultStats().misses;
    expect(await check('doc:4', 'user:bob')).toBe(false);
    expect(await check('doc:5', 'user:bob')).toBe(false);
    expect(await check('doc:2', 'user:bob')).toBe(false);
    // The expired sub-result was looked up and refused (later hits are the denials settled since).
    expect(cache.subResultStats().misses).toBeGreaterThan(missesAt);
  });

  it('are swept: the changelog shows one delete per tuple, the sweep is audited, reads do not change', async () => {
    nowMs = expiry.getTime() + 5;
    const sweeper = new ExpirySweeper({ datastore, audit: new AuditTrail(), cache, clock: () => new Date(nowMs), batchSize: 2 });
    const run = await sweeper.runOnce();
    expect(run).toMatchObject({ swept: true, deleted: 3, batches: 2 });
    const changes = await service.readChanges({ storeId });
    const deletes = changes.items.filter((c) => c.operation === 'delete');
    expect(deletes.map((c) => `${c.key.object}#${c.key.relation}@${c.key.user}`).sort()).toEqual(['doc:1#viewer@user:anne', 'doc:3#blocked@user:carl', 'group:g#member@user:bob']);
    expect((await sweeper.runOnce()).deleted).toBe(0);
    expect(await check('doc:3', 'user:carl')).toBe(true);
    expect(await check('doc:1', 'user:anne')).toBe(false);
    const audit = await service.readAuditRecords({ storeId });
    expect(audit.items.filter((r) => r.operation === 'ExpireTuples').map((r) => r.actor)).toEqual(['system:expiry-sweeper', 'system:expiry-sweeper']);
  });

  it('refuse hostile expiries with a validation error naming the field, writing nothing', async () => {
    const key = { object: 'doc:9', relation: 'viewer', user: 'user:zed' };
    const cases: unknown[] = [
      new Date(start),
      new Date(start - 1),
      new Date(start + 11 * 366 * 24 * 3600 * 1000),
      new Date(Number.NaN),
      'tomorrow',
      '2030-06-01',
      '2030-13-45T99:99:99Z',
      `2031-01-01T00:00:00Z${'0'.repeat(10_000)}`,
      12345,
      { seconds: 5 },
    ];
    const before = await datastore.currentRevision(storeId);
    for (const expiresAt of cases) {
      const error = await service
        .writeTuples({ storeId, writes: [{ tupleKey: key }, { tupleKey: key, expiresAt: expiresAt as Date }] })
        .then(() => undefined, (err: unknown) => err as { code: number; message: string });
      expect(error?.code, String(expiresAt).slice(0, 40)).toBe(ErrorCode.ValidationError);
      expect(error?.message).toContain('writes[1].expires_at');
    }
    expect(await failureCode(service.writeTuples({ storeId, writes: [{ tupleKey: undefined }] }))).toBe(ErrorCode.ValidationError);
    expect(await failureCode(service.writeTuples({ storeId, writes: [] }))).toBe(ErrorCode.InvalidWriteInput);
    expect(await datastore.currentRevision(storeId)).toBe(before);
  });

  it('write concurrently: one expiry wins for a contested tuple, the others are duplicates', async () => {
    const key = { object: 'doc:7', relation: 'viewer', user: 'user:dan' };
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => service.writeTuples({ storeId, writes: [{ tupleKey: key, expiresAt: new Date(start + 1000 * (i + 1)) }] })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const [row] = (await service.read({ storeId, tupleKey: { object: 'doc:7' } })).items;
    expect(row?.expiresAt).toBeInstanceOf(Date);
  });
});

// Nested membership answered from the closure index (memory and PGlite read it by default): the
// user's own expiring membership comes back through readClosureTuples, and its expiry must still
// bound the cached decision, or an "allowed" would outlive the grant.
describe.each([
  ['memory', () => Promise.resolve(createMemoryDatastore())],
  ['pglite', async () => {
    const ds = await createPgliteDatastore();
    await ds.migrate();
    return ds;
  }],
])('expiring membership through the closure index (%s)', (_name, open) => {
  const nested = transformDslToModel(`model
  schema 1.1
type user
type team
  relations
    define member: [user, team#member]
type doc
  relations
    define viewer: [team#member]
`);

  it('the decision cached while the membership holds is not served at its instant', async () => {
    const ds = await open();
    const teamCache = createDecisionCache({});
    try {
      let now = start;
      const svc = createRelataService({ datastore: ds, logger: silentLogger(), cache: teamCache, clock: () => new Date(now) });
      const id = (await svc.createStore({ name: 'closure expiry' })).id;
      await svc.writeAuthorizationModel({ storeId: id, model: nested });
      await svc.writeTuples({
        storeId: id,
        writes: [
          { tupleKey: { object: 'doc:1', relation: 'viewer', user: 'team:top#member' } },
          { tupleKey: { object: 'team:top', relation: 'member', user: 'team:mid#member' } },
          { tupleKey: { object: 'team:mid', relation: 'member', user: 'team:low#member' } },
          { tupleKey: { object: 'team:low', relation: 'member', user: 'user:eve' }, expiresAt: expiry },
        ],
      });
      const ask = async () => (await svc.check({ storeId: id, tupleKey: { object: 'doc:1', relation: 'viewer', user: 'user:eve' } })).allowed;
      expect(await ask()).toBe(true);
      now = expiry.getTime() - 1;
      expect(await ask()).toBe(true);
      now = expiry.getTime();
      expect(await ask()).toBe(false);
    } finally {
      await teamCache.close();
      await ds.close();
    }
  });
});
