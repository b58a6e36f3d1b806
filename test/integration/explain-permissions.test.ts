// relata.v1 Explain, ListPermissions and ListRelations through the service on every backend:
// Explain validates as Check and agrees with it; permission snapshots page from the revision the
// first page pinned whatever is granted or revoked between pages; tokens are bound to their
// query and store; bad filters are refused with the field named; concurrent snapshots agree.
import { afterAll, describe, expect, it } from 'vitest';
import { transformDslToModel } from '../../src/dsl/index.js';
import { ErrorCode } from '../../src/model/index.js';
import type { TupleKey } from '../../src/model/index.js';
import { silentLogger } from '../../src/observability/index.js';
import { createRelataService } from '../../src/service/index.js';
import type { ListPermissionsInput, RelataService } from '../../src/service/index.js';
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
    define member: [user, group#member]
type folder
  relations
    define viewer: [user, group#member]
type doc
  relations
    define parent: [folder]
    define owner: [user]
    define editor: [user] or owner
    define viewer: [user, user with before] or editor or viewer from parent
    define blocked: [user]
    define can_view: viewer but not blocked
condition before(x: int, limit: int) {
  x < limit
}
`);

const schema = `relata_explain_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
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

const t = (object: string, relation: string, user: string): TupleKey => ({ object, relation, user });

async function setUp(datastore: Datastore) {
  const service = createRelataService({ datastore, logger: silentLogger() });
  const storeId = (await service.createStore({ name: 'explain' })).id;
  await service.writeAuthorizationModel({ storeId, model });
  const write = (writes: TupleKey[], deletes: TupleKey[] = []) =>
    service.write({ storeId, ...(writes.length ? { writes: { tupleKeys: writes } } : {}), ...(deletes.length ? { deletes: { tupleKeys: deletes } } : {}) });
  return { service, storeId, write };
}

async function allPages(service: RelataService, input: ListPermissionsInput, between?: () => Promise<unknown>): Promise<string[]> {
  const out: string[] = [];
  let continuationToken = '';
  do {
    const page = await service.listPermissions({ ...input, continuationToken });
    out.push(...page.permissions.map((p) => `${p.object}#${p.relation}`));
    continuationToken = page.continuationToken;
    if (continuationToken) await between?.();
  } while (continuationToken);
  return out;
}

describe.each(backends)('Explain and permission snapshots on %s', (_name, open) => {
  it('Explain: validated as Check, same verdict, the path of tuples', async () => {
    const datastore = await open();
    try {
      const { service, storeId, write } = await setUp(datastore);
      await write([t('doc:1', 'parent', 'folder:a'), t('folder:a', 'viewer', 'group:eng#member'), t('group:eng', 'member', 'user:anne')]);
      const out = await service.explain({ storeId, tupleKey: t('doc:1', 'viewer', 'user:anne') });
      expect(out).toMatchObject({ allowed: true, truncated: false });
      expect(JSON.stringify(out.root)).toContain('group:eng#member@user:anne'.split('@')[1]);
      const denied = await service.explain({ storeId, tupleKey: t('doc:1', 'viewer', 'user:bob') });
      expect(denied.allowed).toBe(false);
      for (const tupleKey of [t('doc:1', 'nope', 'user:anne'), t('doc:1', 'viewer', ''), t('doc:1', 'viewer', 'user:a\u0000')]) {
        const checkCode = await failureCode(service.check({ storeId, tupleKey }));
        expect(await failureCode(service.explain({ storeId, tupleKey }))).toBe(checkCode);
      }
      expect(await failureCode(service.explain({ storeId, tupleKey: t('doc:1', 'viewer', 'user:anne'), maxNodes: 10_001 }))).toBe(ErrorCode.ValidationError);
      expect(await failureCode(service.explain({ storeId: '01BADBADBADBADBADBADBADBAD', tupleKey: t('doc:1', 'viewer', 'user:anne') }))).toBeDefined();
      // A missing condition parameter: the error Check throws comes back with the tree.
      await write([{ object: 'doc:2', relation: 'viewer', user: 'user:anne', condition: { name: 'before', context: { limit: 3 } } }]);
      const missing = await service.explain({ storeId, tupleKey: t('doc:2', 'viewer', 'user:anne') });
      expect(missing.error?.code).toBe(await failureCode(service.check({ storeId, tupleKey: t('doc:2', 'viewer', 'user:anne') })));
    } finally {
      await datastore.close();
    }
  });

  it('ListPermissions: every object#relation, paged from one revision while the store changes', async () => {
    const datastore = await open();
    try {
      const { service, storeId, write } = await setUp(datastore);
      const docs = Array.from({ length: 30 }, (_, i) => `doc:d${String(i).padStart(2, '0')}`);
      await write(docs.map((d) => t(d, 'owner', 'user:anne')));
      await write([t('folder:a', 'viewer', 'user:anne'), t('doc:x', 'parent', 'folder:a'), t('doc:d00', 'blocked', 'user:anne')]);
      const expected: string[] = [];
      for (const d of docs) for (const r of ['can_view', 'editor', 'owner', 'viewer']) if (!(d === 'doc:d00' && r === 'can_view')) expected.push(`${d}#${r}`);
      expected.push('doc:x#can_view', 'doc:x#viewer', 'folder:a#viewer');
      expected.sort();
      expected.splice(expected.indexOf('doc:d00#blocked'), 0);
      const withBlocked = [...expected, 'doc:d00#blocked'].sort();
      const input = { storeId, user: 'user:anne', pageSize: 7 };
      let n = 0;
      const pages = await allPages(service, input, () => write([t(`doc:new${n++}`, 'owner', 'user:anne')], n === 1 ? [t('doc:d29', 'owner', 'user:anne')] : []));
      expect(pages).toEqual(withBlocked);
      // A fresh snapshot sees the writes made meanwhile.
      const fresh = await allPages(service, { ...input, pageSize: 1000 });
      expect(fresh).toContain('doc:new0#owner');
      expect(fresh).not.toContain('doc:d29#owner');
      // Filters: types and relations.
      const filtered = await allPages(service, { storeId, user: 'user:anne', types: ['folder', 'doc'], relations: ['viewer'], pageSize: 100 });
      expect(filtered.every((k) => k.endsWith('#viewer'))).toBe(true);
      expect(filtered).toContain('folder:a#viewer');
    } finally {
      await datastore.close();
    }
  });

  it('ListPermissions: tokens bound to the query and store; bad filters named', async () => {
    const datastore = await open();
    try {
      const { service, storeId, write } = await setUp(datastore);
      await write(Array.from({ length: 5 }, (_, i) => t(`doc:${i}`, 'owner', 'user:anne')));
      const first = await service.listPermissions({ storeId, user: 'user:anne', pageSize: 2 });
      expect(first.continuationToken).not.toBe('');
      expect(await failureCode(service.listPermissions({ storeId, user: 'user:bob', pageSize: 2, continuationToken: first.continuationToken }))).toBe(ErrorCode.InvalidContinuationToken);
      const forged = first.continuationToken.slice(0, -2) + (first.continuationToken.endsWith('A') ? 'BB' : 'AA');
      expect(await failureCode(service.listPermissions({ storeId, user: 'user:anne', pageSize: 2, continuationToken: forged }))).toBe(ErrorCode.InvalidContinuationToken);
      const pageToken = (await service.listObjectsPage({ storeId, type: 'doc', relation: 'owner', user: 'user:anne', pageSize: 1 })).continuationToken;
      expect(await failureCode(service.listPermissions({ storeId, user: 'user:anne', pageSize: 2, continuationToken: pageToken }))).toBe(ErrorCode.InvalidContinuationToken);
      const other = await setUp(datastore);
      expect(await failureCode(service.listPermissions({ storeId: other.storeId, user: 'user:anne', pageSize: 2, continuationToken: first.continuationToken }))).toBe(ErrorCode.InvalidContinuationToken);
      for (const [input, code, field] of [
        [{ types: ['nope'] }, ErrorCode.TypeNotFound, 'types'],
        [{ relations: ['nope'] }, ErrorCode.RelationNotFound, 'relations'],
        [{ types: Array.from({ length: 101 }, (_, i) => `t${i}`) }, ErrorCode.ValidationError, 'types'],
        [{ relations: [''] }, ErrorCode.ValidationError, 'relations'],
        [{ user: 'user' }, ErrorCode.ValidationError, 'user'],
        [{ pageSize: 1001 }, ErrorCode.PageSizeInvalid, 'page_size'],
      ] as const) {
        const failure = service.listPermissions({ storeId, user: 'user:anne', ...input });
        await expect(failure).rejects.toMatchObject({ code, message: expect.stringContaining(field) });
      }
    } finally {
      await datastore.close();
    }
  });

  it('ListRelations: every relation in one evaluation; condition failures per relation; concurrent calls agree', async () => {
    const datastore = await open();
    try {
      const { service, storeId, write } = await setUp(datastore);
      await write([t('doc:1', 'owner', 'user:anne'), t('doc:1', 'blocked', 'user:anne')]);
      const out = await service.listRelations({ storeId, object: 'doc:1', user: 'user:anne' });
      expect(out).toEqual({ relations: ['owner', 'editor', 'viewer', 'blocked'], failures: [] });
      await write([{ object: 'doc:2', relation: 'viewer', user: 'user:bob', condition: { name: 'before', context: { limit: 3 } } }]);
      const conditional = await service.listRelations({ storeId, object: 'doc:2', user: 'user:bob' });
      expect(conditional.relations).toEqual([]);
      expect(conditional.failures.map((f) => [f.relation, f.code])).toEqual([['viewer', ErrorCode.ValidationError], ['can_view', ErrorCode.ValidationError]]);
      expect((await service.listRelations({ storeId, object: 'doc:2', user: 'user:bob', context: { x: 1 } })).relations).toEqual(['viewer', 'can_view']);
      expect(await failureCode(service.listRelations({ storeId, object: 'doc:1', user: 'user:anne', relations: ['nope'] }))).toBe(ErrorCode.ValidationError);
      expect(await failureCode(service.listRelations({ storeId, object: 'nope:1', user: 'user:anne' }))).toBe(ErrorCode.ValidationError);
      const many = await Promise.all(Array.from({ length: 20 }, () => service.listRelations({ storeId, object: 'doc:1', user: 'user:anne' })));
      for (const m of many) expect(m.relations).toEqual(out.relations);
    } finally {
      await datastore.close();
    }
  });
});
