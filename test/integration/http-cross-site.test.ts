// Browsers on other sites against a real HTTP server, with forged Origin and Sec-Fetch-Site
// headers: a cross-site browser request is refused (403, OpenFGA's `forbidden`) before any
// handler runs, so a `text/plain` POST from a web page writes nothing even with authentication
// `none`; requests without those headers (SDKs, curl) pass; origins listed in
// RELATA_HTTP_CORS_ORIGINS get CORS (preflight, allowed and exposed headers), matched exactly.
// A real browser is not driven here: no chromium is installed on this machine.
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpHarness } from '../helpers/http-server.js';
import type { HttpHarness } from '../helpers/http-server.js';
import { stubAuthenticator } from './authzen/harness.js';

const app = 'https://app.example.com';
const evil = 'https://evil.example';

async function storeWithModel(h: HttpHarness, headers: Record<string, string> = {}): Promise<string> {
  const store = (await h.service.createStore({ name: 'cross-site' })).id;
  const reply = await fetch(`${h.url}/stores/${store}/authorization-models`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      schema_version: '1.1',
      type_definitions: [{ type: 'user' }, { type: 'doc', relations: { viewer: { this: {} } }, metadata: { relations: { viewer: { directly_related_user_types: [{ type: 'user' }] } } } }],
    }),
  });
  expect(reply.status).toBe(201);
  return store;
}

const writeBody = (user: string) => JSON.stringify({ writes: { tuple_keys: [{ user, relation: 'viewer', object: 'doc:1' }] } });

describe('cross-site browser requests, CORS off (the default), authentication none', () => {
  let h: HttpHarness;
  let store: string;
  beforeAll(async () => {
    h = await startHttpHarness();
    store = await storeWithModel(h);
  });
  afterAll(async () => {
    await h?.close();
  });

  const post = (user: string, headers: Record<string, string>) => fetch(`${h.url}/stores/${store}/write`, { method: 'POST', headers: { 'content-type': 'text/plain', ...headers }, body: writeBody(user) });
  const tuples = async () => ((await (await fetch(`${h.url}/stores/${store}/read`, { method: 'POST', body: '{}' })).json()) as { tuples: { key: { user: string } }[] }).tuples.map((t) => t.key.user);

  it('refuses a text/plain Write from another origin or site with 403 before anything is written', async () => {
    const forged: Record<string, string>[] = [
      { origin: evil },
      { origin: 'null' },
      { origin: evil, 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'cross-site' },
      { origin: `${h.url}.evil.example` },
      { origin: h.url.replace('127.0.0.1', 'localhost') },
      { origin: h.url.replace('http:', 'https:') },
      { origin: `${h.url}/` },
    ];
    for (const [i, headers] of forged.entries()) {
      const reply = await post(`user:forged${i}`, headers);
      expect(reply.status, JSON.stringify(headers)).toBe(403);
      expect(await reply.json()).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/cross-site request refused/) });
      expect(reply.headers.get('x-request-id')).toMatch(/\S/);
      expect(reply.headers.get('access-control-allow-origin')).toBeNull();
    }
    expect(await tuples()).toEqual([]);
  });

  it('refuses a DNS-rebound name that the browser takes for same-origin', async () => {
    // fetch may not set Host: node:http sends the Host a rebound page's requests carry.
    const port = new URL(h.url).port;
    for (const name of ['rebound.example', 'localhost']) {
      const status = await new Promise<number>((resolve, reject) => {
        const req = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: `/stores/${store}/write`, headers: { host: `${name}:${port}`, origin: `http://${name}:${port}`, 'content-type': 'text/plain' } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.once('error', reject);
        req.end(writeBody(`user:rebound-${name}`));
      });
      expect(status, name).toBe(403);
    }
    expect(await tuples()).toEqual([]);
  });

  it('refuses cross-site requests on every route family, unknown routes and preflights included', async () => {
    const paths: [string, string][] = [
      ['GET', '/openapi.json'],
      ['POST', `/stores/${store}/check`],
      ['POST', `/stores/${store}/access/v1/evaluation`],
      ['GET', `/stores/${store}/audit`],
      ['GET', '/no/such/route'],
      ['OPTIONS', `/stores/${store}/write`],
    ];
    for (const [method, path] of paths) {
      const reply = await fetch(h.url + path, { method, headers: { origin: evil, 'access-control-request-method': 'POST' }, body: method === 'POST' ? '{}' : undefined });
      expect(reply.status, `${method} ${path}`).toBe(403);
    }
  });

  it('lets through the server’s own origin, same-site fetch metadata and clients that send neither header', async () => {
    const own: Record<string, string>[] = [
      {},
      { origin: h.url },
      { origin: h.url, 'sec-fetch-site': 'same-origin' },
      { 'sec-fetch-site': 'same-origin' },
      { 'sec-fetch-site': 'none' },
      { 'sec-fetch-site': 'same-site' },
    ];
    for (const [i, headers] of own.entries()) expect((await post(`user:own${i}`, headers)).status, JSON.stringify(headers)).toBe(200);
    expect((await tuples()).sort()).toEqual(own.map((_, i) => `user:own${i}`).sort());
    // Without CORS configured, a preflight from the server's own origin finds no route.
    expect((await fetch(`${h.url}/stores/${store}/write`, { method: 'OPTIONS', headers: { origin: h.url } })).status).toBe(404);
  });
});

