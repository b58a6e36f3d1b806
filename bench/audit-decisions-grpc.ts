// The decision log's cost as the issue states its aim: cached Check throughput over gRPC at
// concurrency 64, decision logging off vs on. Three `relata serve` processes over one PostgreSQL
// schema, identical but for RELATA_AUDIT_DECISIONS (off; all: every decision logged, sealed on
// the log's worker thread and appended to PostgreSQL in batches; all with a 10% sample), sent the
// same Check (an L1 hit after warm-up) in alternating rounds (bench/lib/alternating-rounds.ts).
// The in-process bench (bench/audit-decisions.ts) isolates the log's own cost per decision.
// Server CPU is the whole process (the log's worker thread included); PostgreSQL CPU is that of
// the backends serving each server (by application_name), both per request.
// Usage: npx tsx bench/audit-decisions-grpc.ts [--rounds 4] [--seconds 10] [--concurrency 64] [--requests 20000]
// RELATA_BENCH_PROFILE_DIR=dir profiles each server's main thread (lib/cpu-profile.mjs) into dir.
import pg from 'pg';
import { ulid } from 'ulid';
import { transformDslToModel } from '../src/dsl/index.js';
import { createPostgresDatastore } from '../src/storage/postgres/index.js';
import { encodeModel } from '../src/transport/grpc/codec-model.js';
import { createGrpcCaller } from '../test/helpers/grpc-caller.js';
import { dropTestSchema, testDatabaseUrl } from '../test/helpers/services.js';
import { compareInRounds, parseNumericArgs } from './lib/alternating-rounds.js';
import { postgresCpuSeconds, withApplicationName } from './lib/postgres-cpu.js';
import { startServer, type ServerProcess } from './lib/server-process.js';

const options = parseNumericArgs(process.argv.slice(2), { concurrency: 64, requests: 20_000, rounds: 4, seconds: 10 });
const schema = `relata_bench_decisions_${ulid().toLowerCase()}`;
const datastore = await createPostgresDatastore({ connectionString: testDatabaseUrl, schema, maxConnections: 2 });
await datastore.migrate();
const env: Record<string, string> = { RELATA_DATASTORE_SCHEMA: schema, RELATA_LOG_LEVEL: 'warn', RELATA_HTTP_ADDR: 'off', RELATA_METRICS_ADDR: 'off' };
if (process.env.RELATA_BENCH_PROFILE_DIR) env.NODE_OPTIONS = `--import ${new URL('./lib/cpu-profile.mjs', import.meta.url).pathname}`;
const admin = new pg.Client({ connectionString: testDatabaseUrl });
await admin.connect();
const applicationName = (i: number): string => `${schema}_${i}`;
const settings: Record<string, Record<string, string>> = {
  'log off': { RELATA_AUDIT_DECISIONS: 'off' },
  'log all': { RELATA_AUDIT_DECISIONS: 'all' },
  'log all 10%': { RELATA_AUDIT_DECISIONS: 'all', RELATA_AUDIT_DECISION_SAMPLE: '0.1' },
};
const servers: ServerProcess[] = [];
try {
  for (const [i, extra] of Object.values(settings).entries()) {
    servers.push(await startServer({ ...env, RELATA_DATASTORE_URL: withApplicationName(testDatabaseUrl, applicationName(i)), ...extra }));
  }
  const setup = createGrpcCaller(servers[0].address);
  const store = (await setup.call<{ id: string }>('CreateStore', { name: 'bench decision log' })).response.id;
  const model = encodeModel(transformDslToModel('model\n  schema 1.1\ntype user\ntype document\n  relations\n    define viewer: [user]\n'));
  await setup.call('WriteAuthorizationModel', { store_id: store, schema_version: model.schema_version, type_definitions: model.type_definitions });
  await setup.call('Write', { store_id: store, writes: { tuple_keys: [{ object: 'document:1', relation: 'viewer', user: 'user:anne' }] } });
  setup.close();
  const variants = Object.keys(settings).map((name, i) => ({ name, server: servers[i], postgresCpu: () => postgresCpuSeconds(admin, applicationName(i)) }));
  const check = { store_id: store, tuple_key: { object: 'document:1', relation: 'viewer', user: 'user:anne' } };
  await compareInRounds('cached Check (L1 hit) with the decision log', variants, { method: 'Check', message: check }, options);
  const [row] = await datastore.queryAudit({ storeId: store, kind: 'decision' }, { pageSize: 1 }).then((page) => page.items);
  console.log(`decision records written: ${row ? 'yes' : 'none'} (newest: ${row?.at.toISOString() ?? '-'})`);
} finally {
  await Promise.all(servers.map((server) => server.stop()));
  await datastore.close();
  await admin.end();
  await dropTestSchema(schema);
}
