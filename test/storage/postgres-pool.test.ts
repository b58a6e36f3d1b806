// The PostgreSQL datastore's connections: RELATA_DATASTORE_MAX_CONNECTIONS is the whole number it
// opens (it used to open two pools of that size), and one pool still runs the named statements
// outside transactions in force_generic_plan, everything else in PostgreSQL's default 'auto'.
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import { UnavailableError } from '../../src/model/index.js';
import { PgClient, createPostgresDatastore } from '../../src/storage/postgres/index.js';
import { RedisProxy } from '../cache/redis-proxy.js';
import { dropTestSchema, testDatabaseUrl } from '../helpers/services.js';

const schema = `relata_test_pool_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;

afterAll(() => dropTestSchema(schema));

async function connectionsOf(admin: pg.Client, applicationName: string): Promise<number> {
  const { rows } = await admin.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1', [applicationName]);
  return rows[0].n;
}

describe('postgres connection pool', () => {
  it('never opens more than maxConnections, whatever mix of statements runs', async () => {
    const applicationName = `relata-pool-${process.pid}-${Date.now().toString(36)}`;
    const max = 3;
    const ds = await createPostgresDatastore({ connectionString: testDatabaseUrl, schema, maxConnections: max, applicationName, statistics: false });
    const admin = new pg.Client({ connectionString: testDatabaseUrl });
    await admin.connect();
    try {
      await ds.migrate();
      const stores = await Promise.all([1, 2, 3, 4].map((i) => ds.createStore({ id: ulid(), name: `pool-${i}` })));
      let most = 0;
      let sampling = true;
      const sampler = (async () => {
        while (sampling) {
          most = Math.max(most, await connectionsOf(admin, applicationName));
          await new Promise((r) => setTimeout(r, 2));
        }
      })();
      const work = Array.from({ length: 60 }, (_, i) => {
        const store = stores[i % stores.length].id;
        switch (i % 5) {
          case 0:
            return ds.writeTuples(store, { writes: [{ object: `doc:${i}`, relation: 'viewer', user: 'user:anne' }], deletes: [] });
          case 1:
            return ds.tupleReader(store).readByObjects({ objectType: 'doc', objectIds: [String(i - 1)], relation: 'viewer' });
          case 2:
            return ds.readChanges(store, { pageSize: 10 });
          case 3:
            return ds.getStore(store);
          default:
            return ds.listStores({ pageSize: 5 });
        }
      });
      await Promise.all(work);
      sampling = false;
      await sampler;
      most = Math.max(most, await connectionsOf(admin, applicationName));
      expect(most).toBeGreaterThan(0);
      expect(most).toBeLessThanOrEqual(max);
    } finally {
      await ds.close();
      await admin.end();
    }
  });

  it('runs named statements outside transactions in force_generic_plan, the rest in auto, on one pool', async () => {
    const pool = new pg.Pool({ connectionString: testDatabaseUrl, max: 1, options: '-c plan_cache_mode=force_generic_plan' });
    const client = new PgClient(pool, { namedPlanMode: 'force_generic_plan', startPlanMode: 'force_generic_plan' });
    const mode = 'SELECT current_setting($1) AS mode';
    const modeOf = async (run: Promise<Record<string, unknown>[]>) => (await run)[0].mode;
    try {
      // One connection serves them all, switched back and forth as needed.
      expect(await modeOf(client.query(mode, ['plan_cache_mode'], 'relata_test_mode'))).toBe('force_generic_plan');
      expect(await modeOf(client.query(mode, ['plan_cache_mode']))).toBe('auto');
      expect(await modeOf(client.query(mode, ['plan_cache_mode'], 'relata_test_mode'))).toBe('force_generic_plan');
      expect(await modeOf(client.transaction((tx) => tx.query(mode, ['plan_cache_mode'], 'relata_test_mode'), { lock: 'relata.test.pool' }))).toBe('auto');
      expect(await modeOf(client.query(mode, ['plan_cache_mode'], 'relata_test_mode'))).toBe('force_generic_plan');
      expect(await modeOf(client.query(mode, ['plan_cache_mode']))).toBe('auto');
      expect(await modeOf(client.transaction((tx) => tx.query(mode, ['plan_cache_mode'])))).toBe('auto');
      expect(await modeOf(client.query(mode, ['plan_cache_mode']))).toBe('auto');
      // A failed statement costs its connection (as pg's pool.query); the next one is switched from the start mode.
      await expect(client.query('SELECT 1/0', [], 'relata_test_fail')).rejects.toThrow();
      expect(await modeOf(client.query(mode, ['plan_cache_mode']))).toBe('auto');
      expect(await modeOf(client.query(mode, ['plan_cache_mode'], 'relata_test_mode'))).toBe('force_generic_plan');
    } finally {
      await pool.end();
    }
  });

  it('survives connections dying while checked out (statements and transactions fail UNAVAILABLE), and recovers', async () => {
    const target = new URL(testDatabaseUrl);
    const proxy = new RedisProxy({ host: target.hostname, port: Number(target.port || 5432) });
    await proxy.start();
    const viaProxy = new URL(testDatabaseUrl);
    viaProxy.port = String(proxy.port);
    const ds = await createPostgresDatastore({ connectionString: viaProxy.toString(), schema, maxConnections: 4, statistics: false });
    try {
      await ds.migrate();
      const store = (await ds.createStore({ id: ulid(), name: 'dying' })).id;
      const work = () => [
        ds.getStore(store),
        ds.currentRevision(store),
        ds.readChanges(store, { pageSize: 1 }),
        ds.writeTuples(store, { writes: [{ object: `doc:${ulid()}`, relation: 'viewer', user: 'user:anne' }], deletes: [] }),
      ];
      await Promise.all(work());
      // The connections are cut while the next statements check them out (before their sockets report it):
      // an unheard 'error' on a checked-out connection would crash the process.
      const stopped = proxy.stop();
      const during = await Promise.allSettled(work());
      await stopped;
      for (const outcome of during) {
        expect(outcome.status).toBe('rejected');
        if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(UnavailableError);
      }
      await proxy.start();
      await Promise.all(work());
    } finally {
      await ds.close();
      await proxy.stop();
    }
  });
});
