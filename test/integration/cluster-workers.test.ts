// `relata serve` with RELATA_WORKERS=2 as a real child process on port 0, sharing the real
// PostgreSQL (a schema of its own) and Redis (a key prefix of its own), decision cache on:
//  - both workers end up on the one port the primary logs, and both serve connections;
//  - a delete through one connection is denied on every connection within the staleness bound
//    (the other worker's cache is invalidated across processes);
//  - the primary's /metrics sums the workers' request counters, /healthz is 200;
//  - a worker killed with SIGKILL is replaced and requests keep succeeding;
//  - SIGTERM drains everything: exit 0, no worker left behind;
//  - bad RELATA_WORKERS values, PGlite with workers, a datastore that is down, a port in use.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeModel } from '../../src/transport/grpc/codec-model.js';
import { createGrpcCaller, type GrpcCaller } from '../helpers/grpc-caller.js';
import { runServerToExit, workersOf } from '../helpers/server-process.js';
import { dropTestRedisKeys, dropTestSchema, testDatabaseUrl, testRedisUrl } from '../helpers/services.js';
import { poll } from '../helpers/poll.js';
import { documentViewerModel } from '../helpers/model-builders.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const run = randomUUID().slice(0, 8);
const schema = `relata_cluster_${run}`;
const redisPrefix = `relata:test-cluster-${run}:`;
const stalenessBoundMs = 1_000;
/** Slack on top of the bound for a loaded 2-core machine. */
const marginMs = 4_000;


interface Primary {
  child: ChildProcess;
  grpcPort: number;
  httpPort: number;
  metricsPort: number;
  exit: Promise<number | null>;
  output(): string;
}

/** Spawns the primary and resolves once it logs that every worker listens (the ports it prints). */
async function startPrimary(env: Record<string, string>): Promise<Primary> {
  const child = spawn(process.execPath, ['bin/relata.js', 'serve'], { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const logged = (msg: string): Record<string, unknown> | undefined =>
    text
      .split('\n')
      .filter((line) => line.includes(`"msg":"${msg}"`))
      .map((line) => JSON.parse(line) as Record<string, unknown>)[0];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`workers did not start\n${text}`)), 60_000);
    const onData = (chunk: Buffer): void => {
      text += chunk.toString();
      const listening = logged('relata workers listening');
      const metrics = logged('metrics and health endpoint listening');
      if (!listening || !metrics) return;
      clearTimeout(timer);
      resolve({ child, grpcPort: Number(listening.grpcPort), httpPort: Number(listening.httpPort), metricsPort: Number(metrics.port), exit, output: () => text });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exit.then((code) => reject(new Error(`primary exited with ${code}\n${text}`)));
  });
}

