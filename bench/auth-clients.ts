// Cached Check with `clients` authentication on vs off: the cost of authenticating every call
// with a warm API client key (SHA-256 of the key + an LRU lookup + allowlist/rate checks).
//
//   npx tsx bench/auth-clients.ts [--concurrency 64] [--requests 20000] [--rounds 3] [--seconds 20]
//
// Two server processes over one PostgreSQL schema, one with RELATA_AUTHN_METHOD=none (loopback)
// and one with clients, measured in alternating rounds (off, on, off, on, ...) so that drifting
// machine load hits both alike. Every request is the same Check (an L1 cache hit after warm-up).
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { credentials, Metadata, type Client, type MethodDefinition } from '@grpc/grpc-js';
import { ulid } from 'ulid';
import { transformDslToModel } from '../src/dsl/index.js';
import { createApiClientAdmin } from '../src/service/index.js';
import { createPostgresDatastore } from '../src/storage/postgres/index.js';
import { encodeModel } from '../src/transport/grpc/codec-model.js';
import { relataGrpcServices } from '../src/transport/grpc/index.js';
import { createClientsAuthMethod, formatApiKey, generateSecret, hashSecret } from '../src/auth/index.js';
import { MemoryDatastore } from '../src/storage/memory/index.js';
import { createGrpcCaller } from '../test/helpers/grpc-caller.js';
import { dropTestSchema, testDatabaseUrl } from '../test/helpers/services.js';
import { runClosedLoop } from './lib/closed-loop.js';
import { startServer, type ServerProcess } from './lib/server-process.js';
import { formatMs, type LatencySummary } from './lib/stats.js';

function parseArgs(argv: string[]) {
  const options = { concurrency: 64, requests: 20_000, rounds: 3, seconds: 20 };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '') as keyof typeof options;
    if (!(key in options)) throw new Error(`unknown option ${argv[i]}`);
    options[key] = Number(argv[i + 1]);
  }
  return options;
}

type AnyMethod = MethodDefinition<object, unknown>;

