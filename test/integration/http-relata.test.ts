// relata.v1 over HTTP against a real server: every RPC of the relata.v1 (and openfga.v1) service
// in the proto has a route in the one route table and in /openapi.json; each route answers in
// OpenFGA's JSON, under the same scopes as gRPC (401 without credentials, 403 without the scope),
// refuses bad ids, wrong types, oversized and malformed bodies with a 400 naming the field, and
// x-relata-reason reaches the audit record.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operationRules, scopeNames } from '../../src/auth/index.js';
import { transformDslToModel } from '../../src/dsl/index.js';
import { silentLogger } from '../../src/observability/index.js';
import { openfgaRouteTable } from '../../src/transport/http/openfga-routes.js';
import { openapiPath } from '../../src/transport/http/openapi.js';
import { startHttpHarness } from '../helpers/http-server.js';
import type { HttpHarness } from '../helpers/http-server.js';
import { stubAuthenticator } from './authzen/harness.js';

const bodyLimitBytes = 64 * 1024;
let h: HttpHarness;
let store: string;

const admin = { authorization: 'Bearer admin@*' };
const as = (scope: string) => ({ authorization: `Bearer ${scope}@${store}` });

interface Reply {
  status: number;
  headers: Headers;
  json: Record<string, unknown>;
}

async function send(method: string, path: string, body?: unknown, headers: Record<string, string> = admin): Promise<Reply> {
  const init: RequestInit = { method, headers: { 'content-type': 'application/json', ...headers } };
  if (body !== undefined) init.body = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  const response = await fetch(h.url + path, init);
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

function rpcsOf(protoFile: string, service: string): string[] {
  const text = readFileSync(new URL(`../../proto/${protoFile}`, import.meta.url), 'utf8').replace(/\/\/.*$/gm, '');
  const block = new RegExp(`service\\s+${service}\\s*\\{([\\s\\S]*?)\\n\\}`).exec(text);
  if (!block) throw new Error(`no service ${service} in ${protoFile}`);
  return [...block[1].matchAll(/\brpc\s+(\w+)\s*\(/g)].map((match) => match[1]);
}

const dsl = `model
  schema 1.1
type user
type doc
  relations
    define owner: [user]
    define viewer: [user] or owner
    define can_read: viewer`;

beforeAll(async () => {
  h = await startHttpHarness({ bodyLimitBytes, authenticator: stubAuthenticator() });
  store = (await h.service.createStore({ name: 'relata-http' })).id;
  await h.service.writeAuthorizationModel({ storeId: store, model: transformDslToModel(dsl) });
  const tuples = Array.from({ length: 12 }, (_, i) => ({ object: `doc:${i}`, relation: 'viewer', user: 'user:ann' }));
  await h.service.write({ storeId: store, writes: { tupleKeys: [...tuples, { object: 'doc:0', relation: 'owner', user: 'user:bob' }] } });
});
afterAll(async () => {
  await h?.close();
});

describe('the route table covers the proto', () => {
  const table = openfgaRouteTable({ service: {} as never, logger: silentLogger(), inFlight: new Set() });
  const operations = new Set(table.map((route) => route.operation));

  it.each([
    ['relata/v1/relata_service.proto', 'RelataService'],
    ['openfga/v1/openfga_service.proto', 'OpenFGAService'],
  ])('every RPC of %s has an HTTP route', (file, service) => {
    const rpcs = rpcsOf(file, service);
    expect(rpcs.length).toBeGreaterThan(10);
    expect(rpcs.filter((rpc) => !operations.has(rpc as never))).toEqual([]);
  });

  it('routes only operations with a scope rule, each once, each in /openapi.json', async () => {
    for (const route of table) expect(Object.hasOwn(operationRules, route.operation), route.operation).toBe(true);
    const keys = table.map((route) => `${route.method} ${route.path}`);
    expect(new Set(keys).size).toBe(keys.length);
    const document = (await send('GET', '/openapi.json')).json as { paths: Record<string, Record<string, { operationId?: string }>> };
    for (const route of table) expect(document.paths[openapiPath(route.path)]?.[route.method.toLowerCase()]?.operationId, route.operation).toBe(route.operation);
  });
});

describe('every route of the table', () => {
  const table = openfgaRouteTable({ service: {} as never, logger: silentLogger(), inFlight: new Set() });
  const pathOf = (path: string) => path.replace(':store_id', store).replace(':client_id', '01HZZZZZZZZZZZZZZZZZZZZZZZ').replace(':authorization_model_id', '01HZZZZZZZZZZZZZZZZZZZZZZZ').replace(':id', '01HZZZZZZZZZZZZZZZZZZZZZZZ');

  it('needs credentials (401) and its own scope (403), as on gRPC', async () => {
    for (const route of table) {
      const path = pathOf(route.path);
      const label = `${route.method} ${route.path}`;
      const anonymous = await send(route.method, path, route.method === 'GET' || route.method === 'DELETE' ? undefined : {}, {});
      expect(anonymous.status, label).toBe(401);
      expect(anonymous.json.code, label).toBe('bearer_token_missing');
      const other = scopeNames.find((scope) => scope !== operationRules[route.operation].scope)!;
      const wrong = await send(route.method, path, route.method === 'GET' || route.method === 'DELETE' ? undefined : {}, { authorization: `Bearer ${other}@*` });
      expect(wrong.status, label).toBe(403);
      expect(wrong.headers.get('x-request-id'), label).toMatch(/\S/);
    }
  });

  it('refuses oversized, malformed and non-object bodies with 400 and writes nothing', async () => {
    const before = await h.service.read({ storeId: store });
    for (const route of table.filter((r) => r.method !== 'GET' && r.method !== 'DELETE')) {
      const path = pathOf(route.path);
      const label = `${route.method} ${route.path}`;
      const huge = await send(route.method, path, JSON.stringify({ name: 'x'.repeat(bodyLimitBytes) }));
      expect(huge.status, label).toBe(400);
      expect(huge.json.message, label).toMatch(/exceeds/);
      // Malformed, not an object, a string, invalid UTF-8.
      for (const body of ['{"a":', '[1]', '"x"', Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x3a, 0x31, 0x7d])]) {
        const bad = await send(route.method, path, body);
        expect(bad.status, `${label} ${String(body)}`).toBe(400);
        expect(bad.json.code, `${label} ${String(body)}`).toBe('validation_error');
      }
    }
    expect((await h.service.read({ storeId: store })).items).toEqual(before.items);
  });
});

