// relata.v1 ListObjectsPage on every backend: pages come from the snapshot the first page pinned,
// whatever is granted or revoked between pages, whether a page is re-read from the snapshot or
// sliced from the kept answer; tokens are bound to their query; a token too far behind is refused;
// a write landing while a page is computed is undone too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transformDslToModel } from '../../src/dsl/index.js';
import { ErrorCode } from '../../src/model/index.js';
import type { TupleKey } from '../../src/model/index.js';
import { silentLogger } from '../../src/observability/index.js';
import { createRelataService, type RelataService } from '../../src/service/index.js';
import type { ListObjectsPageInput } from '../../src/service/types.js';
import type { Datastore } from '../../src/storage/datastore.js';
import { createMemoryDatastore } from '../../src/storage/memory/index.js';
import { createPgliteDatastore } from '../../src/storage/pglite/index.js';
import { createPostgresDatastore } from '../../src/storage/postgres/index.js';
import { dropTestSchema, testDatabaseUrl } from '../helpers/services.js';
import { failureCode } from '../helpers/failure-code.js';

const model = transformDslToModel(`model
  schema 1.1
type user
type group
  relations
    define member: [user]
type doc
  relations
    define viewer: [user, group#member]
    define blocked: [user]
    define can_view: viewer but not blocked
`);

