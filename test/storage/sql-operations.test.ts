// Operational behaviour of the SQL backends beyond the shared contract: concurrent migration,
// failing closed when the database is away, sanitized driver errors, PGlite persistence.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import { InternalError, UnavailableError } from '../../src/model/index.js';
import { createPgliteDatastore } from '../../src/storage/pglite/index.js';
import { createPostgresDatastore } from '../../src/storage/postgres/index.js';
import { testDatabaseUrl } from '../helpers/services.js';

const schemas: string[] = [];
const freshSchema = (): string => {
  const schema = `relata_test_ops_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  schemas.push(schema);
  return schema;
};

async function sql<T extends pg.QueryResultRow>(text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: testDatabaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

afterAll(async () => {
  for (const schema of schemas) await sql(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
});

describe('postgres operations', () => {
  it('migrates once when several processes start at the same time', async () => {
    const schema = freshSchema();
    const stores = await Promise.all([1, 2, 3].map(() => createPostgresDatastore({ connectionString: testDatabaseUrl, schema, maxConnections: 2 })));
    try {
      await Promise.all(stores.map((ds) => ds.migrate()));
      await Promise.all(stores.map((ds) => ds.migrate()));
      const rows = await sql<{ version: number }>(`SELECT version FROM "${schema}".schema_migrations`);
      // Each migration file once (so the test need not change when another migration lands).
      const files = readdirSync(new URL('../../src/storage/sql/migrations/', import.meta.url)).filter((f) => /^\d+_.*\.sql$/.test(f));
      expect(rows.map((r) => r.version).sort((a, b) => a - b)).toEqual(files.map((f) => Number(f.slice(0, f.indexOf('_')))).sort((a, b) => a - b));
      const store = await stores[0].createStore({ id: ulid(), name: 'x' });
      expect(await stores[2].getStore(store.id)).toMatchObject({ name: 'x' });
    } finally {
      await Promise.all(stores.map((ds) => ds.close()));
    }
  });

  it('fails closed with UnavailableError when the database does not answer', async () => {
    const ds = await createPostgresDatastore({ connectionString: 'postgres://postgres@127.0.0.1:1/test' });
    try {
      const errors = await Promise.all([
        ds.ping().catch((e: unknown) => e),
        ds.writeTuples(ulid(), { writes: [{ object: 'doc:1', relation: 'viewer', user: 'user:anne' }], deletes: [] }).catch((e: unknown) => e),
        ds.tupleReader(ulid()).readByObjects({ objectType: 'doc', objectIds: ['1'], relation: 'viewer' }).catch((e: unknown) => e),
      ]);
      for (const error of errors) {
        expect(error).toBeInstanceOf(UnavailableError);
        expect((error as UnavailableError).message).not.toMatch(/ECONNREFUSED|127\.0\.0\.1/);
        expect((error as UnavailableError).cause).toBeInstanceOf(Error);
      }
    } finally {
      await ds.close();
    }
  });

  it('turns other driver errors into InternalError, keeping the driver error as cause only', async () => {
    const schema = freshSchema(); // never migrated: every table is missing
    await sql(`CREATE SCHEMA "${schema}"`);
    const ds = await createPostgresDatastore({ connectionString: testDatabaseUrl, schema });
    try {
      const error = await ds.readTuples(ulid(), {}, { pageSize: 10 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InternalError);
      expect((error as InternalError).message).toBe('internal server error');
      expect(String((error as InternalError).cause)).toMatch(/does not exist/);
      const writeError = await ds.writeTuples(ulid(), { writes: [{ object: 'doc:1', relation: 'viewer', user: 'user:anne' }], deletes: [] }).catch((e: unknown) => e);
      expect(writeError).toBeInstanceOf(InternalError);
    } finally {
      await ds.close();
    }
  });
});

describe('pglite operations', () => {
  it('persists in its data directory across restarts', { timeout: 240_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'relata-pglite-'));
    try {
      const first = await createPgliteDatastore({ dataDir });
      await first.migrate();
      const store = await first.createStore({ id: ulid(), name: 'kept' });
      const { revision } = await first.writeTuples(store.id, { writes: [{ object: 'doc:1', relation: 'viewer', user: 'user:anne' }], deletes: [] });
      await first.close();

      const second = await createPgliteDatastore({ dataDir });
      try {
        await second.migrate();
        expect(await second.getStore(store.id)).toMatchObject({ name: 'kept' });
        expect(await second.currentRevision(store.id)).toBe(revision);
        expect((await second.readTuples(store.id, {}, { pageSize: 10 })).items.map((t) => t.key.user)).toEqual(['user:anne']);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