describe('API clients over HTTP', () => {
  it('creates, lists, shows, disables, enables, rotates and deletes a client', async () => {
    const created = await send('POST', '/api-clients', { name: 'ci-bot', grants: [{ store, scopes: ['check', 'read'] }], expires_at: '2099-01-01T00:00:00Z', rate_per_second: 5 });
    expect(created.status).toBe(201);
    const client = created.json.client as { id: string; status: string; expires_at: string; grants: unknown[]; rate_per_second: number; rate_burst: number; allowed_cidrs: unknown[] };
    expect(created.json.key).toMatch(new RegExp(`^rk_${client.id}_`));
    expect(client).toMatchObject({ status: 'active', expires_at: '2099-01-01T00:00:00Z', grants: [{ store, scopes: ['check', 'read'] }], rate_per_second: 5, allowed_cidrs: [] });
    const path = `/api-clients/${client.id}`;
    expect((await send('GET', '/api-clients?page_size=10')).json.clients).toContainEqual(expect.objectContaining({ id: client.id }));
    expect((await send('GET', path)).json.client).toMatchObject({ id: client.id, name: 'ci-bot' });
    expect((await send('POST', `${path}/disable`)).json.client).toMatchObject({ status: 'disabled' });
    expect((await send('POST', `${path}/enable`)).json.client).toMatchObject({ status: 'active' });
    const rotated = await send('POST', `${path}/rotate-key`);
    expect(rotated.status).toBe(200);
    expect(rotated.json.key).not.toBe(created.json.key);
    expect(await send('DELETE', path)).toMatchObject({ status: 200, json: {} });
    expect((await send('GET', path)).status).toBe(404);
  });

  it('refuses bad ids, wrong types and bad timestamps with 400 naming the field', async () => {
    const cases: [string, string, unknown, RegExp][] = [
      ['GET', '/api-clients/not-a-ulid', undefined, /client_id|id/],
      ['POST', `/api-clients/${'x'.repeat(300)}/disable`, undefined, /path parameter is longer/],
      ['POST', '/api-clients', { name: 7 }, /'name' must be string/],
      ['POST', '/api-clients', { name: 'xyz', grants: 'all' }, /'grants' must be array/],
      ['POST', '/api-clients', { name: 'xyz', grants: [{ store: '*', scopes: [1] }] }, /grants\.0\.scopes\.0/],
      ['POST', '/api-clients', { name: 'xyz', grants: [{ store: '*', scopes: ['check'] }], expires_at: 'tomorrow' }, /expires_at/],
      ['POST', '/api-clients', { name: 'xyz', grants: [{ store: '*', scopes: ['check'] }], rate_burst: 1.5 }, /rate_burst/],
      ['POST', '/api-clients', { name: 'xyz', grants: [{ store: '*', scopes: ['root'] }] }, /scope/],
      ['POST', '/api-clients', '{"name": ', /malformed JSON/],
      ['GET', '/api-clients?page_size=many', undefined, /page_size/],
    ];
    for (const [method, path, body, message] of cases) {
      const reply = await send(method, path, body);
      expect(reply.status, `${method} ${path.slice(0, 40)} ${JSON.stringify(body)}`).toBe(400);
      expect(reply.json).toMatchObject({ code: expect.any(String), message: expect.stringMatching(message) });
    }
    const huge = await send('POST', '/api-clients', { name: 'x'.repeat(bodyLimitBytes), grants: [] });
    expect(huge.status).toBe(400);
    expect(huge.json.message).toMatch(/exceeds/);
  });

  it('needs credentials and the admin scope on every store', async () => {
    expect((await send('GET', '/api-clients', undefined, {})).status).toBe(401);
    expect((await send('POST', '/api-clients', { name: 'x' }, { authorization: 'nonsense' })).status).toBe(401);
    expect((await send('GET', '/api-clients', undefined, as('admin'))).status).toBe(403);
    expect((await send('POST', '/api-clients', { name: 'x', grants: [{ store: '*', scopes: ['admin'] }] }, { authorization: 'Bearer write@*' })).status).toBe(403);
    expect((await send('DELETE', '/api-clients/01HZZZZZZZZZZZZZZZZZZZZZZZ', undefined, as('admin'))).status).toBe(403);
  });
});

