// ReadChanges with a type filter on the SQL backends: the changelog has no index of its own for
// it (migration 011), so a page is a bounded scan of the store's changes in revision order. A
// rare type behind a long run of other changes costs each request at most the bound, and the
// token moves on, so that polling reaches every change of the type, in order, exactly once.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import { PgClient } from '../../src/storage/postgres/index.js';
import { SqlDatastore } from '../../src/storage/sql/sql-datastore.js';
import { dropTestSchema, testDatabaseUrl } from '../helpers/services.js';

const schema = `relata_test_changes_scan_${Date.now().toString(36)}`;
const pool = new pg.Pool({ connectionString: testDatabaseUrl, max: 2, options: `-c search_path=${schema}` });
const bound = 10;
const datastore = new SqlDatastore({ kind: 'postgres', client: new PgClient(pool), schema, close: () => pool.end(), statistics: false, changesScanBound: bound });
const key = (object: string) => ({ object, relation: 'viewer', user: 'user:anne' });

beforeAll(async () => {
  await datastore.migrate();
});
afterAll(async () => {
  await datastore.close();
  await dropTestSchema(schema);
});

describe('type-filtered ReadChanges over a long run of other types', () => {
  it('pages through the bound, never skipping, repeating or reordering a change of the type', async () => {
    const store = ulid();
    await datastore.createStore({ id: store, name: 'scan' });
    // 35 folder changes, a doc, 24 more folders, two docs, 3 folders: docs at changes 36, 61, 62.
    const objects = [
      ...Array.from({ length: 35 }, (_, i) => `folder:a${i}`),
      'doc:1',
      ...Array.from({ length: 24 }, (_, i) => `folder:b${i}`),
      'doc:2',
      'doc:3',
      ...Array.from({ length: 3 }, (_, i) => `folder:c${i}`),
    ];
    for (const object of objects) await datastore.writeTuples(store, { writes: [key(object)], deletes: [] });

    const seen: string[] = [];
    const pages: number[] = [];
    let token: string | undefined;
    for (let request = 0; request < 20; request++) {
      const page = await datastore.readChanges(store, { pageSize: 2, objectType: 'doc', continuationToken: token });
      seen.push(...page.items.map((c) => c.key.object));
      pages.push(page.items.length);
      expect(page.continuationToken).not.toBe('');
      if (page.items.length === 0 && page.continuationToken === token) break;
      token = page.continuationToken;
    }
    expect(seen).toEqual(['doc:1', 'doc:2', 'doc:3']);
    // Scans of at most 10 changes each: empty pages while only folders are scanned.
    expect(pages.filter((n) => n === 0).length).toBeGreaterThanOrEqual(4);
    // Caught up: the same token again, and a later doc appears on the next poll.
    await datastore.writeTuples(store, { writes: [key('doc:4')], deletes: [] });
    expect((await datastore.readChanges(store, { pageSize: 5, objectType: 'doc', continuationToken: token })).items.map((c) => c.key.object)).toEqual(['doc:4']);
    // Unfiltered and other-type reads are untouched by the bound.
    expect((await datastore.readChanges(store, { pageSize: 100 })).items).toHaveLength(objects.length + 1);
    expect((await datastore.readChanges(store, { pageSize: 100, objectType: 'folder' })).items).toHaveLength(bound);
  });

  it('counts a change of the type at the bound both as an item and as where the scan stopped', async () => {
    const store = ulid();
    await datastore.createStore({ id: store, name: 'scan edge' });
    // Changes 1-9 folders, 10 a doc (the bound-th), 11 a folder, 12 a doc.
    const objects = [...Array.from({ length: 9 }, (_, i) => `folder:e${i}`), 'doc:10', 'folder:e10', 'doc:12'];
    for (const object of objects) await datastore.writeTuples(store, { writes: [key(object)], deletes: [] });
    const first = await datastore.readChanges(store, { pageSize: 5, objectType: 'doc' });
    expect(first.items.map((c) => c.key.object)).toEqual(['doc:10']);
    const second = await datastore.readChanges(store, { pageSize: 5, objectType: 'doc', continuationToken: first.continuationToken });
    expect(second.items.map((c) => c.key.object)).toEqual(['doc:12']);
    // A full page ends at its last item even when the scan also reached the bound.
    const full = await datastore.readChanges(store, { pageSize: 1, objectType: 'doc' });
    expect(full.items.map((c) => c.key.object)).toEqual(['doc:10']);
    const after = await datastore.readChanges(store, { pageSize: 1, objectType: 'doc', continuationToken: full.continuationToken });
    expect(after.items.map((c) => c.key.object)).toEqual(['doc:12']);
  });

  it('reads index entries only for the other types (the primary key carries object_type)', async () => {
    const client = new pg.Client({ connectionString: testDatabaseUrl, options: `-c search_path=${schema}` });
    await client.connect();
    try {
      await client.query('VACUUM ANALYZE changelog');
      // A table this small is read whole; the plan of a large one is what is asked here.
      await client.query('SET enable_seqscan = off');
      const plan = (await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN SELECT revision FROM (SELECT revision, object_type, row_number() OVER (ORDER BY revision) AS n FROM changelog WHERE store = 'x' ORDER BY revision LIMIT 100) s WHERE object_type = 'doc' OR n = 100 LIMIT 3`)).rows.map((r) => r['QUERY PLAN']).join('\n');
      expect(plan).toContain('Index Only Scan using changelog_pkey');
      const indexes = (await client.query<{ indexname: string }>(`SELECT indexname FROM pg_indexes WHERE schemaname = $1 AND tablename = 'changelog'`, [schema])).rows.map((r) => r.indexname);
      expect(indexes).toEqual(['changelog_pkey']);
    } finally {
      await client.end();
    }
  });
});
