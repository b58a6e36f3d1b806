// The AuthZEN 1.0 spec's own request/response samples (openid.net/specs/authorization-api-1_0),
// sent over HTTP to a started server: §6 evaluation, §7 evaluations with defaults and the three
// semantics, §8 searches and their pagination example, §9 PDP metadata.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuthzenHarness, tuple } from './harness.js';
import type { AuthzenHarness } from './harness.js';

const model = `
model
  schema 1.1
type user
type document
  relations
    define can_read: [user]
    define can_edit: [user]
    define read: [user]
type account
  relations
    define owner: [user]
    define can_read: [user] or owner
    define can_write: owner
`;

const alice = 'user:alice@example.com';
let h: AuthzenHarness;
let storeId: string;
let access: string;

beforeAll(async () => {
  h = await startAuthzenHarness();
  ({ storeId } = await h.store(model, [
    tuple(`document:boxcarring.md#can_read@${alice}`),
    tuple(`document:resource-search.md#can_read@${alice}`),
    tuple(`document:resource-search.md#can_edit@${alice}`),
    tuple(`document:1#read@${alice}`),
    tuple(`document:3#read@${alice}`),
    tuple(`account:123#owner@${alice}`),
    tuple('account:123#can_read@user:bob@example.com'),
    tuple(`account:456#can_read@${alice}`),
    tuple(`account:789#can_read@${alice}`),
  ]));
  access = `/stores/${storeId}/access/v1`;
});

afterAll(async () => {
  await h.close();
});

