// Delete by filter on the service over the memory datastore with a real (L1) decision cache:
// the filter's validation, dry run, batches, the changelog, cache invalidation, concurrency.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDecisionCache } from '../../cache/index.js';
import type { DecisionCache } from '../../cache/index.js';
import { transformDslToModel } from '../../dsl/index.js';
import { ErrorCode } from '../../model/index.js';
import type { TupleKey } from '../../model/index.js';
import { silentLogger } from '../../observability/index.js';
import { createMemoryDatastore } from '../../storage/memory/index.js';
import { createChangeFeed } from '../change-feed.js';
import { createRelataService } from '../relata-service.js';
import type { RelataService } from '../relata-service.js';
import { failureCode } from '../../../test/helpers/failure-code.js';

const model = transformDslToModel(`model
  schema 1.1
type user
type group
  relations
    define member: [user]
type folder
  relations
    define viewer: [user, group#member]
type doc
  relations
    define parent: [folder]
    define viewer: [user, user:*, group#member] or viewer from parent
    define editor: [user]
`);

let service: RelataService;
let cache: DecisionCache;
let storeId: string;

const k = (object: string, relation: string, user: string): TupleKey => ({ object, relation, user });

async function write(tuples: TupleKey[]): Promise<void> {
  for (let i = 0; i < tuples.length; i += 100) await service.write({ storeId, writes: { tupleKeys: tuples.slice(i, i + 100) } });
}

async function readAll(): Promise<TupleKey[]> {
  const out: TupleKey[] = [];
  let token = '';
  do {
    const page = await service.read({ storeId, pageSize: 100, continuationToken: token });
    out.push(...page.items.map((i) => i.key));
    token = page.continuationToken;
  } while (token);
  return out;
}

beforeEach(async () => {
  const datastore = createMemoryDatastore();
  cache = createDecisionCache({}, { feed: createChangeFeed(datastore) });
  service = createRelataService({ datastore, logger: silentLogger(), cache });
  storeId = (await service.createStore({ name: 'bulk delete' })).id;
  await service.writeAuthorizationModel({ storeId, model });
});

afterEach(async () => {
  await cache.close();
});

