// The HTTP twin of grpc-stall for model writes: a model near the size limit, written as JSON, is
// decoded and checked on the model worker, so the server's event loop keeps answering small
// Checks meanwhile. The server runs as its own process (as deployed) and reports the delay itself
// (relata_event_loop_delay_seconds), so the client's own work is not counted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transformDslToModel } from '../../src/dsl/index.js';
import { sharedBranchChainDsl } from '../helpers/generated-models.js';
import { createHttpClient, HttpCallError, type HttpClient } from '../helpers/http-client.js';
import { freePort, startServer, type ServerProcess } from '../helpers/server-process.js';
import { dropTestSchema, testDatabaseUrl } from '../helpers/services.js';

const schema = `relata_http_stall_${Date.now().toString(36)}`;
let server: ServerProcess;
let http: HttpClient;
let base: string;
let storeId: string;
let modelId: string;

beforeAll(async () => {
  const httpAddr = `127.0.0.1:${await freePort()}`;
  server = await startServer({ RELATA_DATASTORE_URL: testDatabaseUrl, RELATA_DATASTORE_SCHEMA: schema, RELATA_HTTP_ADDR: httpAddr });
  base = `http://${httpAddr}`;
  http = createHttpClient(base);
  storeId = (await http.call<{ id: string }>('POST', '/stores', { name: 'http-stall' })).id;
  const small = transformDslToModel('model\n  schema 1.1\ntype user\ntype document\n  relations\n    define viewer: [user]\n');
  modelId = (await http.call<{ authorization_model_id: string }>('POST', `/stores/${storeId}/authorization-models`, small)).authorization_model_id;
});

afterAll(async () => {
  await server?.stop();
  await dropTestSchema(schema);
});

describe('a large model written over HTTP does not stall the event loop', () => {
  // Built before any window opens: compiling the DSL is the test's work, not the server's.
  const chain = transformDslToModel(sharedBranchChainDsl(2_500));
  // Serialized once: the client's own encoding would otherwise delay its Checks.
  const body = JSON.stringify({ schema_version: chain.schema_version, type_definitions: chain.type_definitions });
  const writeModel = async (): Promise<number> => {
    const response = await fetch(`${base}/stores/${storeId}/authorization-models`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(response.status).toBe(201);
    return ((await response.json()) as { authorization_model_id: string }).authorization_model_id.length;
  };
  const check = () => http.call<{ allowed: boolean }>('POST', `/stores/${storeId}/check`, { authorization_model_id: modelId, tuple_key: { object: 'document:1', relation: 'viewer', user: 'user:anne' } });

  it('holds the loop well under 250 ms per write (after one warm-up write)', async () => {
    expect(body.length).toBeGreaterThan(400_000);
    await writeModel();
    const delays: number[] = [];
    for (let i = 0; i < 3; i++) {
      await server.loopDelay(); // opens the server's window
      expect(await writeModel()).toBe(26);
      delays.push((await server.loopDelay())!.maxMs);
    }
    console.log(`[http-stall] one write at a time: loop delay max ${delays.map((d) => d.toFixed(1)).join(', ')} ms`);
    for (const delay of delays) expect(delay).toBeLessThan(250);
  });

  it('keeps answering small Checks while several large writes run', async () => {
    await server.loopDelay();
    let writing = true;
    const writes = Promise.all([writeModel(), writeModel(), writeModel()]).finally(() => {
      writing = false;
    });
    const latencies: number[] = [];
    while (writing) {
      const started = performance.now();
      expect((await check()).allowed).toBe(false);
      latencies.push(performance.now() - started);
    }
    await writes;
    const delay = (await server.loopDelay())!;
    latencies.sort((a, b) => a - b);
    console.log(`[http-stall] 3 concurrent writes: ${latencies.length} checks, slowest ${latencies.at(-1)!.toFixed(1)} ms; loop delay p99 ${delay.p99Ms.toFixed(1)} ms, max ${delay.maxMs.toFixed(1)} ms`);
    expect(delay.maxMs).toBeLessThan(250);
  });

  it('refuses a malformed model from the worker with the same error as before', async () => {
    const bad = { schema_version: '1.1', type_definitions: [{ type: 'doc', relations: { v: { computedUserset: { relation: 'missing' } } } }] };
    const failure = await http.call('POST', `/stores/${storeId}/authorization-models`, bad).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(HttpCallError);
    expect((failure as HttpCallError).status).toBe(400);
    expect((failure as HttpCallError).body).toMatch(/missing/);
  });
});