describe('Access Evaluation API (§6)', () => {
  it('answers the spec example with a decision', async () => {
    const request = {
      subject: { type: 'user', id: 'alice@example.com' },
      resource: { type: 'account', id: '123' },
      action: { name: 'can_read', properties: { method: 'GET' } },
      context: { time: '1985-10-26T01:22-07:00' },
    };
    expect(await h.post(`${access}/evaluation`, request)).toMatchObject({ status: 200, body: { decision: true } });
    const denied = await h.post(`${access}/evaluation`, { ...request, resource: { type: 'account', id: '456' }, action: { name: 'can_write' } });
    expect(denied.body).toEqual({ decision: false });
    expect(denied.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('echoes the X-Request-ID the PEP sent', async () => {
    const id = 'bfe9eb29-ab87-4ca3-be83-a1d5d8305716';
    const response = await h.post(`${access}/evaluation`, { subject: { type: 'user', id: 'alice@example.com' }, action: { name: 'can_read' }, resource: { type: 'account', id: '123' } }, { 'x-request-id': id });
    expect(response.headers.get('x-request-id')).toBe(id);
  });
});

describe('Access Evaluations API (§7)', () => {
  const subject = { type: 'user', id: 'alice@example.com' };
  const context = { time: '2024-05-31T15:22-07:00' };

  it('evaluates three requests with no default values, in order', async () => {
    const evaluations = ['boxcarring.md', 'subject-search.md', 'resource-search.md'].map((id) => ({ subject, action: { name: 'can_read' }, resource: { type: 'document', id }, context }));
    const response = await h.post(`${access}/evaluations`, { evaluations });
    expect(response).toMatchObject({ status: 200, body: { evaluations: [{ decision: true }, { decision: false }, { decision: true }] } });
  });

  it('takes subject and context from the top level', async () => {
    const evaluations = ['boxcarring.md', 'subject-search.md', 'resource-search.md'].map((id) => ({ action: { name: 'can_read' }, resource: { type: 'document', id } }));
    const response = await h.post(`${access}/evaluations`, { subject, context, evaluations });
    expect(response.body).toEqual({ evaluations: [{ decision: true }, { decision: false }, { decision: true }] });
  });

  it('lets an item override the default action', async () => {
    const response = await h.post(`${access}/evaluations`, {
      subject,
      context,
      action: { name: 'can_read' },
      evaluations: [
        { resource: { type: 'document', id: 'boxcarring.md' } },
        { resource: { type: 'document', id: 'subject-search.md' } },
        { action: { name: 'can_edit' }, resource: { type: 'document', id: 'resource-search.md' } },
      ],
    });
    expect(response.body).toEqual({ evaluations: [{ decision: true }, { decision: false }, { decision: true }] });
  });

  const threeDocuments = (semantic: string) => ({
    subject,
    action: { name: 'read' },
    options: { evaluations_semantic: semantic },
    evaluations: ['1', '2', '3'].map((id) => ({ resource: { type: 'document', id } })),
  });

  it('execute_all returns every decision', async () => {
    expect((await h.post(`${access}/evaluations`, threeDocuments('execute_all'))).body).toEqual({ evaluations: [{ decision: true }, { decision: false }, { decision: true }] });
  });

  it('deny_on_first_deny stops at the first denial and says why', async () => {
    expect((await h.post(`${access}/evaluations`, threeDocuments('deny_on_first_deny'))).body).toEqual({
      evaluations: [{ decision: true }, { decision: false, context: { code: '200', reason: 'deny_on_first_deny' } }],
    });
  });

  it('permit_on_first_permit stops at the first permit', async () => {
    expect((await h.post(`${access}/evaluations`, threeDocuments('permit_on_first_permit'))).body).toEqual({ evaluations: [{ decision: true }] });
  });

  it('without evaluations behaves as a single evaluation (backwards compatible)', async () => {
    const response = await h.post(`${access}/evaluations`, { subject, action: { name: 'read' }, resource: { type: 'document', id: '1' } });
    expect(response.body).toEqual({ decision: true, evaluations: [{ decision: true }] });
    const empty = await h.post(`${access}/evaluations`, { subject, action: { name: 'read' }, resource: { type: 'document', id: '2' }, evaluations: [] });
    expect(empty.body).toEqual({ decision: false, evaluations: [{ decision: false }] });
  });

  it('reports an error in one evaluation in its context, closed, and answers the others', async () => {
    const response = await h.post(`${access}/evaluations`, {
      subject,
      evaluations: [
        { action: { name: 'read' }, resource: { type: 'document', id: '1' } },
        { action: { name: 'read' }, resource: { type: 'no_such_type', id: '1' } },
        { action: { name: 'read' }, resource: { type: 'document', id: '2' } },
      ],
    });
    expect(response.status).toBe(200);
    const [first, failed, third] = (response.body as { evaluations: { decision: boolean; context?: { error: { status: number; message: string } } }[] }).evaluations;
    expect(first).toEqual({ decision: true });
    expect(failed.decision).toBe(false);
    expect(failed.context?.error.status).toBe(400);
    expect(failed.context?.error.message).toMatch(/no_such_type/);
    expect(third).toEqual({ decision: false });
  });
});

describe('Search APIs (§8)', () => {
  it('subject search: who can read account 123', async () => {
    const response = await h.post(`${access}/search/subject`, {
      subject: { type: 'user' },
      action: { name: 'can_read' },
      resource: { type: 'account', id: '123' },
      context: { time: '2024-10-26T01:22-07:00' },
    });
    expect(response.status).toBe(200);
    expect((response.body as { results: unknown }).results).toEqual([
      { type: 'user', id: 'alice@example.com' },
      { type: 'user', id: 'bob@example.com' },
    ]);
  });

  it('resource search: which accounts alice can read', async () => {
    const response = await h.post(`${access}/search/resource`, { subject: { type: 'user', id: 'alice@example.com' }, action: { name: 'can_read' }, resource: { type: 'account' } });
    expect((response.body as { results: unknown }).results).toEqual([
      { type: 'account', id: '123' },
      { type: 'account', id: '456' },
      { type: 'account', id: '789' },
    ]);
  });

  it('action search: every relation by default (OpenFGA), exactly the listed actions once the store says which', async () => {
    const request = { subject: { type: 'user', id: 'alice@example.com' }, resource: { type: 'account', id: '123' }, context: { time: '2024-10-26T01:22-07:00' } };
    expect(((await h.post(`${access}/search/action`, request)).body as { results: unknown }).results).toEqual([{ name: 'can_read' }, { name: 'can_write' }, { name: 'owner' }]);
    const set = await h.put(`/stores/${storeId}/authzen/actions`, { types: [{ type: 'account', actions: ['can_read', 'can_write'] }] });
    expect(set.status).toBe(200);
    expect(((await h.post(`${access}/search/action`, request)).body as { results: unknown }).results).toEqual([{ name: 'can_read' }, { name: 'can_write' }]);
  });

  it('pagination: three results with a limit of two, as in the spec example', async () => {
    const request = { subject: { type: 'user', id: 'alice@example.com' }, action: { name: 'can_read' }, resource: { type: 'account' }, page: { limit: 2 } };
    const first = (await h.post(`${access}/search/resource`, request)).body as { page: { next_token: string; count: number }; results: unknown[] };
    expect(first.page.count).toBe(2);
    expect(first.page.next_token).not.toBe('');
    expect(first.results).toEqual([
      { type: 'account', id: '123' },
      { type: 'account', id: '456' },
    ]);
    const second = (await h.post(`${access}/search/resource`, { ...request, page: { limit: 2, token: first.page.next_token } })).body as typeof first;
    expect(second.page).toMatchObject({ next_token: '', count: 1 });
    expect(second.results).toEqual([{ type: 'account', id: '789' }]);
  });
});

describe('PDP metadata (§9)', () => {
  it('publishes the store-scoped endpoints at the spec path and at OpenFGA’s', async () => {
    for (const path of [`/.well-known/authzen-configuration/stores/${storeId}`, `/.well-known/authzen-configuration/${storeId}`]) {
      // fetch sends the server's own host; what a PEP asked is what it gets back.
      const response = await h.get(path);
      const pdp = h.base;
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(response.body).toEqual({
        policy_decision_point: `${pdp}/stores/${storeId}`,
        access_evaluation_endpoint: `${pdp}/stores/${storeId}/access/v1/evaluation`,
        access_evaluations_endpoint: `${pdp}/stores/${storeId}/access/v1/evaluations`,
        search_subject_endpoint: `${pdp}/stores/${storeId}/access/v1/search/subject`,
        search_resource_endpoint: `${pdp}/stores/${storeId}/access/v1/search/resource`,
        search_action_endpoint: `${pdp}/stores/${storeId}/access/v1/search/action`,
      });
    }
  });

  it('refuses a store id that is not a ULID, in AuthZEN’s error form', async () => {
    const response = await h.get('/.well-known/authzen-configuration/not-a-store');
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ error: { status: 400, code: 'validation_error', message: expect.stringContaining('store_id') } });
  });
});
