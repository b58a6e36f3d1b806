// `npx tsx bench/check-statements.ts --size 10k`: what one uncached Check of the GitHub-like
// dataset (github-dataset.ts) costs, in process (storage + engine on PostgreSQL, no RPC), by
// granting-path length, walking and with the closure index, rounds interleaved:
// - statements per check (deterministic) and sequential rounds per check (a statement's round is
//   one more than the round of the last statement that answered before it was sent: the length
//   of the chain of round trips the check waited on);
// - ms and CPU µs per check of this process and of its PostgreSQL backends (/proc: load-dependent).
// `--schema NAME --keep` seeds once and reuses the schema in later runs (an A/B of two checkouts
// then reads the very same store); `--trace N` prints the statements of the first N checks of each
// kind. Every answer is cross-checked with the dataset's reference walk.
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { ulid } from 'ulid';
import { transformDslToModel } from '../src/dsl/index.js';
import { Engine } from '../src/engine/index.js';
import type { TupleKey } from '../src/model/index.js';
import { PgClient } from '../src/storage/postgres/index.js';
import type { SqlClient } from '../src/storage/sql/sql-client.js';
import { SqlDatastore } from '../src/storage/sql/sql-datastore.js';
import { generateGithubDataset, githubSizes, type GithubCheck, type GithubSize } from './github-dataset.js';
import { postgresCpuSeconds as backendCpuSeconds, cpuSpent } from './lib/postgres-cpu.js';

const { values: args } = parseArgs({
  options: {
    size: { type: 'string', default: '10k' },
    'cases-per-kind': { type: 'string', default: '200' },
    rounds: { type: 'string', default: '2' },
    ways: { type: 'string', default: 'walk,index' },
    schema: { type: 'string' },
    keep: { type: 'boolean', default: false },
    trace: { type: 'string', default: '0' },
    'database-url': { type: 'string', default: process.env.RELATA_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test' },
  },
});
const size = args.size as GithubSize;
if (!githubSizes[size]) throw new Error(`--size must be one of ${Object.keys(githubSizes).join(', ')}`);
const log = (message: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);

const model = transformDslToModel(readFileSync(new URL('../schema-examples/github/model.fga', import.meta.url), 'utf8'));
const engine = new Engine(model);
const dataset = generateGithubDataset(githubSizes[size], 18, Number(args['cases-per-kind']));
const schema = args.schema ?? `relata_bench_stmts_${Date.now().toString(36)}`;
const appName = `relata_bench_stmts_${Date.now().toString(36)}`;
const databaseUrl = args['database-url'];
const traceChecks = Number(args.trace);

/** The statements of the check in progress: name, round. */
let trace: { name: string; round: number }[] = [];
let lastAnsweredRound = 0;
function counting(inner: SqlClient): SqlClient {
  return {
    async query(text, params, name) {
      const entry = { name: name ?? text.replace(/\s+/g, ' ').slice(0, 40), round: lastAnsweredRound + 1 };
      trace.push(entry);
      try {
        return await inner.query(text, params, name);
      } finally {
        lastAnsweredRound = entry.round;
      }
    },
    exec: (script) => inner.exec(script),
    transaction: (fn, options) => inner.transaction(fn, options),
  };
}

const pool = (extra: string[]) =>
  new pg.Pool({ connectionString: databaseUrl, max: 8, idleTimeoutMillis: 0, application_name: appName, options: [`-c search_path=${schema}`, ...extra].join(' ') });
const pools = [pool([])] as const;
const client = counting(new PgClient(pools[0], { namedPlanMode: 'force_generic_plan' }));
const datastores = {
  index: new SqlDatastore({ kind: 'postgres', client, schema, close: async () => undefined, statistics: false }),
  walk: new SqlDatastore({ kind: 'postgres', client, schema, close: async () => undefined, statistics: false, closureIndex: false }),
};
const admin = new pg.Client({ connectionString: databaseUrl });
await admin.connect();

let disagreements = 0;
try {
  const ds = datastores.index;
  await ds.migrate();
  const stores = await ds.listStores({ pageSize: 10 }, { name: `stmts-${size}` });
  let store = stores.items.find((s) => s.name === `stmts-${size}`)?.id;
  if (!store) {
    store = (await ds.createStore({ id: ulid(), name: `stmts-${size}` })).id;
    const batches: TupleKey[][] = [];
    for (let i = 0; i < dataset.tuples.length; i += 100) batches.push(dataset.tuples.slice(i, i + 100));
    let next = 0;
    await Promise.all(Array.from({ length: 8 }, async () => {
      while (next < batches.length) await ds.writeTuples(store!, { writes: batches[next++]!, deletes: [] });
    }));
    await admin.query(`ANALYZE ${schema}.tuple; ANALYZE ${schema}.tuple_closure`);
    log(`seeded ${dataset.tuples.length} tuples into ${schema}`);
  }
  log(`github ${size}: ${dataset.tuples.length} tuples, schema ${schema}; load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);

  const kinds: [string, GithubCheck[]][] = [['path ≤ 2', dataset.short], ['path ≥ 5', dataset.long], ['mix', dataset.mixed]];
  const ways = args.ways.split(',') as (keyof typeof datastores)[];
  // Warm-up: prepared statements on every connection, JIT.
  for (const way of ways) for (const c of dataset.mixed) await engine.check(datastores[way].tupleReader(store), { object: c.object, relation: c.relation, user: c.user });
  for (let round = 0; round < Number(args.rounds); round++) {
    for (const [kind, cases] of kinds) {
      for (const way of ways) {
        let statements = 0;
        let rounds = 0;
        const pgBefore = await backendCpuSeconds(admin, appName);
        const cpuBefore = process.cpuUsage();
        const started = performance.now();
        for (const [i, c] of cases.entries()) {
          trace = [];
          lastAnsweredRound = 0;
          const result = await engine.check(datastores[way].tupleReader(store), { object: c.object, relation: c.relation, user: c.user });
          statements += trace.length;
          rounds += Math.max(0, ...trace.map((t) => t.round));
          if (result.allowed !== c.expected) disagreements++;
          if (round === 0 && i < traceChecks) log(`  ${way} ${c.object}#${c.relation}@${c.user} (${c.pathTuples} tuples) ${result.allowed}: ${trace.map((t) => `${t.round}:${t.name}`).join(', ')}`);
        }
        const ms = performance.now() - started;
        const cpu = process.cpuUsage(cpuBefore);
        const pgCpu = cpuSpent(pgBefore, await backendCpuSeconds(admin, appName));
        const n = cases.length;
        log(
          `${kind.padEnd(8)} ${way.padEnd(5)} statements/check ${(statements / n).toFixed(2)}, rounds/check ${(rounds / n).toFixed(2)}, ` +
            `${(ms / n).toFixed(3)} ms/check, CPU µs/check node ${Math.round((cpu.user + cpu.system) / n)} + postgres ${Math.round((1e6 * pgCpu) / n)}; load ${loadavg()[0]!.toFixed(2)}`,
        );
      }
    }
  }
  log(`disagreements with the reference walk: ${disagreements}`);
  if (disagreements > 0) process.exitCode = 1;
} finally {
  if (!args.keep) await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin.end();
  await Promise.all(pools.map((p) => p.end()));
}
