// What a large WriteAuthorizationModel (the 2,500-relation chain of grpc-stall: 160 KB of protobuf,
// 450 KB of JSON) costs the server's event loop, over gRPC and over HTTP: the loop delay seen while
// small Checks run beside the writes (relata_event_loop_delay_seconds, p99 and max), and the main
// thread's CPU per write (/proc/<pid>/task/<pid>/stat: the worker thread's CPU is not in it).
// Runs this checkout and, with `--base <dir>`, another one (e.g. `git archive <commit>` unpacked
// with node_modules linked) in alternating rounds. The requests are serialized once, up front, so
// the client's own encoding does not delay its Checks.
//   npx tsx bench/model-write-stall.ts [--base /tmp/base] [--rounds 3] [--writes 6]
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { Client, credentials, type ServiceError } from '@grpc/grpc-js';
import { transformDslToModel } from '../src/dsl/index.js';
import { encodeModel } from '../src/transport/grpc/codec-model.js';
import { relataPackageDefinition } from '../src/transport/grpc/proto.js';
import { sharedBranchChainDsl } from '../test/helpers/generated-models.js';
import { dropTestSchema, testDatabaseUrl } from '../test/helpers/services.js';
import { freePort, startServer, type LoopDelay, type ServerProcess } from './lib/server-process.js';

function argument(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : fallback;
}

/** CPU seconds of one thread (the main thread's tid is the pid). */
function threadCpuSeconds(pid: number, tid: number): number {
  const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const methods = relataPackageDefinition()['openfga.v1.OpenFGAService'] as unknown as Record<string, { path: string; requestSerialize(value: object): Buffer }>;

interface Target {
  name: string;
  server: ServerProcess;
  grpc: Client;
  httpBase: string;
  schema: string;
  storeId: string;
  modelId: string;
}

function unaryRaw(client: Client, method: string, bytes: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    client.makeUnaryRequest(methods[method].path, (b: Buffer) => b, (b: Buffer) => b, bytes, (error: ServiceError | null) => (error ? reject(error) : resolve()));
  });
}

async function httpCall(base: string, path: string, body: string): Promise<unknown> {
  const response = await fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const text = await response.text();
  if (!response.ok) throw new Error(`HTTP ${response.status}: ${text.slice(0, 200)}`);
  return JSON.parse(text);
}

async function startTarget(name: string, root: string | undefined): Promise<Target> {
  const schema = `modeldecode_bench_${name}_${Date.now().toString(36)}`;
  const httpPort = await freePort();
  const server = await startServer({ RELATA_DATASTORE_URL: testDatabaseUrl, RELATA_DATASTORE_SCHEMA: schema, RELATA_HTTP_ADDR: `127.0.0.1:${httpPort}`, RELATA_RUNTIME: 'tsx' }, { root });
  const httpBase = `http://127.0.0.1:${httpPort}`;
  const grpc = new Client(server.address, credentials.createInsecure());
  const { id: storeId } = (await httpCall(httpBase, '/stores', JSON.stringify({ name: `bench ${name}` }))) as { id: string };
  const small = transformDslToModel('model\n  schema 1.1\ntype user\ntype document\n  relations\n    define viewer: [user]\n');
  const { authorization_model_id: modelId } = (await httpCall(httpBase, `/stores/${storeId}/authorization-models`, JSON.stringify(small))) as { authorization_model_id: string };
  return { name, server, grpc, httpBase, schema, storeId, modelId };
}

interface Sample {
  delay: LoopDelay;
  mainCpuMsPerWrite: number;
  checks: number;
}

