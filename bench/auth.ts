// `tsx bench/auth.ts`: the cost of each authentication method on the hottest path, in one run.
//
//   npx tsx bench/auth.ts [--concurrency 64] [--requests 20000] [--rounds 4] [--seconds 10]
//
// Four server processes over one PostgreSQL schema, identical but for RELATA_AUTHN_METHOD: none
// (loopback), preshared, clients (a warm API client key) and oidc (an RS256 JWT against a local
// JWKS server). Every request is the same Check, an L1 cache hit after warm-up, so what differs is
// the authentication. The modes run in alternating rounds (the order rotating each round) and
// each round's rows are compared with that round's `none` row, so drifting machine load weighs
// on all alike; the table gives per-mode medians and the median of the per-round ratios, and the
// server process's CPU time per request (user + system from /proc), which load inflates far less
// than throughput or latency.
// First, in this process, each method's own cost per warm call in CPU time (user + system), which
// load inflates far less than wall time; the methods are measured in alternating repetitions.
// The full `npm run bench` runs the preshared row on PostgreSQL + Redis replicas (auth-rows.ts).
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { credentials, Metadata, type Client, type MethodDefinition } from '@grpc/grpc-js';
import { ulid } from 'ulid';
import { createClientsAuthMethod, createOidcMethod, createPresharedMethod, type AuthMethod } from '../src/auth/index.js';
import { transformDslToModel } from '../src/dsl/index.js';
import { createApiClientAdmin } from '../src/service/index.js';
import { createPostgresDatastore } from '../src/storage/postgres/index.js';
import { encodeModel } from '../src/transport/grpc/codec-model.js';
import { relataGrpcServices } from '../src/transport/grpc/index.js';
import { createGrpcCaller } from '../test/helpers/grpc-caller.js';
import { signToken, startJwksServer, testKey } from '../test/helpers/jwks-server.js';
import { dropTestSchema, testDatabaseUrl } from '../test/helpers/services.js';
import { runClosedLoop } from './lib/closed-loop.js';
import { startServer, type ServerProcess } from './lib/server-process.js';
import { formatMs, type LatencySummary } from './lib/stats.js';

const modes = ['none', 'preshared', 'clients', 'oidc'] as const;
type Mode = (typeof modes)[number];

function parseArgs(argv: string[]) {
  const options = { concurrency: 64, requests: 20_000, rounds: 4, seconds: 10 };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '') as keyof typeof options;
    if (!(key in options)) throw new Error(`unknown option ${argv[i]}`);
    options[key] = Number(argv[i + 1]);
  }
  return options;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** CPU µs per authenticate() of a warm credential, per method, median of alternating repetitions. */
