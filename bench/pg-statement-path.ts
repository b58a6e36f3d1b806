// `npx tsx bench/pg-statement-path.ts --baseline DIR [--rounds 10 --statements 5000]`: the client
// side of one statement, in process: this checkout's PgClient and the baseline checkout's, each
// on a pool of one connection in production's plan mode, run the same named statement with the
// level statement's parameters (store, 13 arrays of ids, types and relations, an instant) in
// alternating rounds. Per round and side: this process's CPU per statement (process.cpuUsage:
// encoding, pg's Query, protocol, pool; the statement itself is trivial for PostgreSQL) and its
// backend's (from /proc). Medians over rounds, with the load average. `--baseline-database-url`
// gives the baseline side another connection (e.g. PostgreSQL's Unix socket,
// `postgres://postgres@/test?host=/var/run/postgresql`, against TCP on 127.0.0.1); with
// `--baseline .` both sides run this checkout's code.
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { median } from './lib/alternating-rounds.js';
import { cpuSpent, postgresCpuSeconds, withApplicationName } from './lib/postgres-cpu.js';
import type { PgClient } from '../src/storage/postgres/pg-client.js';

const { values: args } = parseArgs({
  options: {
    baseline: { type: 'string' },
    rounds: { type: 'string', default: '10' },
    statements: { type: 'string', default: '5000' },
    'database-url': { type: 'string', default: process.env.RELATA_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test' },
    'baseline-database-url': { type: 'string' },
  },
});
if (!args.baseline) throw new Error('--baseline DIR: the other checkout to compare with');
const databaseUrl = args['database-url'];
const here = fileURLToPath(new URL('..', import.meta.url));
const baselineDir = resolve(args.baseline);
const run = Date.now().toString(36);

const ids = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix}${i}_01M90DR90TA1`);
const params = [
  '01M90DR90TA15P6BDC4VYPGQNF',
  ids(6, 'folder'), ids(6, 'f'), ids(6, 'viewer'), [true, false, true, true, false, true],
  ids(2, 'team'), ids(2, 'member'), ids(2, 'user'), ids(2, ''),
  ids(3, 'document'), ids(3, 'reader'), ids(3, 'user'), ids(3, ''), ids(3, 'u'),
  new Date().toISOString(),
];
const text = `SELECT cardinality($2::text[]) + cardinality($5::bool[]) + cardinality($14::text[]) AS n
  WHERE $1::text IS NOT NULL AND $3::text[] IS NOT NULL AND $4::text[] IS NOT NULL AND $6::text[] IS NOT NULL
    AND $7::text[] IS NOT NULL AND $8::text[] IS NOT NULL AND $9::text[] IS NOT NULL AND $10::text[] IS NOT NULL
    AND $11::text[] IS NOT NULL AND $12::text[] IS NOT NULL AND $13::text[] IS NOT NULL AND $15::timestamptz IS NOT NULL`;

interface Side {
  name: string;
  appName: string;
  pool: pg.Pool;
  client: Pick<PgClient, 'query'>;
  clientMicros: number[];
  postgresMicros: number[];
}

async function side(name: string, dir: string, url: string): Promise<Side> {
  const { PgClient: Client } = (await import(pathToFileURL(resolve(dir, 'src/storage/postgres/pg-client.ts')).href)) as { PgClient: typeof PgClient };
  const appName = `relata_stmt_path_${name}_${run}`;
  const pool = new pg.Pool({ connectionString: withApplicationName(url, appName), max: 1, options: '-c plan_cache_mode=force_generic_plan' });
  return { name, appName, pool, client: new Client(pool, { namedPlanMode: 'force_generic_plan', startPlanMode: 'force_generic_plan' }), clientMicros: [], postgresMicros: [] };
}

const admin = new pg.Client({ connectionString: databaseUrl });
await admin.connect();
const sides = [await side('new', here, databaseUrl), await side('base', baselineDir, args['baseline-database-url'] ?? databaseUrl)];
const statements = Number(args.statements);
const loads: number[] = [];
try {
  for (const s of sides) for (let i = 0; i < 500; i++) await s.client.query(text, params, 'relata_bench_level_shape');
  for (let round = 0; round < Number(args.rounds); round++) {
    for (const s of round % 2 === 0 ? sides : [...sides].reverse()) {
      const pgBefore = await postgresCpuSeconds(admin, s.appName);
      const before = process.cpuUsage();
      for (let i = 0; i < statements; i++) await s.client.query(text, params, 'relata_bench_level_shape');
      const used = process.cpuUsage(before);
      s.clientMicros.push((used.user + used.system) / statements);
      s.postgresMicros.push((1e6 * cpuSpent(pgBefore, await postgresCpuSeconds(admin, s.appName))) / statements);
    }
    loads.push(loadavg()[0]!);
    console.log(`round ${round}: ${sides.map((s) => `${s.name} ${s.clientMicros.at(-1)!.toFixed(1)} + ${s.postgresMicros.at(-1)!.toFixed(1)} µs`).join(', ')}; load ${loads.at(-1)!.toFixed(2)}`);
  }
} finally {
  for (const s of sides) await s.pool.end();
  await admin.end();
}
console.log(`\n| side | client CPU µs/statement | PostgreSQL CPU µs/statement | load |\n|---|---:|---:|---|`);
for (const s of sides) console.log(`| ${s.name} | ${median(s.clientMicros).toFixed(1)} | ${median(s.postgresMicros).toFixed(1)} | ${Math.min(...loads).toFixed(1)}-${Math.max(...loads).toFixed(1)} |`);
