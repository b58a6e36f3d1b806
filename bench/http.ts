// `npx tsx bench/http.ts`: HTTP rows beside the gRPC ones on one `relata serve` process (memory
// datastore, decision cache on). Floors: the gRPC no-op (health Check) and the HTTP no-op
// (`GET /relata/bench/noop`: the request frame only, served because RELATA_HTTP_BENCH_NOOP_ROUTE
// is set). Rows: cached Check over gRPC and over HTTP at concurrency 64, the HTTP ones with two
// keep-alive clients (node:http with a keep-alive Agent, and undici as global fetch) so the
// client's own cost shows. Aim (issue 16): cached HTTP Check >= 70% of the HTTP floor.
import { Agent, request } from 'node:http';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { runClosedLoop } from './lib/closed-loop.js';
import { log } from './lib/recorder.js';
import { RelataClient } from './lib/relata-client.js';
import { freePort, startServer } from './lib/server-process.js';
import type { LatencySummary } from './lib/stats.js';

const { values: args } = parseArgs({
  options: { concurrency: { type: 'string', default: '64' }, requests: { type: 'string', default: '20000' }, seconds: { type: 'string', default: '20' } },
});
const concurrency = Number(args.concurrency);
const loop = { concurrency, requests: Number(args.requests), maxSeconds: Number(args.seconds), warmup: 500 };

const httpPort = await freePort();
const server = await startServer({
  RELATA_DATASTORE_URL: 'memory',
  RELATA_HTTP_ADDR: `127.0.0.1:${httpPort}`,
  RELATA_HTTP_BENCH_NOOP_ROUTE: 'true',
  RELATA_LOG_LEVEL: 'warn',
});
const base = `http://127.0.0.1:${httpPort}`;

/** A keep-alive node:http client: one socket per concurrent request, reused. */
const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
function rawHttp(method: string, path: string, body?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = body === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) };
    const req = request({ host: '127.0.0.1', port: httpPort, method, path, agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => (res.statusCode === 200 ? resolve(Buffer.concat(chunks).toString('utf8')) : reject(new Error(`HTTP ${res.statusCode}`))));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function fetchHttp(method: string, path: string, body?: string): Promise<string> {
  const response = await fetch(base + path, { method, body, headers: body === undefined ? undefined : { 'content-type': 'application/json' } });
  const text = await response.text();
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return text;
}

const rows: { name: string; summary: LatencySummary; cpuMicros: number; load: number }[] = [];
async function row(name: string, send: (i: number) => Promise<unknown>): Promise<LatencySummary> {
  const load = loadavg()[0]!;
  const before = server.usage().cpuSeconds;
  const summary = await runClosedLoop(loop, send);
  const cpuMicros = ((server.usage().cpuSeconds - before) * 1e6) / (summary.count + (summary.warmup ?? 0));
  rows.push({ name, summary, cpuMicros, load });
  log(`${name}: ${summary.throughput.toFixed(0)}/s p50 ${summary.p50.toFixed(2)} ms p99 ${summary.p99.toFixed(2)} ms errors ${summary.errors} (server ${cpuMicros.toFixed(0)} µs CPU/request, load ${load.toFixed(1)})`);
  return summary;
}

try {
  // A store with one model and 100 grants; the checks below cycle over them (cache-warm after the warm-up).
  const { id: store } = JSON.parse(await fetchHttp('POST', '/stores', JSON.stringify({ name: 'bench-http' }))) as { id: string };
  const written = await fetchHttp(
    'POST',
    `/stores/${store}/authorization-models`,
    JSON.stringify({
      schema_version: '1.1',
      type_definitions: [
        { type: 'user' },
        { type: 'doc', relations: { viewer: { this: {} } }, metadata: { relations: { viewer: { directly_related_user_types: [{ type: 'user' }] } } } },
      ],
    }),
  );
  const keys = Array.from({ length: 100 }, (_, i) => ({ user: `user:u${i}`, relation: 'viewer', object: `doc:d${i}` }));
  await fetchHttp('POST', `/stores/${store}/write`, JSON.stringify({ writes: { tuple_keys: keys } }));
  const modelId = (JSON.parse(written) as { authorization_model_id: string }).authorization_model_id;
  // Both transports name the model, as SDK clients configured with a model id do.
  const bodies = keys.map((key) => JSON.stringify({ tuple_key: key, authorization_model_id: modelId }));
  const grpc = new RelataClient(server.address);
  grpc.storeId = store;
  grpc.modelId = modelId;

  const checkPath = `/stores/${store}/check`;
  for (let round = 0; round < 2; round++) {
    log(`round ${round + 1}, concurrency ${concurrency}`);
    await row('gRPC no-op (health Check)', () => grpc.ping());
    await row('gRPC cached Check', (i) => grpc.check(keys[i % keys.length]!));
    const rawFloor = await row('HTTP no-op, node:http keep-alive', () => rawHttp('GET', '/relata/bench/noop'));
    const rawCheck = await row('HTTP cached Check, node:http keep-alive', (i) => rawHttp('POST', checkPath, bodies[i % bodies.length]));
    const fetchFloor = await row('HTTP no-op, fetch (undici)', () => fetchHttp('GET', '/relata/bench/noop'));
    const fetchCheck = await row('HTTP cached Check, fetch (undici)', (i) => fetchHttp('POST', checkPath, bodies[i % bodies.length]));
    log(`aim cached HTTP Check >= 70% of HTTP floor: node:http ${((100 * rawCheck.throughput) / rawFloor.throughput).toFixed(0)}%, fetch ${((100 * fetchCheck.throughput) / fetchFloor.throughput).toFixed(0)}%`);
  }
  console.log('\n| row | req/s | p50 ms | p99 ms | errors | server CPU µs/req | load (1 min) |\n|---|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(`| ${r.name} | ${r.summary.throughput.toFixed(0)} | ${r.summary.p50.toFixed(2)} | ${r.summary.p99.toFixed(2)} | ${r.summary.errors} | ${r.cpuMicros.toFixed(0)} | ${r.load.toFixed(1)} |`);
  }
} finally {
  agent.destroy();
  await server.stop();
}