async function phase(target: Target, transport: 'grpc' | 'http', writes: number, bodies: { grpc: (storeId: string) => Buffer; http: string }): Promise<Sample> {
  const { server } = target;
  const grpcBody = bodies.grpc(target.storeId);
  const write = transport === 'grpc'
    ? () => unaryRaw(target.grpc, 'WriteAuthorizationModel', grpcBody)
    : () => httpCall(target.httpBase, `/stores/${target.storeId}/authorization-models`, bodies.http);
  const checkBytes = methods.Check.requestSerialize({ store_id: target.storeId, authorization_model_id: target.modelId, tuple_key: { object: 'document:1', relation: 'viewer', user: 'user:anne' } });
  const checkBody = JSON.stringify({ authorization_model_id: target.modelId, tuple_key: { object: 'document:1', relation: 'viewer', user: 'user:anne' } });
  const check = transport === 'grpc' ? () => unaryRaw(target.grpc, 'Check', checkBytes) : () => httpCall(target.httpBase, `/stores/${target.storeId}/check`, checkBody);

  // The main thread's CPU per write, with nothing else running.
  const cpuBefore = threadCpuSeconds(server.pid, server.pid);
  for (let i = 0; i < writes; i++) await write();
  const mainCpuMsPerWrite = ((threadCpuSeconds(server.pid, server.pid) - cpuBefore) * 1000) / writes;

  // The loop delay while 2 callers check and the writes run one after another.
  await server.loopDelay();
  let writing = true;
  let checks = 0;
  const checker = async () => {
    while (writing) {
      await check();
      checks++;
    }
  };
  const running = [checker(), checker()];
  for (let i = 0; i < writes; i++) await write();
  writing = false;
  await Promise.all(running);
  return { delay: (await server.loopDelay())!, mainCpuMsPerWrite, checks };
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  const base = argument('base', '');
  const rounds = Number(argument('rounds', '3'));
  const writes = Number(argument('writes', '6'));
  const json = transformDslToModel(sharedBranchChainDsl(2_500));
  const chain = encodeModel(json);
  const bodies = {
    grpc: (storeId: string) => methods.WriteAuthorizationModel.requestSerialize({ store_id: storeId, ...chain }),
    http: JSON.stringify({ schema_version: json.schema_version, type_definitions: json.type_definitions }),
  };
  console.log(`model: ${bodies.grpc('01HZX3K6Q3W1V0Y8B5M2N4P6R8').length} bytes of protobuf, ${bodies.http.length} of JSON; ${writes} writes per phase, ${rounds} rounds`);
  const targets = [await startTarget('after', undefined)];
  if (base) targets.unshift(await startTarget('before', base));
  try {
    for (const target of targets) {
      // Warm-up: the first writes run cold (JIT, the worker's start and its first imports).
      await phase(target, 'grpc', 2, bodies);
      await phase(target, 'http', 2, bodies);
    }
    const samples = new Map<string, Sample[]>();
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? targets : [...targets].reverse();
      for (const target of order) {
        for (const transport of ['grpc', 'http'] as const) {
          const sample = await phase(target, transport, writes, bodies);
          const key = `${target.name} ${transport}`;
          samples.set(key, [...(samples.get(key) ?? []), sample]);
          console.log(`round ${round + 1} ${key}: loop delay p99 ${sample.delay.p99Ms.toFixed(1)} ms, max ${sample.delay.maxMs.toFixed(1)} ms; main thread ${sample.mainCpuMsPerWrite.toFixed(1)} ms CPU per write; ${sample.checks} checks; load ${loadavg()[0].toFixed(2)}`);
        }
      }
    }
    console.log('\nmedians over rounds:');
    for (const [key, list] of samples) {
      console.log(`  ${key.padEnd(12)} loop delay p99 ${median(list.map((s) => s.delay.p99Ms)).toFixed(1)} ms, max ${median(list.map((s) => s.delay.maxMs)).toFixed(1)} ms; main-thread CPU ${median(list.map((s) => s.mainCpuMsPerWrite)).toFixed(1)} ms per write`);
    }
    console.log(`load average: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  } finally {
    for (const target of targets) {
      target.grpc.close();
      await target.server.stop();
      await dropTestSchema(target.schema);
    }
  }
}

await main();
