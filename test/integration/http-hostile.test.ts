// Hostile and malformed input against a real HTTP server: every bad request gets OpenFGA's error
// body with a 4xx status and a request id, never a 500, a crash or a partial write; the OpenAPI
// document lists every route the server serves.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/observability/index.js';
import { buildHttpApp, registeredRoutesOf } from '../../src/transport/http/index.js';
import { openapiPath } from '../../src/transport/http/openapi.js';
import { startHttpHarness } from '../helpers/http-server.js';
import type { HttpHarness } from '../helpers/http-server.js';

const bodyLimitBytes = 64 * 1024;
let h: HttpHarness;
let store: string;

async function send(method: string, path: string, body?: string | Buffer, headers: Record<string, string> = { 'content-type': 'application/json' }) {
  const response = await fetch(h.url + path, { method, headers, body });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
}

const checkBody = (user = 'user:a') => JSON.stringify({ tuple_key: { user, relation: 'viewer', object: 'doc:1' } });

beforeAll(async () => {
  h = await startHttpHarness({ bodyLimitBytes, benchNoopRoute: true });
  store = ((await send('POST', '/stores', JSON.stringify({ name: 'hostile' }))).json as { id: string }).id;
  await send(
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
  await send('POST', `/stores/${store}/write`, JSON.stringify({ writes: { tuple_keys: [{ user: 'user:a', relation: 'viewer', object: 'doc:1' }] } }));
});
afterAll(async () => {
  await h?.close();
});

describe('hostile input over HTTP', () => {
  it('refuses malformed JSON, non-objects, wrong types and bad enums with 400 naming the field', async () => {
    const cases: [string, RegExp][] = [
      ['{"tuple_key": ', /malformed JSON/],
      ['[1,2]', /expected a JSON object/],
      ['"check"', /expected a JSON object/],
      ['{"tuple_key": {"user": 1, "relation": "viewer", "object": "doc:1"}}', /'tuple_key\.user' must be string/],
      ['{"tuple_key": "user:a viewer doc:1"}', /'tuple_key' must be object/],
      ['{"tuple_key": {"user": "user:a", "relation": "viewer", "object": "doc:1"}, "contextual_tuples": {"tuple_keys": [{"user": ["x"]}]}}', /contextual_tuples/],
      ['{"tuple_key": {"user": "user:a", "relation": "viewer", "object": "doc:1"}, "context": [1]}', /'context'/],
      ['{"tuple_key": {"user": "user:a", "relation": "viewer", "object": "doc:1"}, "consistency": "FASTEST"}', /'consistency'/],
    ];
    for (const [body, message] of cases) {
      const r = await send('POST', `/stores/${store}/check`, body);
      expect(r.status, body).toBe(400);
      expect(r.json).toMatchObject({ code: 'validation_error', message: expect.stringMatching(message) });
      expect(r.headers.get('x-request-id')).toMatch(/\S/);
    }
    const page = await send('GET', `/stores/${store}/changes?page_size=lots`);
    expect(page.status).toBe(400);
    expect(page.json?.message).toMatch(/page_size/);
  });

  it('refuses invalid UTF-8, too deep nesting and bodies over the limit with 400', async () => {
    const invalid = Buffer.concat([Buffer.from('{"tuple_key":{"user":"user:'), Buffer.from([0xc3, 0x28]), Buffer.from('","relation":"viewer","object":"doc:1"}}')]);
    expect((await send('POST', `/stores/${store}/check`, invalid)).json).toMatchObject({ code: 'validation_error', message: expect.stringMatching(/UTF-8/) });
    const deep = `{"tuple_key":{"user":"user:a","relation":"viewer","object":"doc:1"},"context":{"a":${'['.repeat(5000)}${']'.repeat(5000)}}}`;
    const deepReply = await send('POST', `/stores/${store}/check`, deep);
    expect(deepReply.status).toBe(400);
    expect(deepReply.json?.message).toMatch(/nested deeper/);
    const huge = await send('POST', `/stores/${store}/write`, JSON.stringify({ writes: { tuple_keys: [{ user: 'user:a', relation: 'viewer', object: `doc:${'x'.repeat(bodyLimitBytes)}` }] } }));
    expect(huge.status).toBe(400);
    expect(huge.json).toMatchObject({ code: 'validation_error', message: expect.stringMatching(/exceeds 65536 bytes/) });
    expect(huge.headers.get('x-request-id')).toMatch(/\S/);
    const read = await send('POST', `/stores/${store}/read`, '{}');
    expect((read.json as { tuples: unknown[] }).tuples).toHaveLength(1);
  });

  it('keeps __proto__ and constructor as plain keys, without polluting anything', async () => {
    const body = `{"__proto__":{"tuple_key":{"user":"user:b","relation":"viewer","object":"doc:1"}},"tuple_key":{"user":"user:a","relation":"viewer","object":"doc:1"},"context":{"__proto__":{"admin":true},"constructor":{"prototype":{"admin":true}}}}`;
    const r = await send('POST', `/stores/${store}/check`, body);
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ allowed: true, resolution: '' });
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
    const batch = await send(
      'POST',
      `/stores/${store}/batch-check`,
      JSON.stringify({ checks: ['__proto__', 'constructor', 'toString'].map((id) => ({ correlation_id: id, tuple_key: { user: 'user:a', relation: 'viewer', object: 'doc:1' } })) }),
    );
    expect(batch.status).toBe(200);
    expect(Object.keys(JSON.parse(batch.text).result as object).sort()).toEqual(['__proto__', 'constructor', 'toString']);
  });

  it('ignores unknown fields (as OpenFGA does) and reads an empty body as the empty message', async () => {
    const r = await send('POST', `/stores/${store}/check`, JSON.stringify({ tuple_key: { user: 'user:a', relation: 'viewer', object: 'doc:1', extra: 1 }, future_field: { x: 1 } }));
    expect(r.json).toEqual({ allowed: true, resolution: '' });
    const empty = await send('POST', `/stores/${store}/check`, '');
    expect(empty.status).toBe(400);
    expect(empty.json?.code).not.toBe('internal_error');
    const form = await send('POST', `/stores/${store}/check`, checkBody(), { 'content-type': 'application/x-www-form-urlencoded' });
    expect(form.json).toEqual({ allowed: true, resolution: '' });
  });

  it('answers unknown routes with undefined_endpoint and a request id', async () => {
    const r = await send('GET', '/stores/x/nothing-here');
    expect(r.status).toBe(404);
    expect(r.json).toMatchObject({ code: 'undefined_endpoint' });
    expect(r.headers.get('x-request-id')).toMatch(/\S/);
    const echoed = await fetch(`${h.url}/nope`, { headers: { 'x-request-id': 'trace-123' } });
    expect(echoed.headers.get('x-request-id')).toBe('trace-123');
  });

  it('keeps serving while a slow client trickles a body', async () => {
    const socket = connect(Number(new URL(h.url).port), '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write(`POST /stores/${store}/check HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{"tuple_key":`);
    const r = await send('POST', `/stores/${store}/check`, checkBody());
    expect(r.json).toEqual({ allowed: true, resolution: '' });
    socket.destroy();
  });

  it('answers many concurrent requests correctly', async () => {
    const replies = await Promise.all(Array.from({ length: 300 }, (_, i) => send('POST', `/stores/${store}/check`, checkBody(i % 2 ? 'user:a' : 'user:z'))));
    expect(replies.every((r) => r.status === 200)).toBe(true);
    expect(replies.map((r) => (r.json as { allowed: boolean }).allowed)).toEqual(Array.from({ length: 300 }, (_, i) => i % 2 === 1));
  });

  it('serves the bench no-op only when asked', async () => {
    expect((await send('GET', '/relata/bench/noop')).status).toBe(200);
  });
});

describe('the OpenAPI document', () => {
  it('documents every route the server serves, and nothing it does not', async () => {
    const app = buildHttpApp({ service: h.service, logger: silentLogger(), addr: '127.0.0.1:0' }, { service: h.service, logger: silentLogger(), inFlight: new Set() });
    await app.ready();
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json() as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toBe('3.1.0');
    const documented = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
    const served = registeredRoutesOf(app).map((route) => {
      const [method, path] = route.split(' ');
      return `${method} ${openapiPath(path!)}`;
    });
    expect(served.length).toBeGreaterThan(15);
    expect([...documented].sort()).toEqual([...served].sort());
    for (const rpc of ['/stores/{store_id}/check', '/stores/{store_id}/streamed-list-objects', '/stores/{store_id}/assertions/{authorization_model_id}']) {
      expect(doc.paths).toHaveProperty([rpc]);
    }
    await app.close();
  });
});