describe('audit over HTTP', () => {
  it('records x-relata-reason and the caller of an HTTP Write, and reads, reports and verifies the trail', async () => {
    const reason = 'ticket HTTP-42';
    const write = await send('POST', `/stores/${store}/write`, { writes: { tuple_keys: [{ object: 'doc:audit', relation: 'viewer', user: 'user:cy' }] } }, { ...as('write'), 'x-relata-reason': reason, 'x-request-id': 'req-http-audit' });
    expect(write.status).toBe(200);
    let records: { operation: string; actor: string; record_json: string; at: string; seq: string }[] = [];
    for (let i = 0; i < 50 && records.length === 0; i++) {
      const page = await send('GET', `/stores/${store}/audit?kind=change&operation=Write&object=doc:audit`);
      expect(page.status).toBe(200);
      records = page.json.records as typeof records;
      if (records.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ operation: 'Write', actor: `client:Bearer write@${store}`, seq: expect.stringMatching(/^\d+$/) });
    expect(records[0].at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    expect(JSON.parse(records[0].record_json)).toMatchObject({ reason, requestId: 'req-http-audit', ip: '127.0.0.1' });

    const report = await send('GET', `/stores/${store}/audit/report?from=2000-01-01T00:00:00Z`);
    expect(report.status).toBe(200);
    expect(report.json.changes_by_operation).toContainEqual({ key: 'Write', count: expect.stringMatching(/^\d+$/) });
    const verify = await send('GET', `/stores/${store}/audit/verify`);
    expect(verify).toMatchObject({ status: 200, json: { ok: true } });
    expect((verify.json.chains as unknown[]).length).toBeGreaterThan(0);
  });

  it('refuses bad filters naming the field and needs the admin scope on the store', async () => {
    const cases: [string, RegExp][] = [
      ['?kind=everything', /kind/],
      ['?decision=maybe', /decision/],
      ['?from=yesterday', /from/],
      ['?from=2030-01-01T00:00:00Z&to=2020-01-01T00:00:00Z', /from/],
      ['?page_size=1e3', /page_size/],
      ['?page_size=100000', /page_size/],
      ['?continuation_token=forged', /continuation/i],
      [`?actor=${'a'.repeat(2000)}`, /actor/],
    ];
    for (const [query, message] of cases) {
      const reply = await send('GET', `/stores/${store}/audit${query}`);
      expect(reply.status, query.slice(0, 40)).toBe(400);
      expect(reply.json.message).toMatch(message);
    }
    expect((await send('GET', `/stores/${store}/audit/report?to=never`)).json.message).toMatch(/to/);
    expect((await send('GET', '/stores/not-a-store/audit/verify')).status).toBe(400);
    expect((await send('GET', `/stores/${store}/audit`, undefined, {})).status).toBe(401);
    for (const path of ['audit', 'audit/report', 'audit/verify']) expect((await send('GET', `/stores/${store}/${path}`, undefined, as('read'))).status, path).toBe(403);
    expect((await send('GET', `/stores/${store}/audit`, undefined, as('admin'))).status).toBe(200);
  });
});

describe('the global audit chain over HTTP', () => {
  it('GET /audit: store-less records (API client changes) to an admin of every store only', async () => {
    const created = await send('POST', '/api-clients', { name: 'audited globally', grants: [{ store: store, scopes: ['check'] }] });
    expect(created.status).toBe(201);
    const clientId = (created.json.client as { id: string }).id;
    const page = await send('GET', '/audit?operation=CreateApiClient&page_size=100');
    expect(page.status).toBe(200);
    const records = page.json.records as { store_id: string; chain: string; record_json: string }[];
    expect(records.length).toBeGreaterThan(0);
    expect(records.every((r) => r.store_id === '' && r.chain === 'c:')).toBe(true);
    expect(records.map((r) => (JSON.parse(r.record_json) as { clientId: string }).clientId)).toContain(clientId);
    expect((await send('GET', '/audit?kind=everything')).json.message).toMatch(/kind/);
    expect((await send('GET', '/audit', undefined, {})).status).toBe(401);
    for (const scope of ['admin', 'read']) expect((await send('GET', '/audit', undefined, as(scope))).status, scope).toBe(403);
    expect((await send('GET', '/audit', undefined, { authorization: 'Bearer read@*' })).status).toBe(403);
  });
});

describe('queries over HTTP', () => {
  it('explains a check, lists permissions in pages and lists relations', async () => {
    const explain = await send('POST', `/stores/${store}/explain`, { tuple_key: { object: 'doc:0', relation: 'can_read', user: 'user:bob' } }, as('check'));
    expect(explain.status).toBe(200);
    expect(explain.json).toMatchObject({ allowed: true, truncated: false, error: null, root: { step: expect.any(String), result: 'allowed', children: expect.any(Array) } });
    expect(explain.json.node_count).toBeGreaterThan(1);
    const denied = await send('POST', `/stores/${store}/explain`, { tuple_key: { object: 'doc:1', relation: 'owner', user: 'user:ann' }, max_nodes: 1 }, as('check'));
    expect(denied.json).toMatchObject({ allowed: false, root: { result: 'denied' } });

    const first = await send('POST', `/stores/${store}/list-permissions`, { user: 'user:ann', types: ['doc'], relations: ['viewer'], page_size: 5 }, as('check'));
    expect(first.status).toBe(200);
    expect(first.json.permissions).toHaveLength(5);
    expect(first.json).toMatchObject({ truncated: false, condition_failures: [], consistency_token: expect.any(String) });
    const seen = [...(first.json.permissions as unknown[])];
    let token = first.json.continuation_token as string;
    while (token) {
      const next = await send('POST', `/stores/${store}/list-permissions`, { user: 'user:ann', types: ['doc'], relations: ['viewer'], page_size: 5, continuation_token: token }, as('check'));
      expect(next.status).toBe(200);
      seen.push(...(next.json.permissions as unknown[]));
      token = next.json.continuation_token as string;
    }
    expect(seen).toHaveLength(12);
    expect(new Set(seen.map((p) => JSON.stringify(p))).size).toBe(12);

    const relations = await send('POST', `/stores/${store}/list-relations`, { object: 'doc:0', user: 'user:bob' }, as('check'));
    expect(relations).toMatchObject({ status: 200, json: { relations: ['owner', 'viewer', 'can_read'], failures: [] } });
  });

  it('honours a consistency token from the header or the body', async () => {
    const write = await send('POST', `/stores/${store}/write`, { writes: { tuple_keys: [{ object: 'doc:fresh', relation: 'owner', user: 'user:dee' }] } }, as('write'));
    const token = write.headers.get('x-relata-consistency-token') ?? '';
    expect(token).not.toBe('');
    const viaHeader = await send('POST', `/stores/${store}/list-relations`, { object: 'doc:fresh', user: 'user:dee' }, { ...as('check'), 'x-relata-consistency-token': token });
    expect(viaHeader.json.relations).toEqual(['owner', 'viewer', 'can_read']);
    const viaBody = await send('POST', `/stores/${store}/explain`, { tuple_key: { object: 'doc:fresh', relation: 'owner', user: 'user:dee' }, consistency_token: token }, as('check'));
    expect(viaBody.json.allowed).toBe(true);
    const forged = await send('POST', `/stores/${store}/list-relations`, { object: 'doc:fresh', user: 'user:dee' }, { ...as('check'), 'x-relata-consistency-token': 'forged-token' });
    expect(forged.status).toBe(400);
  });

  it('refuses hostile bodies with 400 naming the field, and other scopes with 403', async () => {
    const cases: [string, unknown, RegExp][] = [
      ['explain', { tuple_key: 'doc:0#viewer@user:ann' }, /'tuple_key' must be object/],
      ['explain', { tuple_key: { object: 'doc:0', relation: 'viewer', user: 'user:ann' }, max_nodes: 'all' }, /'max_nodes' must be integer/],
      ['explain', { tuple_key: { object: 'doc:0', relation: 'viewer', user: 'user:ann' }, max_nodes: 1_000_000 }, /max_nodes/],
      ['explain', { tuple_key: { object: 'doc:0', relation: 'nope', user: 'user:ann' } }, /nope/],
      ['explain', { tuple_key: { object: 'doc:0', relation: 'viewer', user: 'user:ann' }, consistency: 'NOW' }, /consistency/],
      ['list-permissions', { user: 'user:ann', types: 'doc' }, /'types' must be array/],
      ['list-permissions', { user: 'user:ann', page_size: 5000 }, /page_size/],
      ['list-permissions', { user: 'user:ann', continuation_token: 'forged' }, /continuation/i],
      ['list-permissions', { user: 'ann' }, /user/],
      ['list-relations', { object: 'doc:0', user: 'user:ann', relations: [1] }, /relations\.0/],
      ['list-relations', { object: 'doc', user: 'user:ann' }, /object/],
      ['list-relations', { object: 'doc:0', user: 'user:ann', context: [] }, /'context'/],
    ];
    for (const [route, body, message] of cases) {
      const reply = await send('POST', `/stores/${store}/${route}`, body, as('check'));
      expect(reply.status, `${route} ${JSON.stringify(body)}`).toBe(400);
      expect(reply.json.message).toMatch(message);
    }
    for (const route of ['explain', 'list-permissions', 'list-relations']) {
      expect((await send('POST', `/stores/${store}/${route}`, {}, as('read'))).status, route).toBe(403);
      expect((await send('POST', `/stores/${store}/${route}`, {}, {})).status, route).toBe(401);
    }
    expect((await send('POST', '/stores/../explain', {}, admin)).status).toBeGreaterThanOrEqual(400);
    expect((await send('POST', `/stores/${'Z'.repeat(27)}/explain`, { tuple_key: { object: 'doc:0', relation: 'viewer', user: 'user:ann' } }, { authorization: 'Bearer check@*' })).status).toBe(400);
  });

  it('answers concurrent callers independently', async () => {
    const replies = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        send('POST', `/stores/${store}/list-relations`, { object: `doc:${i % 12}`, user: i % 2 ? 'user:ann' : 'user:zed' }, as('check')),
      ),
    );
    replies.forEach((reply, i) => expect(reply.json.relations, String(i)).toEqual(i % 2 ? ['viewer', 'can_read'] : []));
  });
});