describe('CORS for listed origins', () => {
  let h: HttpHarness;
  let store: string;
  beforeAll(async () => {
    h = await startHttpHarness({ corsOrigins: [app, 'http://localhost:3000'] });
    store = await storeWithModel(h);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('answers a preflight from a listed origin with the allowed methods and headers', async () => {
    const reply = await fetch(`${h.url}/stores/${store}/write`, {
      method: 'OPTIONS',
      headers: { origin: app, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type, x-relata-reason' },
    });
    expect(reply.status).toBe(204);
    expect(reply.headers.get('access-control-allow-origin')).toBe(app);
    expect(reply.headers.get('access-control-allow-methods')).toMatch(/POST/);
    expect(reply.headers.get('access-control-allow-headers')).toMatch(/x-relata-reason/);
    expect(reply.headers.get('access-control-allow-credentials')).toBeNull();
    expect(reply.headers.get('vary')).toMatch(/origin/i);
  });

  it('serves a listed origin cross-site and exposes the consistency token and request id', async () => {
    const reply = await fetch(`${h.url}/stores/${store}/write`, { method: 'POST', headers: { origin: app, 'sec-fetch-site': 'cross-site', 'content-type': 'application/json' }, body: writeBody('user:app') });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('access-control-allow-origin')).toBe(app);
    const exposed = reply.headers.get('access-control-expose-headers') ?? '';
    expect(exposed).toMatch(/x-relata-consistency-token/);
    expect(exposed).toMatch(/x-request-id/);
    expect(reply.headers.get('x-relata-consistency-token')).toMatch(/\S/);
  });

  it('keeps the preflight route out of the OpenAPI document', async () => {
    const document = (await (await fetch(`${h.url}/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(document.paths)).not.toContain('*');
    for (const [path, methods] of Object.entries(document.paths)) expect(Object.keys(methods), path).not.toContain('options');
  });

  it('matches origins exactly', async () => {
    for (const origin of [`${app}.evil.example`, 'https://APP.example.com', `${app}:443`, 'http://app.example.com', 'http://localhost:3001', `${app} `.trim() + '/']) {
      const preflight = await fetch(`${h.url}/stores/${store}/write`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
      expect(preflight.status, origin).toBe(403);
      const write = await fetch(`${h.url}/stores/${store}/write`, { method: 'POST', headers: { origin, 'content-type': 'text/plain' }, body: writeBody('user:evil') });
      expect(write.status, origin).toBe(403);
    }
  });
});

describe('CORS for any origin (only with authentication)', () => {
  let h: HttpHarness;
  let store: string;
  beforeAll(async () => {
    h = await startHttpHarness({ corsOrigins: '*', authenticator: stubAuthenticator() });
    store = await storeWithModel(h, { authorization: 'Bearer model@*' });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('admits every origin but still needs the credential and the scope', async () => {
    const send = (headers: Record<string, string>) => fetch(`${h.url}/stores/${store}/write`, { method: 'POST', headers: { origin: evil, 'sec-fetch-site': 'cross-site', ...headers }, body: writeBody('user:any') });
    const anonymous = await send({});
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('access-control-allow-origin')).toBe('*');
    expect((await send({ authorization: `Bearer read@${store}` })).status).toBe(403);
    expect((await send({ authorization: `Bearer write@${store}` })).status).toBe(200);
    const preflight = await fetch(`${h.url}/stores/${store}/write`, { method: 'OPTIONS', headers: { origin: evil, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/authorization/);
  });
});
