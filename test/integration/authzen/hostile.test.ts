// Bad input to every AuthZEN endpoint: malformed JSON, wrong types, missing and oversized fields,
// batches past the BatchCheck limit, prototype keys, forged and replayed page tokens, and many
// concurrent requests. Every refusal is a 4xx in AuthZEN's error form naming the field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuthzenHarness, tuple } from './harness.js';
import type { AuthzenHarness, Reply } from './harness.js';

const model = `
model
  schema 1.1
type user
type group
  relations
    define member: [user]
type doc
  relations
    define owner: [user]
    define viewer: [user, user:*, group#member] or owner
    define can_view: viewer
    define can_share: owner
`;

let h: AuthzenHarness;
let storeId: string;
let access: string;
const users = Array.from({ length: 25 }, (_, i) => `u${String(i).padStart(2, '0')}`);

beforeAll(async () => {
  h = await startAuthzenHarness({ maxChecksPerBatchCheck: 50, authzen: { maxEvaluations: 50 } });
  ({ storeId } = await h.store(model, [
    ...users.map((u) => tuple(`doc:big#viewer@user:${u}`)),
    ...users.map((u) => tuple(`doc:${u}#viewer@user:alice`)),
    tuple('doc:public#viewer@user:*'),
    tuple('doc:big#owner@user:alice'),
  ]));
  access = `/stores/${storeId}/access/v1`;
  await h.put(`/stores/${storeId}/authzen/actions`, { types: [{ type: 'doc', actions: ['can_view', 'can_share'] }] });
});

afterAll(async () => {
  await h.close();
});

const good = { subject: { type: 'user', id: 'alice' }, action: { name: 'can_view' }, resource: { type: 'doc', id: 'big' } };

function expectRefused(reply: Reply, status: number, field: string | RegExp): void {
  expect(reply.status).toBe(status);
  const body = reply.body as { error: { status: number; code: string; message: string } };
  expect(body.error.status).toBe(status);
  expect(typeof body.error.code).toBe('string');
  expect(body.error.message).toMatch(field);
}

