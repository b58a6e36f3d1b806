// `npx tsx bench/write-throughput.ts`: Write throughput on PostgreSQL (issue 18) and what each
// Write costs the database.
//
// 1. Statements per Write: the service in process over a PostgreSQL datastore, every query the
//    pg driver sends counted (round trips; a simple-protocol script of several statements counts
//    once as a round trip and once per statement), for a plain 100-tuple insert, the same with
//    on_duplicate 'ignore', 100 deletes, and a mixed write + delete.
// 2. Throughput: a Relata server process, `--writers` concurrent clients each sending Writes of
//    `--tuples` new tuples (one store, so they contend for its write lock as real writers do),
//    with the CPU per Write of the server and of the PostgreSQL backends serving it (found by
//    the application_name the bench puts in the datastore URL), `--rounds` times. `--profile DIR`
//    writes a CPU profile of the server (lib/cpu-profile.mjs).
//
//   npx tsx bench/write-throughput.ts [--writers 8] [--tuples 100] [--writes 400] [--rounds 1] [--only statements|throughput] [--profile DIR]
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { AuthorizationModel, TupleKey } from '../src/model/index.js';
import { createLogger } from '../src/observability/index.js';
import { createRelataService } from '../src/service/index.js';
import { createPostgresDatastore } from '../src/storage/postgres/index.js';
import { runClosedLoop } from './lib/closed-loop.js';
import { countQueries } from './lib/count-queries.js';
import { log } from './lib/recorder.js';
import { RelataClient } from './lib/relata-client.js';
import { startServer } from './lib/server-process.js';
import { cpuSpent, postgresCpuSeconds } from './lib/postgres-cpu.js';

const { values: args } = parseArgs({
  options: {
    writers: { type: 'string', default: '8' },
    tuples: { type: 'string', default: '100' },
    writes: { type: 'string', default: '400' },
    only: { type: 'string' },
    rounds: { type: 'string', default: '1' },
    profile: { type: 'string' },
    'database-url': { type: 'string', default: process.env.RELATA_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test' },
  },
});
const writers = Number(args.writers);
const perWrite = Number(args.tuples);
const writeCount = Number(args.writes);
const databaseUrl = args['database-url'];

const model: AuthorizationModel = {
  schema_version: '1.1',
  type_definitions: [
    { type: 'user' },
    {
      type: 'doc',
      relations: { viewer: { this: {} }, editor: { this: {} } },
      metadata: { relations: { viewer: { directly_related_user_types: [{ type: 'user' }] }, editor: { directly_related_user_types: [{ type: 'user' }] } } },
    },
  ],
};

/** `perWrite` tuples no other batch has: batch `b` of a run. */
function batch(run: string, b: number, relation = 'viewer'): TupleKey[] {
  return Array.from({ length: perWrite }, (_, i) => ({ object: `doc:${run}-${b}`, relation, user: `user:u${i}` }));
}

const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

async function dropSchema(schema: string): Promise<void> {
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin.end();
}

async function statementsPerWrite(): Promise<void> {
  const schema = `relata_bench_write_${Date.now().toString(36)}`;
  const datastore = await createPostgresDatastore({ connectionString: databaseUrl, schema, statistics: false });
  try {
    await datastore.migrate();
    const service = createRelataService({ datastore, logger: createLogger({ level: 'silent' }) });
    const store = await service.createStore({ name: 'write-bench' });
    const { authorizationModelId } = await service.writeAuthorizationModel({ storeId: store.id, model });
    const storeId = store.id;
    // Warm: the store, model, token key and prepared statements are then cached as in a server.
    await service.write({ storeId, authorizationModelId, writes: { tupleKeys: batch('warm', 0) } });
    const cases: [string, (i: number) => Promise<unknown>][] = [
      ['insert 100 (optimistic path)', (i) => service.write({ storeId, writes: { tupleKeys: batch('a', i) } })],
      ["insert 100, on_duplicate 'ignore' (exact path)", (i) => service.write({ storeId, writes: { tupleKeys: batch('b', i), onDuplicate: 'ignore' } })],
      ['delete 100', (i) => service.write({ storeId, deletes: { tupleKeys: batch('a', i) } })],
      ['write 50 + delete 50', (i) => service.write({ storeId, writes: { tupleKeys: batch('c', i).slice(0, 50) }, deletes: { tupleKeys: batch('b', i).slice(0, 50) } })],
    ];
    const writesPerCase = 10;
    for (const [name, run] of cases) {
      const counted = await countQueries(async () => {
        for (let i = 0; i < writesPerCase; i++) await run(i);
      });
      log(`${name}: ${(counted.roundTrips / writesPerCase).toFixed(1)} round trips, ${(counted.statements / writesPerCase).toFixed(1)} statements per Write`);
      log(`  sequence: ${counted.texts.slice(0, counted.roundTrips / writesPerCase).join(' | ')}`);
    }
  } finally {
    await datastore.close();
    await dropSchema(schema);
  }
}

async function throughput(): Promise<void> {
  const run = Date.now().toString(36);
  const schema = `relata_bench_write_${run}`;
  const appName = `relata_bench_write_${run}`;
  const url = `${databaseUrl}${databaseUrl.includes('?') ? '&' : '?'}application_name=${appName}`;
  const env: Record<string, string> = { RELATA_DATASTORE_URL: url, RELATA_DATASTORE_SCHEMA: schema, RELATA_HTTP_ADDR: 'off' };
  if (args.profile) {
    env.NODE_OPTIONS = `--import ${new URL('./lib/cpu-profile.mjs', import.meta.url).pathname}`;
    env.RELATA_BENCH_PROFILE_DIR = args.profile;
  }
  const server = await startServer(env);
  const client = new RelataClient(server.address);
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  try {
    await client.setUp('write-bench', model);
    const cpuBefore = server.usage().cpuSeconds;
    const pgBefore = await postgresCpuSeconds(admin, appName);
    let sent = 0; // warm-up requests reuse the loop's indices: every Write gets a batch of its own
    const summary = await runClosedLoop({ concurrency: writers, requests: writeCount, maxSeconds: 120, warmup: writers }, () => client.write(batch(run, sent++)));
    const cpu = server.usage().cpuSeconds - cpuBefore;
    const pgCpu = cpuSpent(pgBefore, await postgresCpuSeconds(admin, appName));
    const writes = summary.count + (summary.warmup ?? 0);
    // The rows of one transaction share its start time: transactions = distinct times (group commit).
    const [groups] = (await admin.query<{ n: number }>(`SELECT count(DISTINCT at)::int AS n FROM ${schema}.changelog`)).rows;
    log(
      `${writers} writers x ${perWrite}-tuple Writes: ${summary.count} Writes, ${(summary.throughput * perWrite).toFixed(0)} tuples/s (${summary.throughput.toFixed(0)} Writes/s), ` +
        `p50 ${summary.p50.toFixed(2)} ms, p99 ${summary.p99.toFixed(2)} ms, errors ${summary.errors}, CPU per Write: server ${((1e3 * cpu) / writes).toFixed(2)} ms, ` +
        `PostgreSQL ${((1e3 * pgCpu) / writes).toFixed(2)} ms; ${(writes / groups.n).toFixed(1)} Writes per transaction; load ${load()}`,
    );
  } finally {
    client.close();
    await admin.end();
    await server.stop();
    await dropSchema(schema);
  }
}

log(`load average ${load()}`);
if (args.only !== 'throughput') await statementsPerWrite();
if (args.only !== 'statements') for (let r = 0; r < Number(args.rounds); r++) await throughput();