/** The method alone, in process: a warm key's authenticate (SHA-256 + LRU + allowlist + rate bucket). */
async function warmAuthenticateCost(): Promise<void> {
  const repo = new MemoryDatastore().apiClients;
  const id = ulid();
  const secret = generateSecret();
  await repo.createApiClient({ id, name: 'micro', secretHash: await hashSecret(secret), scopes: { '*': ['check'] }, allowedCidrs: ['10.0.0.0/8'], rateLimit: { perSecond: 1e6, burst: 1e6 } });
  const method = createClientsAuthMethod({ clients: repo });
  const key = formatApiKey(id, secret);
  const call = { authorization: undefined, peerAddress: '::ffff:10.1.2.3' };
  const coldStart = performance.now();
  await method.authenticate(key, call);
  const coldMs = performance.now() - coldStart;
  const ops = 200_000;
  for (let i = 0; i < 10_000; i++) await method.authenticate(key, call);
  const start = process.hrtime.bigint();
  for (let i = 0; i < ops; i++) await method.authenticate(key, call);
  const nsPerOp = Number(process.hrtime.bigint() - start) / ops;
  await method.close();
  console.log(`clients method in process: first call (scrypt ln=15) ${coldMs.toFixed(1)} ms, warm call ${(nsPerOp / 1000).toFixed(2)} µs (load average ${loadavg()[0].toFixed(1)})\n`);
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  await warmAuthenticateCost();
  const schema = `relata_bench_auth_${ulid().toLowerCase()}`;
  const datastore = await createPostgresDatastore({ connectionString: testDatabaseUrl, schema, maxConnections: 2 });
  await datastore.migrate();
  const admin = createApiClientAdmin(datastore.apiClients);
  const adminKey = (await admin.create({ name: 'bench admin', grants: [{ store: '*', scopes: ['admin', 'model', 'write', 'check'] }] })).key;
  const env = { RELATA_DATASTORE_URL: testDatabaseUrl, RELATA_DATASTORE_SCHEMA: schema, RELATA_LOG_LEVEL: 'warn' };
  const servers: Record<'off' | 'on', ServerProcess | undefined> = { off: undefined, on: undefined };
  try {
    servers.off = await startServer({ ...env, RELATA_AUTHN_METHOD: 'none' });
    servers.on = await startServer({ ...env, RELATA_AUTHN_METHOD: 'clients' });
    const setup = createGrpcCaller(servers.on.address, { metadata: { authorization: `Bearer ${adminKey}` } });
    const store = (await setup.call<{ id: string }>('CreateStore', { name: 'bench auth' })).response.id;
    const model = encodeModel(transformDslToModel('model\n  schema 1.1\ntype user\ntype document\n  relations\n    define viewer: [user]\n'));
    await setup.call('WriteAuthorizationModel', { store_id: store, schema_version: model.schema_version, type_definitions: model.type_definitions });
    await setup.call('Write', { store_id: store, writes: { tuple_keys: [{ object: 'document:1', relation: 'viewer', user: 'user:anne' }] } });
    setup.close();
    const checkKey = (await admin.create({ name: 'bench check', grants: [{ store, scopes: ['check'] }], ratePerSecond: 1_000_000 })).key;

    const services = relataGrpcServices();
    const method = services.openfga.service['Check'] as AnyMethod;
    const bytes = method.requestSerialize({ store_id: store, tuple_key: { object: 'document:1', relation: 'viewer', user: 'user:anne' } });
    const run = async (mode: 'off' | 'on'): Promise<LatencySummary> => {
      const client: Client = new services.openfga(servers[mode]!.address, credentials.createInsecure());
      const metadata = new Metadata();
      if (mode === 'on') metadata.set('authorization', `Bearer ${checkKey}`);
      const send = (): Promise<unknown> =>
        new Promise((resolve, reject) =>
          client.makeUnaryRequest(method.path, (b: Buffer) => b, method.responseDeserialize, bytes, metadata.clone(), {}, (error, response) => (error ? reject(error) : resolve(response))),
        );
      try {
        return await runClosedLoop({ concurrency: options.concurrency, requests: options.requests, maxSeconds: options.seconds, warmup: 500 }, send);
      } finally {
        client.close();
      }
    };

    const results: Record<'off' | 'on', LatencySummary[]> = { off: [], on: [] };
    const loads: number[] = [];
    for (let round = 0; round < options.rounds; round++) {
      for (const mode of ['off', 'on'] as const) {
        loads.push(loadavg()[0]);
        const summary = await run(mode);
        if (summary.errors > 0) throw new Error(`${mode}: ${summary.errors} failed requests`);
        results[mode].push(summary);
        console.log(`round ${round + 1} auth ${mode.padEnd(3)}: ${summary.throughput.toFixed(0).padStart(6)} req/s  p50 ${formatMs(summary.p50)} ms  p99 ${formatMs(summary.p99)} ms`);
      }
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    const off = { rps: median(results.off.map((r) => r.throughput)), p50: median(results.off.map((r) => r.p50)) };
    const on = { rps: median(results.on.map((r) => r.throughput)), p50: median(results.on.map((r) => r.p50)) };
    console.log(`\ncached Check, concurrency ${options.concurrency}, median of ${options.rounds} rounds (load average during runs ${Math.min(...loads).toFixed(1)}-${Math.max(...loads).toFixed(1)})`);
    console.log(`| auth | req/s | p50 ms |`);
    console.log(`|---|---:|---:|`);
    console.log(`| none | ${off.rps.toFixed(0)} | ${formatMs(off.p50)} |`);
    console.log(`| clients | ${on.rps.toFixed(0)} (${((on.rps / off.rps) * 100).toFixed(1)}%) | ${formatMs(on.p50)} (${on.p50 - off.p50 >= 0 ? '+' : ''}${(on.p50 - off.p50).toFixed(3)}) |`);
  } finally {
    await servers.off?.stop();
    await servers.on?.stop();
    await datastore.close();
    await dropTestSchema(schema);
  }
}

await main();