const schema = `relata_page_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
const migrated = async (datastore: Datastore | Promise<Datastore>): Promise<Datastore> => {
  const ready = await datastore;
  await ready.migrate();
  return ready;
};
const backends: [string, () => Promise<Datastore>][] = [
  ['memory', () => migrated(createMemoryDatastore())],
  ['pglite', () => migrated(createPgliteDatastore())],
  ['postgres', () => migrated(createPostgresDatastore({ connectionString: testDatabaseUrl, schema, maxConnections: 4 }))],
];
afterAll(() => dropTestSchema(schema));

const doc = (i: number) => `doc:d${String(i).padStart(2, '0')}`;
const grant = (object: string, user = 'user:anne'): TupleKey => ({ object, relation: 'viewer', user });

async function setUp(datastore: Datastore, limits: { listPageMaxUndoChanges?: number; listPageCacheMaxObjects?: number } = {}) {
  const service = createRelataService({ datastore, logger: silentLogger(), limits });
  const storeId = (await service.createStore({ name: 'paging' })).id;
  const { authorizationModelId } = await service.writeAuthorizationModel({ storeId, model });
  const write = (writes: TupleKey[], deletes: TupleKey[] = []) =>
    service.write({ storeId, ...(writes.length ? { writes: { tupleKeys: writes } } : {}), ...(deletes.length ? { deletes: { tupleKeys: deletes } } : {}) });
  return { service, storeId, authorizationModelId, write };
}

async function allPages(service: RelataService, input: ListObjectsPageInput, between?: (page: number) => Promise<unknown>): Promise<string[][]> {
  const pages: string[][] = [];
  let continuationToken = '';
  do {
    const page = await service.listObjectsPage({ ...input, continuationToken });
    pages.push(page.objects);
    continuationToken = page.continuationToken;
    if (between) await between(pages.length);
  } while (continuationToken);
  return pages;
}

describe.each(backends)('ListObjectsPage on %s', (_name, open) => {
  let datastore: Datastore;
  beforeAll(async () => {
    datastore = await open();
  });
  afterAll(() => datastore.close());

  it.each([
    ['read from the snapshot', 0],
    ['sliced from the kept answer', 1000],
  ])('pages stay on the first page\'s snapshot while grants come and go (%s)', async (_how, listPageCacheMaxObjects) => {
    const { service, storeId, write } = await setUp(datastore, { listPageCacheMaxObjects });
    await write([
      ...Array.from({ length: 20 }, (_, i) => grant(doc(i))),
      { object: 'group:eng', relation: 'member', user: 'user:anne' },
      ...[20, 21, 22].map((i) => grant(doc(i), 'group:eng#member')),
      { object: doc(21), relation: 'blocked', user: 'user:anne' },
    ]);
    const input = { storeId, type: 'doc', relation: 'can_view', user: 'user:anne', pageSize: 8 };
    const expected = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 22].map(doc);

    const pages = await allPages(service, input, async (page) => {
      if (page !== 1) return;
      // Revoke what was seen and what was not, grant new objects on both sides of the cursor,
      // break the group path, lift one block and add another.
      await write([grant('doc:d03a'), grant('doc:d15a'), grant(doc(30))], [grant(doc(3)), grant(doc(15))]);
      await write([], [{ object: 'group:eng', relation: 'member', user: 'user:anne' }, { object: doc(21), relation: 'blocked', user: 'user:anne' }]);
      await write([{ object: doc(12), relation: 'blocked', user: 'user:anne' }]);
    });
    expect(pages.flat()).toEqual(expected);
    expect(pages.map((p) => p.length)).toEqual([8, 8, 6]);

    // A new listing sees the store as it is now.
    const now = (await allPages(service, input)).flat();
    expect(now).toContain('doc:d03a');
    expect(now).not.toContain(doc(3));
    expect(now).not.toContain(doc(12));
    expect(now).not.toContain(doc(20));
    expect(now).toContain(doc(30));
  });

  it('binds tokens to their query and model, and refuses a token too far behind', async () => {
    const { service, storeId, authorizationModelId, write } = await setUp(datastore, { listPageMaxUndoChanges: 3, listPageCacheMaxObjects: 0 });
    await write(Array.from({ length: 5 }, (_, i) => grant(doc(i))));
    const input = { storeId, type: 'doc', relation: 'viewer', user: 'user:anne', pageSize: 2 };
    const first = await service.listObjectsPage(input);
    expect(first.objects).toEqual([doc(0), doc(1)]);
    expect(first.revision).toBeGreaterThan(0n);
    const token = first.continuationToken;
    expect(await failureCode(service.listObjectsPage({ ...input, user: 'user:bob', continuationToken: token }))).toBe(ErrorCode.InvalidContinuationToken);
    expect(await failureCode(service.listObjectsPage({ ...input, relation: 'can_view', continuationToken: token }))).toBe(ErrorCode.InvalidContinuationToken);
    expect(await failureCode(service.listObjectsPage({ ...input, continuationToken: 'garbage' }))).toBe(ErrorCode.InvalidContinuationToken);
    // The same context with its keys in another order is the same query.
    const withContext = { ...input, context: { a: 1, b: { c: 2, d: 3 } } };
    const contextToken = (await service.listObjectsPage(withContext)).continuationToken;
    const reordered = { ...input, context: { b: { d: 3, c: 2 }, a: 1 } };
    expect((await service.listObjectsPage({ ...reordered, continuationToken: contextToken })).objects).toEqual([doc(2), doc(3)]);
    const otherModel = (await service.writeAuthorizationModel({ storeId, model })).authorizationModelId;
    expect(await failureCode(service.listObjectsPage({ ...input, authorizationModelId: otherModel, continuationToken: token }))).toBe(ErrorCode.InvalidContinuationToken);
    // The pinned model answers later pages even though a newer model exists.
    expect((await service.listObjectsPage({ ...input, authorizationModelId, continuationToken: token })).objects).toEqual([doc(2), doc(3)]);
    expect(await failureCode(service.listObjectsPage({ ...input, pageSize: 1001 }))).toBe(ErrorCode.PageSizeInvalid);

    await write([grant(doc(10)), grant(doc(11))]);
    expect((await service.listObjectsPage({ ...input, continuationToken: token })).objects).toEqual([doc(2), doc(3)]);
    await write([grant(doc(12)), grant(doc(13))]);
    expect(await failureCode(service.listObjectsPage({ ...input, continuationToken: token }))).toBe(ErrorCode.InvalidContinuationToken);
  });
});

/** Runs `action` (once) inside the next reverse read of the store, before that read returns. */
function injectOnFirstRead(datastore: Datastore, action: () => Promise<unknown>): { fired: () => boolean } {
  const tupleReader = datastore.tupleReader.bind(datastore);
  let injected = false;
  const inject = async (): Promise<void> => {
    if (injected) return;
    injected = true;
    await action();
  };
  datastore.tupleReader = (id) => {
    const reader = tupleReader(id);
    const readByUsers = reader.readByUsers.bind(reader);
    reader.readByUsers = async (query) => {
      await inject();
      return readByUsers(query);
    };
    // The reverse walk reads a whole level at once when the reader can.
    const readManyByUsers = reader.readManyByUsers?.bind(reader);
    if (readManyByUsers) {
      reader.readManyByUsers = async (reads) => {
        await inject();
        return readManyByUsers(reads);
      };
    }
    return reader;
  };
  return { fired: () => injected };
}

describe('ListObjectsPage while writes land mid-page', () => {
  it('undoes a write committed while a later page was being computed', async () => {
    const datastore = createMemoryDatastore();
    const { service, storeId, write } = await setUp(datastore, { listPageCacheMaxObjects: 0 });
    await write(Array.from({ length: 6 }, (_, i) => grant(doc(i))));
    const input = { storeId, type: 'doc', relation: 'viewer', user: 'user:anne', pageSize: 3 };
    const first = await service.listObjectsPage(input);
    const injection = injectOnFirstRead(datastore, () => write([grant(doc(4) + 'a')], [grant(doc(4))]));
    const second = await service.listObjectsPage({ ...input, continuationToken: first.continuationToken });
    expect(injection.fired()).toBe(true);
    expect(second.objects).toEqual([doc(3), doc(4), doc(5)]);
  });

  it('undoes a write committed while the first page was being computed', async () => {
    const datastore = createMemoryDatastore();
    const { service, storeId, write } = await setUp(datastore, { listPageCacheMaxObjects: 0 });
    await write(Array.from({ length: 6 }, (_, i) => grant(doc(i))));
    const input = { storeId, type: 'doc', relation: 'viewer', user: 'user:anne', pageSize: 3 };
    const injection = injectOnFirstRead(datastore, () => write([grant(doc(0) + 'a')], [grant(doc(1))]));
    const first = await service.listObjectsPage(input);
    expect(injection.fired()).toBe(true);
    expect(first.objects).toEqual([doc(0), doc(1), doc(2)]);
    expect((await service.listObjectsPage({ ...input, continuationToken: first.continuationToken })).objects).toEqual([doc(3), doc(4), doc(5)]);
  });
});
