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
import { ulid } from 'ulid';
import { createClientsAuthMethod, createOidcMethod, createPresharedMethod, type AuthMethod } from '../src/auth/index.js';
import { transformDslToModel } from '../src/dsl/index.js';
import { createApiClientAdmin } from '../src/service/index.js';
import { createPostgresDatastore } from '../src/storage/postgres/index.js';
import { encodeModel } from '../src/transport/grpc/codec-model.js';
import { createGrpcCaller } from '../test/helpers/grpc-caller.js';
import { signToken, startJwksServer, testKey } from '../test/helpers/jwks-server.js';
import { dropTestSchema, testDatabaseUrl } from '../test/helpers/services.js';
import { compareInRounds, median, parseNumericArgs } from './lib/alternating-rounds.js';
import { startServer, type ServerProcess } from './lib/server-process.js';

const modes = ['none', 'preshared', 'clients', 'oidc'] as const;
type Mode = (typeof modes)[number];


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
  const options = parseNumericArgs(process.argv.slice(2), { concurrency: 64, requests: 20_000, rounds: 4, seconds: 10 });
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

    const variants = modes.map((mode) => ({ name: mode, server: servers.get(mode)!, metadata: authorization[mode] ? { authorization: authorization[mode] } : undefined }));
    const check = { store_id: store, tuple_key: { object: 'document:1', relation: 'viewer', user: 'user:anne' } };
    await compareInRounds('cached Check (L1 hit)', variants, { method: 'Check', message: check }, options);
  } finally {
    await Promise.all([...servers.values()].map((server) => server.stop()));
    await idp.close();
    await datastore.close();
    await dropTestSchema(schema);
  }
}

await main();