describe('DeleteTuples over HTTP', () => {
  it('counts with dry_run, then deletes in batches and returns a consistency token', async () => {
    await h.service.write({ storeId: store, writes: { tupleKeys: Array.from({ length: 7 }, (_, i) => ({ object: `doc:bulk${i}`, relation: 'viewer', user: 'user:eve' })) } });
    const dry = await send('POST', `/stores/${store}/delete-tuples`, { object_type: 'doc', user: 'user:eve', dry_run: true }, as('write'));
    expect(dry.json).toEqual({ matched_count: '7', batch_count: 0, consistency_token: '' });
    const real = await send('POST', `/stores/${store}/delete-tuples`, { object_type: 'doc', user: 'user:eve', batch_size: 3 }, as('write'));
    expect(real.json).toMatchObject({ matched_count: '7', batch_count: 3 });
    expect(real.headers.get('x-relata-consistency-token')).toBe(real.json.consistency_token);
    const left = await send('POST', `/stores/${store}/read`, { tuple_key: { object: 'doc:', user: 'user:eve' } }, as('read'));
    expect(left.json.tuples).toEqual([]);
  });

  it('refuses bad filters and other scopes', async () => {
    const cases: [unknown, RegExp][] = [
      [{}, /object_type/],
      [{ object_type: 'nodoc' }, /nodoc/],
      [{ object_type: 'doc', batch_size: 5000 }, /batch_size/],
      [{ object_type: 'doc', batch_size: '10' }, /'batch_size' must be integer/],
      [{ object_type: 'doc', dry_run: 'yes' }, /'dry_run' must be boolean/],
      [{ object_type: 'doc', user: 'user:a#b#c' }, /user/],
      [{ object_type: 'doc', relation: 'no such' }, /relation/],
    ];
    for (const [body, message] of cases) {
      const reply = await send('POST', `/stores/${store}/delete-tuples`, body, as('write'));
      expect(reply.status, JSON.stringify(body)).toBe(400);
      expect(reply.json.message).toMatch(message);
    }
    expect((await send('POST', `/stores/${store}/delete-tuples`, { object_type: 'doc' }, as('check'))).status).toBe(403);
    expect((await send('POST', `/stores/${store}/delete-tuples`, { object_type: 'doc' }, {})).status).toBe(401);
    expect((await send('POST', `/stores/${store}/read`, {}, as('read'))).json.tuples).not.toEqual([]);
  });
});
