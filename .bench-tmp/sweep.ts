import { createPostgresDatastore } from '../src/storage/postgres/index.js';
import { ExpirySweeper } from '../src/service/index.js';
import { AuditTrail } from '../src/audit/index.js';
import { ulid } from 'ulid';
import pg from 'pg';
const schema = `relata_bench_expiry_${Date.now().toString(36)}`;
const ds = await createPostgresDatastore({ connectionString: 'postgres://postgres@127.0.0.1:5432/test', schema, maxConnections: 4 });
await ds.migrate();
const store = ulid();
await ds.createStore({ id: store, name: 'bench' });
const base = Date.now();
const n = 20_000;
for (let i = 0; i < n; i += 100) {
  const writes = Array.from({ length: 100 }, (_, j) => ({ object: `doc:${i + j}`, relation: 'viewer', user: 'user:u', expiresAt: new Date(base + 1000 + (i + j)) }));
  await ds.writeTuples(store, { writes, deletes: [], now: new Date(base) });
}
// A plain (non-expiring) Check read, before and after: reads are one statement either way.
const reader = ds.tupleReader(store, { now: new Date(base) });
let t = performance.now();
for (let i = 0; i < 2000; i++) await reader.readByObjects({ objectType: 'doc', objectIds: [String(i)], relation: 'viewer' });
const readMs = (performance.now() - t) / 2000;
const sweeper = new ExpirySweeper({ datastore: ds, audit: new AuditTrail(), clock: () => new Date(base + 1000 + n), batchSize: 500, maxBatches: 1000 });
t = performance.now();
const run = await sweeper.runOnce();
const sweepMs = performance.now() - t;
console.log(JSON.stringify({ tuples: n, run, sweepMs: Math.round(sweepMs), perSecond: Math.round(n / (sweepMs / 1000)), forwardReadMs: readMs.toFixed(3) }));
await ds.close();
const c = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/test' });
await c.connect(); await c.query(`DROP SCHEMA ${schema} CASCADE`); await c.end();
