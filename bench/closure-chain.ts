// `npx tsx bench/closure-chain.ts --chain 2000 [--max-work N]`: the write cost of closure-index
// maintenance on one chain of nested teams (team:t0#member@team:t1#member ... t{N-1} -> t{N}),
// the worst shape for it: an edge written under the chain's tail makes every one of the N
// sources above it walk its reach again (about N²/2 index rows). The chain is imported and its
// index rebuilt (untimed), then, one write each, repeated `--rounds` times:
// - append: the edge t{N} -> t{N+1} written, then deleted (two writes);
// - middle: the edge t{N/2} -> t{N/2+1} deleted, then written back (two writes).
// Reported per write: statements (all, and the closure maintenance ones), ms, and CPU µs of this
// process and of its PostgreSQL backends (/proc); plus whether the kind ended stale.
// For the "before" numbers, copy this file and bench/lib/postgres-cpu.ts into a checkout without
// the bound (c295c81) and run it there: it uses only SqlDatastore, PgClient and processCpuSeconds.
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { ulid } from 'ulid';
import { PgClient } from '../src/storage/postgres/index.js';
import type { SqlClient } from '../src/storage/sql/sql-client.js';
import { SqlDatastore } from '../src/storage/sql/sql-datastore.js';
import type { SqlDatastoreOptions } from '../src/storage/sql/sql-datastore.js';
import { cpuSpent, postgresCpuSeconds } from './lib/postgres-cpu.js';

const { values: args } = parseArgs({
  options: {
    chain: { type: 'string', default: '2000' },
    rounds: { type: 'string', default: '3' },
    'max-work': { type: 'string' },
    'database-url': { type: 'string', default: process.env.RELATA_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test' },
  },
});
const n = Number(args.chain);
const run = Date.now().toString(36);
const schema = `relata_bench_chain_${run}`;
const appName = `relata_bench_chain_${run}`;
const log = (message: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);

let statements = 0;
let maintenance = 0;
function counting(inner: SqlClient): SqlClient {
  return {
    async query(text, params, name) {
      statements++;
      if (name === undefined && (text.includes('tuple_closure') || text.startsWith('SET LOCAL jit'))) maintenance++;
      const t = performance.now();
      try {
        return await inner.query(text, params, name);
      } finally {
        if (process.env.TRACE) console.log(`  ${(performance.now() - t).toFixed(1)} ms ${name ?? text.slice(0, 60).replace(/\s+/g, ' ')}`);
      }
    },
    exec: (script) => inner.exec(script),
    transaction: (fn, options) => inner.transaction((tx) => fn(counting(tx)), options),
  };
}

const pool = (extra: string[]) => new pg.Pool({ connectionString: args['database-url'], max: 4, application_name: appName, options: [`-c search_path=${schema}`, ...extra].join(' ') });
const pools = [pool([])] as const;
const options: SqlDatastoreOptions = { kind: 'postgres', client: counting(new PgClient(pools[0], { namedPlanMode: 'force_generic_plan' })), schema, close: async () => undefined, statistics: false };
if (args['max-work'] !== undefined) (options as { closureMaxWorkPerWrite?: number }).closureMaxWorkPerWrite = Number(args['max-work']);
const ds = new SqlDatastore(options);
const admin = new pg.Client({ connectionString: args['database-url'] });
await admin.connect();

const postgresCpu = () => postgresCpuSeconds(admin, appName);

const nest = (from: number, to: number) => ({ object: `team:t${from}`, relation: 'member', user: `team:t${to}#member` });
try {
  await ds.migrate();
  const store = (await ds.createStore({ id: ulid(), name: 'chain' })).id;
  const setup = performance.now();
  await ds.importTuples(store, Array.from({ length: n }, (_, i) => nest(i, i + 1)));
  const [rebuilt] = await ds.rebuildClosureIndex(store);
  await admin.query(`ANALYZE ${schema}.tuple; ANALYZE ${schema}.tuple_closure; ANALYZE ${schema}.tuple_closure_excluded`);
  log(`chain of ${n}: ${rebuilt?.rows} index rows, set up in ${Math.round(performance.now() - setup)} ms; load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const mid = Math.floor(n / 2);
  const writes: [string, Parameters<typeof ds.writeTuples>[1]][] = [
    ['append', { writes: [nest(n, n + 1)], deletes: [] }],
    ['append undo', { writes: [], deletes: [nest(n, n + 1)] }],
    ['middle delete', { writes: [], deletes: [nest(mid, mid + 1)] }],
    ['middle rewrite', { writes: [nest(mid, mid + 1)], deletes: [] }],
  ];
  for (let round = 0; round < Number(args.rounds); round++) {
    for (const [label, request] of writes) {
      const [s0, m0, pg0, cpu0, t0] = [statements, maintenance, await postgresCpu(), process.cpuUsage(), performance.now()];
      await ds.writeTuples(store, request);
      const ms = performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      const pgCpu = cpuSpent(pg0, await postgresCpu());
      log(JSON.stringify({ round, write: label, statements: statements - s0, maintenanceStatements: maintenance - m0, ms: +ms.toFixed(1), nodeCpuMicros: cpu.user + cpu.system, postgresCpuMicros: Math.round(pgCpu * 1e6), load: loadavg()[0]!.toFixed(2) }));
    }
  }
  const stale = await admin.query(`SELECT count(*) AS n FROM ${schema}.tuple_closure_excluded WHERE store = $1 AND stale`, [store]).then((r) => Number(r.rows[0]?.n), () => 'no stale column');
  log(`stale kinds at the end: ${stale}`);
} finally {
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin.end();
  await Promise.all(pools.map((p) => p.end()));
}