async function methodCpuCost(methods: Record<Exclude<Mode, 'none'>, { method: AuthMethod; bearer: string }>): Promise<void> {
  const call = { authorization: undefined, peerAddress: '127.0.0.1' };
  const ops = 20_000;
  const samples = new Map<string, number[]>();
  for (const { method, bearer } of Object.values(methods)) for (let i = 0; i < 2_000; i++) await method.authenticate(bearer, call);
  for (let rep = 0; rep < 5; rep++) {
    for (const [name, { method, bearer }] of Object.entries(methods)) {
      const before = process.cpuUsage();
      for (let i = 0; i < ops; i++) await method.authenticate(bearer, call);
      const used = process.cpuUsage(before);
      samples.set(name, [...(samples.get(name) ?? []), (used.user + used.system) / ops]);
    }
  }
  console.log(`authenticate() of a warm credential, in process, CPU µs per call (median of 5 alternating repetitions of ${ops}; load average ${loadavg()[0].toFixed(1)}):`);
  for (const [name, values] of samples) console.log(`  ${name.padEnd(9)} ${median(values).toFixed(1)} µs`);
  console.log('');
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const schema = `relata_bench_auth_${ulid().toLowerCase()}`;
  const datastore = await createPostgresDatastore({ connectionString: testDatabaseUrl, schema, maxConnections: 2 });
  await datastore.migrate();
  const idpKey = await testKey('bench-rsa', 'RS256');
  const idp = await startJwksServer([idpKey]);
  const presharedKey = randomBytes(32).toString('base64url');
  const env = { RELATA_DATASTORE_URL: testDatabaseUrl, RELATA_DATASTORE_SCHEMA: schema, RELATA_LOG_LEVEL: 'warn', RELATA_HTTP_ADDR: 'off', RELATA_METRICS_ADDR: 'off' };
  const methodEnv: Record<Mode, Record<string, string>> = {
    none: { RELATA_AUTHN_METHOD: 'none' },
    preshared: { RELATA_AUTHN_METHOD: 'preshared', RELATA_AUTHN_PRESHARED_KEYS: presharedKey },
    clients: { RELATA_AUTHN_METHOD: 'clients' },
    oidc: { RELATA_AUTHN_METHOD: 'oidc', RELATA_AUTHN_OIDC_ISSUER: idp.issuer, RELATA_AUTHN_OIDC_JWKS_URL: idp.jwksUrl, RELATA_AUTHN_OIDC_AUDIENCE: 'relata' },
  };
  const servers = new Map<Mode, ServerProcess>();
  try {
    for (const mode of modes) servers.set(mode, await startServer({ ...env, ...methodEnv[mode] }));
    const setup = createGrpcCaller(servers.get('none')!.address);
    const store = (await setup.call<{ id: string }>('CreateStore', { name: 'bench auth' })).response.id;
    const model = encodeModel(transformDslToModel('model\n  schema 1.1\ntype user\ntype document\n  relations\n    define viewer: [user]\n'));
    await setup.call('WriteAuthorizationModel', { store_id: store, schema_version: model.schema_version, type_definitions: model.type_definitions });
    await setup.call('Write', { store_id: store, writes: { tuple_keys: [{ object: 'document:1', relation: 'viewer', user: 'user:anne' }] } });
    setup.close();
    const clientKey = (await createApiClientAdmin(datastore.apiClients).create({ name: 'bench check', grants: [{ store, scopes: ['check'] }], ratePerSecond: 1_000_000 })).key;
    const jwt = await signToken(idpKey, idp.issuer, { scope: `relata:store:${store}:check`, exp: Math.floor(Date.now() / 1000) + 24 * 3600 });
    await methodCpuCost({
      preshared: { method: createPresharedMethod([presharedKey]), bearer: presharedKey },
      clients: { method: createClientsAuthMethod({ clients: datastore.apiClients }), bearer: clientKey },
      oidc: {
        method: createOidcMethod({ issuer: idp.issuer, audience: ['relata'], jwksUrl: idp.jwksUrl, clockToleranceSec: 5, algorithms: ['RS256'], scopeClaim: 'scope', jwksCooldownMs: 30_000, jwksMaxAgeMs: 600_000 }),
        bearer: jwt,
      },
    });
    const authorization: Record<Mode, string | undefined> = { none: undefined, preshared: `Bearer ${presharedKey}`, clients: `Bearer ${clientKey}`, oidc: `Bearer ${jwt}` };

    const services = relataGrpcServices();
    const method = services.openfga.service['Check'] as MethodDefinition<object, unknown>;
    const bytes = method.requestSerialize({ store_id: store, tuple_key: { object: 'document:1', relation: 'viewer', user: 'user:anne' } });
    const run = async (mode: Mode): Promise<LatencySummary & { cpuUs: number }> => {
      const server = servers.get(mode)!;
      const cpuBefore = server.usage().cpuSeconds;
      const summary = await send(mode);
      const requests = summary.count + summary.errors + (summary.warmup ?? 0);
      return { ...summary, cpuUs: ((server.usage().cpuSeconds - cpuBefore) * 1e6) / requests };
    };
    async function send(mode: Mode): Promise<LatencySummary> {
      const client: Client = new services.openfga(servers.get(mode)!.address, credentials.createInsecure());
      const metadata = new Metadata();
      const header = authorization[mode];
      if (header) metadata.set('authorization', header);
      const send = (): Promise<unknown> =>
        new Promise((resolve, reject) =>
          client.makeUnaryRequest(method.path, (b: Buffer) => b, method.responseDeserialize, bytes, metadata.clone(), {}, (error, response) => (error ? reject(error) : resolve(response))),
        );
      try {
        return await runClosedLoop({ concurrency: options.concurrency, requests: options.requests, maxSeconds: options.seconds, warmup: 500 }, send);
      } finally {
        client.close();
      }
    }

    const results = new Map<Mode, (LatencySummary & { cpuUs: number })[]>(modes.map((mode) => [mode, []]));
    const ratios = new Map<Mode, { rps: number[]; p50: number[]; cpu: number[] }>(modes.map((mode) => [mode, { rps: [], p50: [], cpu: [] }]));
    const loads: number[] = [];
    for (let round = 0; round < options.rounds; round++) {
      const order = modes.map((_, i) => modes[(i + round) % modes.length]);
      const row = new Map<Mode, LatencySummary & { cpuUs: number }>();
      for (const mode of order) {
        loads.push(loadavg()[0]);
        const summary = await run(mode);
        if (summary.errors > 0) throw new Error(`${mode}: ${summary.errors} failed requests`);
        row.set(mode, summary);
        results.get(mode)!.push(summary);
        console.log(`round ${round + 1} ${mode.padEnd(9)}: ${summary.throughput.toFixed(0).padStart(6)} req/s  p50 ${formatMs(summary.p50)} ms  p99 ${formatMs(summary.p99)} ms  server CPU ${summary.cpuUs.toFixed(0)} µs/req`);
      }
      const off = row.get('none')!;
      for (const mode of modes) {
        ratios.get(mode)!.rps.push(row.get(mode)!.throughput / off.throughput);
        ratios.get(mode)!.p50.push(row.get(mode)!.p50 - off.p50);
        ratios.get(mode)!.cpu.push(row.get(mode)!.cpuUs / off.cpuUs);
      }
    }
    console.log(
      `\ncached Check (L1 hit), concurrency ${options.concurrency}, ${options.rounds} alternating rounds; load average during runs ${Math.min(...loads).toFixed(1)}-${Math.max(...loads).toFixed(1)}`,
    );
    console.log('| auth | req/s (median) | p50 ms (median) | req/s vs none (median of per-round ratios) | p50 vs none (median of per-round deltas) | server CPU µs/req (median) | CPU vs none (median of ratios) |');
    console.log('|---|---:|---:|---:|---:|---:|---:|');
    for (const mode of modes) {
      const rows = results.get(mode)!;
      const r = ratios.get(mode)!;
      const delta = median(r.p50);
      console.log(
        `| ${mode} | ${median(rows.map((s) => s.throughput)).toFixed(0)} | ${formatMs(median(rows.map((s) => s.p50)))} | ${(100 * median(r.rps)).toFixed(1)}% | ${delta >= 0 ? '+' : ''}${delta.toFixed(3)} ms | ${median(rows.map((x) => x.cpuUs)).toFixed(0)} | ${(100 * median(r.cpu)).toFixed(1)}% |`,
      );
    }
  } finally {
    await Promise.all([...servers.values()].map((server) => server.stop()));
    await idp.close();
    await datastore.close();
    await dropTestSchema(schema);
  }
}

await main();