describe('malformed requests', () => {
  it('refuses bodies that are not JSON objects', async () => {
    expectRefused(await h.post(`${access}/evaluation`, '{"subject": '), 400, /invalid request/);
    expectRefused(await h.post(`${access}/evaluation`, '[1,2]'), 400, /request body/);
    expectRefused(await h.post(`${access}/evaluation`, '"text"'), 400, /request body/);
    expectRefused(await h.post(`${access}/evaluation`, 'null'), 400, /request body/);
  });

  it('reads a body as JSON whatever its declared type (as the OpenFGA routes do)', async () => {
    const response = await fetch(`${h.base}${access}/evaluation`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify(good) });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ decision: true });
  });

  it('names each missing or mistyped field', async () => {
    const cases: [unknown, RegExp][] = [
      [{ ...good, subject: undefined }, /invalid subject: value is required/],
      [{ ...good, subject: 'user:alice' }, /invalid subject: value must be an object/],
      [{ ...good, subject: { type: 'user' } }, /invalid subject\.id: value is required/],
      [{ ...good, subject: { type: 'user', id: 7 } }, /invalid subject\.id: value must be a string/],
      [{ ...good, subject: { type: 'us:er', id: 'a' } }, /invalid subject\.type/],
      [{ ...good, subject: { type: 'user', id: 'a#b' } }, /invalid subject\.id/],
      [{ ...good, subject: { type: 'user', id: '*' } }, /invalid subject\.id/],
      [{ ...good, subject: { type: 'user', id: 'a b' } }, /invalid subject\.id/],
      [{ ...good, subject: { type: 'user', id: 'a\u0000b' } }, /invalid subject\.id/],
      [{ ...good, subject: { type: 'user', id: 'a', properties: [1] } }, /invalid subject\.properties: value must be an object/],
      [{ ...good, action: { name: 5 } }, /invalid action\.name: value must be a string/],
      [{ ...good, action: {} }, /invalid action\.name: value is required/],
      [{ ...good, action: { name: 'x'.repeat(51) } }, /invalid action\.name/],
      [{ ...good, resource: { type: 'doc' } }, /invalid resource\.id: value is required/],
      [{ ...good, resource: { type: 'doc', id: 'x'.repeat(300) } }, /invalid resource\.id: type and id together/],
      [{ ...good, subject: { type: 'user', id: 'é'.repeat(300) } }, /invalid subject\.id: type and id together/],
      [{ ...good, context: 'now' }, /invalid context: value must be an object/],
      [{ ...good, context: [] }, /invalid context: value must be an object/],
    ];
    for (const [body, message] of cases) expectRefused(await h.post(`${access}/evaluation`, body), 400, message);
  });

  it('names the evaluation item at fault', async () => {
    expectRefused(await h.post(`${access}/evaluations`, { evaluations: 'all' }), 400, /invalid evaluations: value must be an array/);
    expectRefused(await h.post(`${access}/evaluations`, { ...good, evaluations: [{}, 3] }), 400, /invalid evaluations\[1\]: value must be an object/);
    expectRefused(await h.post(`${access}/evaluations`, { action: good.action, evaluations: [{ resource: good.resource }] }), 400, /invalid evaluations\[0\]\.subject: value is required/);
    expectRefused(await h.post(`${access}/evaluations`, { ...good, evaluations: [{}, { subject: { type: 'user', id: 5 } }] }), 400, /invalid evaluations\[1\]\.subject\.id/);
    expectRefused(await h.post(`${access}/evaluations`, { ...good, options: { evaluations_semantic: 'first' }, evaluations: [{}] }), 400, /invalid options\.evaluations_semantic/);
    expectRefused(await h.post(`${access}/evaluations`, { ...good, options: 'fast', evaluations: [{}] }), 400, /invalid options: value must be an object/);
  });

  it('refuses a batch beyond the BatchCheck limit, and accepts one at it', async () => {
    expectRefused(await h.post(`${access}/evaluations`, { ...good, evaluations: Array.from({ length: 51 }, () => ({})) }), 400, /invalid evaluations: value must contain no more than 50 item\(s\)/);
    expectRefused(await h.post(`${access}/evaluations`, { ...good, evaluations: Array.from({ length: 100_000 }, () => ({})) }), 400, /no more than 50/);
    const atLimit = await h.post(`${access}/evaluations`, { ...good, evaluations: Array.from({ length: 50 }, () => ({})) });
    expect((atLimit.body as { evaluations: unknown[] }).evaluations).toHaveLength(50);
  });

  it('refuses a body past the size limit as too large', async () => {
    const huge = { ...good, context: { blob: 'x'.repeat(5 * 1024 * 1024) } };
    expectRefused(await h.post(`${access}/evaluation`, huge), 400, /exceeds/);
  });

  it('keeps prototype-named keys as plain keys and reads nothing inherited', async () => {
    // The body parser makes `__proto__` an own key (never a prototype): unknown at the top level, a context key in properties.
    const top = await h.post(`${access}/evaluation`, '{"subject":{"type":"user","id":"alice"},"action":{"name":"can_view"},"resource":{"type":"doc","id":"big"},"__proto__":{"x":1}}');
    expect(top.status).toBe(200);
    const nested = await h.post(`${access}/evaluation`, '{"subject":{"type":"user","id":"alice","properties":{"__proto__":{"admin":true}}},"action":{"name":"can_view"},"resource":{"type":"doc","id":"big"}}');
    expect(nested.status).toBe(200);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    // `constructor` / `toString` as ordinary names: no inherited value is read as a field.
    expectRefused(await h.post(`${access}/evaluation`, { subject: { type: 'user', id: 'toString' }, action: { name: 'constructor' }, resource: {} }), 400, /invalid resource\.type: value is required/);
    const odd = await h.post(`${access}/evaluation`, { ...good, context: { constructor: 1, toString: 2, hasOwnProperty: 3 } });
    expect(odd.body).toEqual({ decision: true });
  });

  it('refuses a context too deep or too large, on every endpoint', async () => {
    // Sent as text: the test's own JSON.stringify would overflow its stack on the deep one.
    const deep = `${'{"d":'.repeat(5000)}1${'}'.repeat(5000)}`;
    const wide = JSON.stringify(Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`k${i}`, i])));
    const withContext = (body: object, context: string) => JSON.stringify({ ...body, context: '@context@' }).replace('"@context@"', context);
    for (const context of [deep, wide]) {
      // The deep one is refused by the body parser's nesting bound, the wide one by AuthZEN's context bound.
      expectRefused(await h.post(`${access}/evaluation`, withContext(good, context)), 400, /context|nested/);
      expectRefused(await h.post(`${access}/evaluations`, withContext({ ...good, evaluations: [{}] }, context)), 400, /context|nested/);
      expectRefused(await h.post(`${access}/search/subject`, withContext({ ...good, subject: { type: 'user' } }, context)), 400, /context|nested/);
      expectRefused(await h.post(`${access}/search/resource`, withContext({ ...good, resource: { type: 'doc' } }, context)), 400, /context|nested/);
      expectRefused(await h.post(`${access}/search/action`, withContext({ subject: good.subject, resource: good.resource }, context)), 400, /context|nested/);
    }
    const properties = JSON.stringify({ ...good, subject: { ...good.subject, properties: '@context@' } }).replace('"@context@"', wide);
    expectRefused(await h.post(`${access}/evaluation`, properties), 400, /subject\.properties/);
  });

  it('answers unknown types and relations with 400, unknown stores with 404', async () => {
    expectRefused(await h.post(`${access}/evaluation`, { ...good, resource: { type: 'nope', id: '1' } }), 400, /nope/);
    expectRefused(await h.post(`${access}/evaluation`, { ...good, action: { name: 'nope' } }), 400, /nope/);
    expectRefused(await h.post('/stores/01HZZZZZZZZZZZZZZZZZZZZZZZ/access/v1/evaluation', good), 404, /store/i);
    expectRefused(await h.post('/stores/not-a-ulid/access/v1/evaluation', good), 400, /store_id/);
  });

  it('refuses a malformed authorization model id header', async () => {
    expectRefused(await h.post(`${access}/evaluation`, good, { 'openfga-authorization-model-id': 'latest' }), 400, /openfga-authorization-model-id/);
  });
});

