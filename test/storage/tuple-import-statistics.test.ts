// The statistics keeper hears of every row a bulk import changes: the tuples it inserts and the
// stored expired tuples it deletes on the way (each with a changelog row). Before, an import
// reported only its inserts, so a load that replaced many expired grants left the planner's
// statistics behind.
import { afterAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import type { TupleKey } from '../../src/model/index.js';
import type { Datastore, WriteTupleKey } from '../../src/storage/datastore.js';
import { createPgliteDatastore } from '../../src/storage/pglite/index.js';
import { createPostgresDatastore } from '../../src/storage/postgres/index.js';
import type { AnalyzeEvent, StatisticsKeeperOptions } from '../../src/storage/sql/statistics-keeper.js';
import { dropTestSchema, testDatabaseUrl } from '../helpers/services.js';

const schema = `relata_test_import_stats_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
afterAll(() => dropTestSchema(schema));

const backends: [string, (statistics: StatisticsKeeperOptions) => Promise<Datastore>][] = [
  ['pglite', (statistics) => createPgliteDatastore({ statistics })],
  ['postgres', (statistics) => createPostgresDatastore({ connectionString: testDatabaseUrl, schema, maxConnections: 2, statistics })],
];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const t = (object: string): TupleKey => ({ object, relation: 'viewer', user: 'user:a' });

describe.each(backends)('importTuples and the statistics keeper on %s', (_name, open) => {
  it('counts the stored expired tuples an import deletes, not only the ones it inserts', async () => {
    const events: AnalyzeEvent[] = [];
    // ANALYZE after 10 changed rows, at once.
    const ds = await open({ minChangedRows: 10, scaleFactor: 0, delayMs: 0, maxTimeShare: 1, onAnalyze: (e) => events.push(e) });
    try {
      await ds.migrate();
      await sleep(200); // the keeper's first look at the (empty) tables
      const storeId = ulid();
      const instant = new Date('2031-05-01T12:00:00.000Z');
      const objects = ['doc:1', 'doc:2', 'doc:3', 'doc:4'];
      const expiring: WriteTupleKey[] = objects.map((o) => ({ ...t(o), expiresAt: instant }));
      expect((await ds.importTuples!(storeId, expiring, undefined, new Date(instant.getTime() - 1000))).inserted).toBe(4);
      await sleep(200);
      expect(events).toEqual([]); // 4 rows changed: below the threshold

      // At the instant the four have expired: the import deletes them and inserts the new ones.
      // 4 + 4 deleted + 4 inserted = 12 rows; counting only the inserts would stay at 8.
      expect((await ds.importTuples!(storeId, objects.map(t), undefined, instant)).inserted).toBe(4);
      const deadline = Date.now() + 5000;
      while (events.length === 0 && Date.now() < deadline) await sleep(20);
      expect(events.map((e) => e.table)).toContain('tuple');
    } finally {
      await ds.close();
    }
  });
});