describe('deleteTuples (delete by filter)', () => {
  it('counts on a dry run, then deletes exactly the matching tuples in bounded batches with one changelog entry each', async () => {
    const anne = Array.from({ length: 250 }, (_, i) => k(`doc:${String(i).padStart(3, '0')}`, 'viewer', 'user:anne'));
    const others = [k('doc:000', 'editor', 'user:anne'), k('doc:000', 'viewer', 'user:bob'), k('folder:f', 'viewer', 'user:anne'), k('doc:001', 'viewer', 'group:g#member')];
    await write([...anne, ...others]);
    const before = (await service.readChanges({ storeId, pageSize: 100 })).items.length;

    const dry = await service.deleteTuples({ storeId, objectType: 'doc', relation: 'viewer', user: 'user:anne', dryRun: true });
    expect(dry).toEqual({ matched: 250, batches: 0, consistencyToken: '' });
    expect(await readAll()).toHaveLength(254);

    const done = await service.deleteTuples({ storeId, objectType: 'doc', relation: 'viewer', user: 'user:anne', batchSize: 100 });
    expect(done.matched).toBe(250);
    expect(done.batches).toBe(3);
    expect(done.consistencyToken).not.toBe('');
    expect((await readAll()).sort((a, b) => a.object.localeCompare(b.object) || a.relation.localeCompare(b.relation))).toEqual(
      [k('doc:000', 'editor', 'user:anne'), k('doc:000', 'viewer', 'user:bob'), k('doc:001', 'viewer', 'group:g#member'), k('folder:f', 'viewer', 'user:anne')],
    );
    const deletes: TupleKey[] = [];
    let token = '';
    for (;;) {
      const page = await service.readChanges({ storeId, pageSize: 100, continuationToken: token });
      if (page.items.length === 0) break;
      deletes.push(...page.items.filter((c) => c.operation === 'delete').map((c) => c.key));
      token = page.continuationToken;
    }
    expect(before).toBeGreaterThan(0);
    expect(deletes.sort((a, b) => a.object.localeCompare(b.object))).toEqual(anne);
    // A second run finds nothing.
    expect(await service.deleteTuples({ storeId, objectType: 'doc', user: 'user:anne', relation: 'viewer' })).toEqual({ matched: 0, batches: 0, consistencyToken: '' });
  });

  it('filters by object id, by relation only, by a user type, by usersets and wildcards', async () => {
    await write([k('doc:1', 'viewer', 'user:a'), k('doc:1', 'editor', 'user:a'), k('doc:2', 'viewer', 'user:a'), k('doc:2', 'viewer', 'user:*'), k('doc:3', 'viewer', 'group:g#member'), k('doc:3', 'parent', 'folder:f')]);
    expect((await service.deleteTuples({ storeId, objectType: 'doc', objectId: '1' })).matched).toBe(2);
    expect((await service.deleteTuples({ storeId, objectType: 'doc', user: 'user:*' })).matched).toBe(1);
    expect((await service.deleteTuples({ storeId, objectType: 'doc', user: 'group:g#member' })).matched).toBe(1);
    expect((await service.deleteTuples({ storeId, objectType: 'doc', user: 'folder:' })).matched).toBe(1);
    expect(await readAll()).toEqual([k('doc:2', 'viewer', 'user:a')]);
    expect((await service.deleteTuples({ storeId, objectType: 'doc', relation: 'viewer' })).matched).toBe(1);
    expect(await readAll()).toEqual([]);
  });

  it('invalidates cached decisions as a Write does, also across objects (viewer from parent)', async () => {
    await write([k('doc:1', 'viewer', 'user:anne'), k('folder:f', 'viewer', 'user:bob'), k('doc:2', 'parent', 'folder:f')]);
    const check = async (object: string, user: string) => (await service.check({ storeId, tupleKey: { object, relation: 'viewer', user } })).allowed;
    // Twice each: the second answer comes from the cache.
    for (let i = 0; i < 2; i++) {
      expect(await check('doc:1', 'user:anne')).toBe(true);
      expect(await check('doc:2', 'user:bob')).toBe(true);
    }
    await service.deleteTuples({ storeId, objectType: 'doc', objectId: '1', user: 'user:anne' });
    await service.deleteTuples({ storeId, objectType: 'folder', relation: 'viewer' });
    expect(await check('doc:1', 'user:anne')).toBe(false);
    expect(await check('doc:2', 'user:bob')).toBe(false);
  });

  it('refuses a bad filter with a message naming the field, before deleting anything', async () => {
    await write([k('doc:1', 'viewer', 'user:a')]);
    const cases: [Parameters<RelataService['deleteTuples']>[0], ErrorCode, RegExp][] = [
      [{ storeId, objectType: '' }, ErrorCode.ValidationError, /object_type/],
      [{ storeId, objectType: 'doc:1' }, ErrorCode.ValidationError, /object_type/],
      [{ storeId, objectType: 'd\u0000c' }, ErrorCode.ValidationError, /object_type/],
      [{ storeId, objectType: 'doc', objectId: 'a#b' }, ErrorCode.ValidationError, /object_id/],
      [{ storeId, objectType: 'doc', relation: 'x'.repeat(51) }, ErrorCode.ValidationError, /relation/],
      [{ storeId, objectType: 'doc', user: 'anne' }, ErrorCode.ValidationError, /user/],
      [{ storeId, objectType: 'doc', user: 'user:a#b#c' }, ErrorCode.ValidationError, /user/],
      [{ storeId, objectType: 'doc', user: `user:${'x'.repeat(600)}` }, ErrorCode.ValidationError, /user/],
      [{ storeId, objectType: 'doc', batchSize: 1001 }, ErrorCode.ValidationError, /batch_size/],
      [{ storeId, objectType: 'doc', batchSize: 1.5 }, ErrorCode.ValidationError, /batch_size/],
      [{ storeId: 'nope', objectType: 'doc' }, ErrorCode.ValidationError, /store_id/],
      [{ storeId, objectType: 'page' }, ErrorCode.TypeNotFound, /page/],
      [{ storeId, objectType: 'doc', relation: 'owner' }, ErrorCode.RelationNotFound, /owner/],
    ];
    for (const [input, code, message] of cases) {
      const error = await service.deleteTuples(input).catch((e: unknown) => e as Error);
      expect(error, JSON.stringify(input).slice(0, 80)).toBeInstanceOf(Error);
      expect(await failureCode(Promise.reject(error))).toBe(code);
      expect((error as Error).message).toMatch(message);
    }
    expect(await failureCode(service.deleteTuples({ storeId: '01HZZZZZZZZZZZZZZZZZZZZZZZ', objectType: 'doc' }))).toBe(ErrorCode.StoreIdNotFound);
    expect(await readAll()).toHaveLength(1);
  });

  it('two deletes of overlapping filters at once remove everything without an error', async () => {
    await write(Array.from({ length: 300 }, (_, i) => k(`doc:${i}`, 'viewer', `user:u${i % 3}`)));
    const results = await Promise.all([
      service.deleteTuples({ storeId, objectType: 'doc', batchSize: 7 }),
      service.deleteTuples({ storeId, objectType: 'doc', relation: 'viewer', batchSize: 11 }),
      service.deleteTuples({ storeId, objectType: 'doc', user: 'user:u1', batchSize: 5 }),
    ]);
    expect(results.every((r) => r.matched <= 300)).toBe(true);
    expect(await readAll()).toEqual([]);
  });

  it('stops between batches when its signal aborts, keeping the batches already committed', async () => {
    await write(Array.from({ length: 50 }, (_, i) => k(`doc:${i}`, 'viewer', 'user:a')));
    const controller = new AbortController();
    controller.abort(new Error('client went away'));
    await expect(service.deleteTuples({ storeId, objectType: 'doc', signal: controller.signal })).rejects.toThrow('client went away');
    expect(await readAll()).toHaveLength(50);
  });
});