describe('search pagination', () => {
  const subjectSearch = { subject: { type: 'user' }, action: { name: 'can_view' }, resource: { type: 'doc', id: 'big' } };

  it('pages subject search to the end with total and count', async () => {
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const reply = await h.post(`${access}/search/subject`, { ...subjectSearch, page: { limit: 10, ...(token ? { token } : {}) } });
      const body = reply.body as { page: { next_token: string; count: number; total: number }; results: { id: string }[] };
      expect(body.page.total).toBe(26);
      expect(body.page.count).toBe(body.results.length);
      seen.push(...body.results.map((r) => r.id));
      token = body.page.next_token || undefined;
    } while (token);
    expect(seen).toEqual(['alice', ...users]);
  });

  it('answers a public grant as the wildcard subject', async () => {
    const reply = await h.post(`${access}/search/subject`, { ...subjectSearch, resource: { type: 'doc', id: 'public' } });
    expect((reply.body as { results: unknown }).results).toEqual([{ type: 'user', id: '*' }]);
  });

  it('pages resource search without repeats', async () => {
    const seen: string[] = [];
    let token = '';
    do {
      const body = (await h.post(`${access}/search/resource`, { subject: { type: 'user', id: 'alice' }, action: { name: 'can_view' }, resource: { type: 'doc' }, page: { limit: 7, token } })).body as {
        page: { next_token: string };
        results: { id: string }[];
      };
      seen.push(...body.results.map((r) => r.id));
      token = body.page.next_token;
    } while (token);
    expect(seen).toEqual(['big', 'public', ...users].sort());
  });

  it('pages action search', async () => {
    const first = (await h.post(`${access}/search/action`, { subject: { type: 'user', id: 'alice' }, resource: { type: 'doc', id: 'big' }, page: { limit: 1 } })).body as { page: { next_token: string; total: number }; results: unknown[] };
    expect(first.results).toEqual([{ name: 'can_view' }]);
    expect(first.page.total).toBe(2);
    const second = (await h.post(`${access}/search/action`, { subject: { type: 'user', id: 'alice' }, resource: { type: 'doc', id: 'big' }, page: { limit: 1, token: first.page.next_token } })).body as typeof first;
    expect(second.results).toEqual([{ name: 'can_share' }]);
    expect(second.page.next_token).toBe('');
  });

  it('refuses a token replayed with another request, a forged one and bad limits', async () => {
    const first = (await h.post(`${access}/search/subject`, { ...subjectSearch, page: { limit: 5 } })).body as { page: { next_token: string } };
    expectRefused(await h.post(`${access}/search/subject`, { ...subjectSearch, action: { name: 'viewer' }, page: { limit: 5, token: first.page.next_token } }), 400, /page\.token/);
    expectRefused(await h.post(`${access}/search/subject`, { ...subjectSearch, page: { limit: 6, token: first.page.next_token } }), 400, /page\.token/);
    const forged = Buffer.from(JSON.stringify(['az1', 3, 'x'])).toString('base64url');
    expectRefused(await h.post(`${access}/search/subject`, { ...subjectSearch, page: { limit: 5, token: forged } }), 400, /page\.token/);
    expectRefused(await h.post(`${access}/search/subject`, { ...subjectSearch, page: { token: 'not base64!' } }), 400, /page\.token/);
    expectRefused(await h.post(`${access}/search/resource`, { subject: { type: 'user', id: 'alice' }, action: { name: 'can_view' }, resource: { type: 'doc' }, page: { token: 'AAAA' } }), 400, /continuation_token|token/);
    expectRefused(await h.post(`${access}/search/subject`, { ...subjectSearch, page: { limit: -1 } }), 400, /page\.limit/);
    expectRefused(await h.post(`${access}/search/subject`, { ...subjectSearch, page: { limit: 1.5 } }), 400, /page\.limit/);
    expectRefused(await h.post(`${access}/search/subject`, { ...subjectSearch, page: { limit: '10' } }), 400, /page\.limit/);
    expectRefused(await h.post(`${access}/search/subject`, { ...subjectSearch, page: { limit: 1_000_000 } }), 400, /page\.limit/);
    expectRefused(await h.post(`${access}/search/subject`, { ...subjectSearch, page: 3 }), 400, /invalid page: value must be an object/);
  });

  it('validates search entities (resource id required for subject search, type for resource search)', async () => {
    expectRefused(await h.post(`${access}/search/subject`, { ...subjectSearch, resource: { type: 'doc' } }), 400, /resource\.id/);
    expectRefused(await h.post(`${access}/search/subject`, { ...subjectSearch, subject: {} }), 400, /subject\.type/);
    expectRefused(await h.post(`${access}/search/resource`, { subject: { type: 'user', id: 'alice' }, action: { name: 'can_view' }, resource: { id: '1' } }), 400, /resource\.type/);
    expectRefused(await h.post(`${access}/search/action`, { subject: { type: 'user', id: 'alice' }, resource: { type: 'nope', id: '1' } }), 400, /nope/);
  });
});

describe('concurrency', () => {
  it('answers 200 concurrent evaluations and batches correctly', async () => {
    const replies = await Promise.all(
      Array.from({ length: 200 }, (_, i) => {
        const u = users[i % users.length];
        return i % 2 === 0
          ? h.post(`${access}/evaluation`, { subject: { type: 'user', id: u }, action: { name: i % 4 === 0 ? 'can_view' : 'can_share' }, resource: { type: 'doc', id: 'big' } })
          : h.post(`${access}/evaluations`, { subject: { type: 'user', id: u }, resource: { type: 'doc', id: 'big' }, options: { evaluations_semantic: 'deny_on_first_deny' }, evaluations: [{ action: { name: 'can_view' } }, { action: { name: 'can_share' } }, { action: { name: 'can_view' } }] });
      }),
    );
    replies.forEach((reply, i) => {
      expect(reply.status).toBe(200);
      if (i % 2 === 0) expect(reply.body).toEqual({ decision: i % 4 === 0 });
      else expect(reply.body).toEqual({ evaluations: [{ decision: true }, { decision: false, context: { code: '200', reason: 'deny_on_first_deny' } }] });
    });
  });
});
