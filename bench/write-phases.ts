// Where a Write's time goes (issue 18): sequential 100-tuple Writes through the service in
// process on PostgreSQL, with the wall time of every statement the pg driver sends (summed per
// statement kind) and the CPU of this process and of the PostgreSQL backends serving it.
//
//   npx tsx bench/write-phases.ts [--writes 200] [--tuples 100]
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createLogger } from '../src/observability/index.js';
import { createRelataService } from '../src/service/index.js';
import { createPostgresDatastore } from '../src/storage/postgres/index.js';
import { cpuSpent, postgresCpuSeconds } from './lib/postgres-cpu.js';
import { log } from './lib/recorder.js';

const { values: args } = parseArgs({
  options: {
    writes: { type: 'string', default: '200' },
    tuples: { type: 'string', default: '100' },
    'database-url': { type: 'string', default: process.env.RELATA_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test' },
  },
});
const databaseUrl = args['database-url'];
const writeCount = Number(args.writes);
const perWrite = Number(args.tuples);
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

const timings = new Map<string, { count: number; ms: number }>();
function instrument(): () => void {
  const proto = pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: unknown, ...a: unknown[]) {
    const config = a[0];
    const text = typeof config === 'string' ? config : typeof config === 'object' && config !== null && 'text' in config ? String((config as { text: unknown }).text) : '';
    const kind = text.replace(/\s+/g, ' ').slice(0, 50);
    const t0 = performance.now();
    const result = original.apply(this, a);
    if (result instanceof Promise) {
      void result.finally(() => {
        const entry = timings.get(kind) ?? { count: 0, ms: 0 };
        entry.count++;
        entry.ms += performance.now() - t0;
        timings.set(kind, entry);
      }).catch(() => undefined);
    }
    return result;
  };
  return () => {
    proto.query = original;
  };
}

const schema = `relata_bench_phases_${Date.now().toString(36)}`;
const applicationName = `relata-phases-${process.pid}`;
const admin = new pg.Client({ connectionString: databaseUrl });
await admin.connect();
const datastore = await createPostgresDatastore({ connectionString: databaseUrl, schema, statistics: false, applicationName });
try {
  await datastore.migrate();
  const service = createRelataService({ datastore, logger: createLogger({ level: 'silent' }) });
  const store = await service.createStore({ name: 'phases' });
  const model = {
    schema_version: '1.1',
    type_definitions: [
      { type: 'user' },
      { type: 'doc', relations: { viewer: { this: {} } }, metadata: { relations: { viewer: { directly_related_user_types: [{ type: 'user' }] } } } },
    ],
  };
  await service.writeAuthorizationModel({ storeId: store.id, model });
  const batch = (b: number) => Array.from({ length: perWrite }, (_, i) => ({ object: `doc:${b}`, relation: 'viewer', user: `user:u${i}` }));
  for (let b = 0; b < 20; b++) await service.write({ storeId: store.id, writes: { tupleKeys: batch(-1 - b) } });
  log(`load average ${load()}`);
  const restore = instrument();
  const cpu0 = process.cpuUsage();
  const pg0 = await postgresCpuSeconds(admin, applicationName);
  const t0 = performance.now();
  for (let b = 0; b < writeCount; b++) await service.write({ storeId: store.id, writes: { tupleKeys: batch(b) } });
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const pgCpu = cpuSpent(pg0, await postgresCpuSeconds(admin, applicationName));
  restore();
  log(`${writeCount} sequential ${perWrite}-tuple Writes: ${(wall / writeCount).toFixed(2)} ms each; CPU per Write: process ${((cpu.user + cpu.system) / 1e3 / writeCount).toFixed(2)} ms, PostgreSQL ${((pgCpu * 1e3) / writeCount).toFixed(2)} ms; load ${load()}`);
  for (const [kind, { count, ms }] of [...timings].sort((a, b) => b[1].ms - a[1].ms)) log(`  ${(ms / writeCount).toFixed(3)} ms/Write  x${(count / writeCount).toFixed(1)}  ${kind}`);
} finally {
  await datastore.close();
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin.end();
}