/** Established TCP connections to `port` owned by `pid` (its socket fds matched in /proc/net/tcp). */
function connectionsOn(pid: number, port: number): number {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (match) inodes.add(match[1]!);
    } catch {
      // closed meanwhile
    }
  }
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  return readFileSync('/proc/net/tcp', 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .filter((f) => f[1]?.endsWith(`:${hexPort}`) && f[3] === '01' && inodes.has(f[9]!)).length;
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const tuple = (object: string, user: string) => ({ object, relation: 'viewer', user });

let primary: Primary;
let redis: Redis;
let storeId = '';
let modelId = '';
const callers: GrpcCaller[] = [];
let checksMade = 0;

/** A caller on a connection of its own (grpc-js otherwise shares one subchannel per target). */
function newConnection(): GrpcCaller {
  const caller = createGrpcCaller(`127.0.0.1:${primary.grpcPort}`, { deadlineMs: 10_000, channelOptions: { 'grpc.use_local_subchannel_pool': 1 } });
  callers.push(caller);
  return caller;
}

async function check(caller: GrpcCaller, object: string, user: string): Promise<boolean> {
  checksMade++;
  const { response } = await caller.call<{ allowed: boolean }>('Check', { store_id: storeId, authorization_model_id: modelId, tuple_key: tuple(object, user) });
  return response.allowed;
}

beforeAll(async () => {
  redis = new Redis(testRedisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  primary = await startPrimary({
    RELATA_WORKERS: '2',
    RELATA_DATASTORE_URL: testDatabaseUrl,
    RELATA_DATASTORE_SCHEMA: schema,
    RELATA_DATASTORE_MAX_CONNECTIONS: '4',
    RELATA_REDIS_URL: testRedisUrl,
    RELATA_REDIS_KEY_PREFIX: redisPrefix,
    RELATA_CACHE_STALENESS_MS: String(stalenessBoundMs),
    RELATA_GRPC_ADDR: '127.0.0.1:0',
    RELATA_HTTP_ADDR: '127.0.0.1:0',
    RELATA_METRICS_ADDR: '127.0.0.1:0',
    RELATA_SHUTDOWN_TIMEOUT_MS: '2000',
    RELATA_LOG_LEVEL: 'info',
  });
}, 90_000);

afterAll(async () => {
  for (const caller of callers) caller.close();
  if (primary && primary.child.exitCode === null) {
    for (const pid of workersOf(primary.child.pid!)) process.kill(pid, 'SIGKILL');
    primary.child.kill('SIGKILL');
  }
  await dropTestRedisKeys(redisPrefix);
  if (redis) redis.disconnect();
  await dropTestSchema(schema);
}, 30_000);

describe('RELATA_WORKERS=2 behind one port', () => {
  it('serves gRPC and HTTP on the one port each that it logs, from both workers; a delete is seen on every connection', async () => {
    const workers = workersOf(primary.child.pid!);
    expect(workers).toHaveLength(2);
    expect(primary.grpcPort).toBeGreaterThan(0);
    expect((await fetch(`http://127.0.0.1:${primary.httpPort}/stores`)).status).toBe(200);

    const admin = newConnection();
    const { response: store } = await admin.call<{ id: string }>('CreateStore', { name: 'cluster' });
    storeId = store.id;
    const model = encodeModel(documentViewerModel);
    const { response } = await admin.call<{ authorization_model_id: string }>('WriteAuthorizationModel', {
      store_id: storeId,
      schema_version: model.schema_version,
      type_definitions: model.type_definitions,
      conditions: model.conditions,
    });
    modelId = response.authorization_model_id;
    await admin.call('Write', { store_id: storeId, authorization_model_id: modelId, writes: { tuple_keys: [tuple('document:1', 'user:anne'), tuple('document:2', 'user:bob')] } });

    const connections = Array.from({ length: 12 }, () => newConnection());
    // Twice each: the second answer may come from that worker's cache, which the delete must reach.
    for (let round = 0; round < 2; round++) {
      const answers = await Promise.all(connections.map((caller) => check(caller, 'document:1', 'user:anne')));
      expect(answers.every((allowed) => allowed)).toBe(true);
    }
    const perWorker = workers.map((pid) => connectionsOn(pid, primary.grpcPort));
    expect(perWorker.every((n) => n > 0)).toBe(true);

    await admin.call('Write', { store_id: storeId, authorization_model_id: modelId, deletes: { tuple_keys: [tuple('document:1', 'user:anne')] } });
    const deletedAt = performance.now();
    await Promise.all(connections.map((caller) => poll('every connection to deny the deleted tuple', async () => ((await check(caller, 'document:1', 'user:anne')) ? undefined : true), stalenessBoundMs + marginMs)));
    const seenMs = performance.now() - deletedAt;
    console.log(`cluster: connections per worker ${perWorker.join(' + ')}; delete denied on all 12 connections after ${seenMs.toFixed(0)} ms (bound ${stalenessBoundMs} ms)`);
    expect(await check(connections[0]!, 'document:2', 'user:bob')).toBe(true);
  }, 30_000);

  it('/metrics on the primary sums both workers; /healthz is 200', async () => {
    const text = await (await fetch(`http://127.0.0.1:${primary.metricsPort}/metrics`)).text();
    const served = text
      .split('\n')
      .filter((line) => line.startsWith('relata_requests_total{') && line.includes('method="Check"'))
      .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
    expect(served).toBe(checksMade);
    expect((await fetch(`http://127.0.0.1:${primary.metricsPort}/healthz`)).status).toBe(200);
  });

  it('replaces a worker killed with SIGKILL; requests keep succeeding', async () => {
    const before = workersOf(primary.child.pid!);
    const victim = before[0]!;
    process.kill(victim, 'SIGKILL');
    await poll('the primary to notice', () => (primary.output().includes('"msg":"worker died: starting a replacement"') ? true : undefined), 5_000);
    // Meanwhile the other worker takes every new connection.
    for (let i = 0; i < 4; i++) expect(await check(newConnection(), 'document:2', 'user:bob')).toBe(true);
    const after = await poll('a replacement worker', () => {
      const now = workersOf(primary.child.pid!);
      return now.length === 2 && !now.includes(victim) ? now : undefined;
    }, 30_000);
    expect(after).toContain(before[1]);
    await poll('/healthz 200 with the replacement up', async () => ((await fetch(`http://127.0.0.1:${primary.metricsPort}/healthz`)).status === 200 ? true : undefined), 30_000, 200);
    const connections = Array.from({ length: 6 }, () => newConnection());
    expect((await Promise.all(connections.map((caller) => check(caller, 'document:2', 'user:bob')))).every((allowed) => allowed)).toBe(true);
    expect(connectionsOn(after.find((pid) => pid !== before[1])!, primary.grpcPort)).toBeGreaterThan(0);
  }, 45_000);

  it('SIGTERM drains every worker and exits 0, leaving no worker behind', async () => {
    const workers = workersOf(primary.child.pid!);
    primary.child.kill('SIGTERM');
    expect(await primary.exit).toBe(0);
    expect(workers.filter(alive)).toEqual([]);
  }, 20_000);
});

// Each case is a process start (several seconds under tsx on a loaded machine): they run together.
describe('RELATA_WORKERS refused or failing at start', () => {
  const postgres = { RELATA_DATASTORE_URL: testDatabaseUrl, RELATA_DATASTORE_SCHEMA: schema };
  const exitOf = (env: Record<string, string>) => runServerToExit({ RELATA_METRICS_ADDR: 'off', ...env }, 45_000);

  it('0, -1, 65, abc, and 2 with PGlite exit 2 naming RELATA_WORKERS', async () => {
    const cases: [string, Record<string, string>][] = [
      ['0', postgres],
      ['-1', postgres],
      ['65', postgres],
      ['abc', postgres],
      ['2', { RELATA_DATASTORE_URL: `pglite:/tmp/relata-cluster-${run}` }],
    ];
    // Two at a time: five tsx starts at once on a loaded 2-core machine took over 45 s each.
    const results: Awaited<ReturnType<typeof exitOf>>[] = [];
    for (let i = 0; i < cases.length; i += 2) {
      results.push(...(await Promise.all(cases.slice(i, i + 2).map(([workers, env]) => exitOf({ ...env, RELATA_WORKERS: workers })))));
    }
    results.forEach(({ code, output }, i) => {
      expect({ workers: cases[i]![0], code }).toEqual({ workers: cases[i]![0], code: 2 });
      expect(output).toMatch(/^relata: invalid configuration: RELATA_WORKERS/m);
    });
  }, 150_000);

  it('a datastore that is down, or workers that cannot bind their port: exit 1 with the one line, once', async () => {
    const busy: Server = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as { port: number }).port;
    try {
      const results = await Promise.all([
        exitOf({ RELATA_WORKERS: '2', RELATA_DATASTORE_URL: 'postgres://postgres@127.0.0.1:1/test' }),
        exitOf({ ...postgres, RELATA_WORKERS: '2', RELATA_GRPC_ADDR: `127.0.0.1:${port}` }),
      ]);
      for (const { code, output } of results) {
        expect(code).toBe(1);
        expect(output.match(/^relata: cannot start: /gm)).toHaveLength(1);
      }
      expect(results[1]!.output).toMatch(/^relata: cannot start: .*EADDRINUSE/m);
    } finally {
      busy.close();
    }
  }, 50_000);
});
