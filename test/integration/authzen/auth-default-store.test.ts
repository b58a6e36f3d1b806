// Authorization on the AuthZEN routes (the `check` scope of the store the call names, through a
// stub Authenticator), the unscoped `/access/v1/…` paths of RELATA_AUTHZEN_DEFAULT_STORE, and
// the published base URL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuthzenHarness, stubAuthenticator, tuple } from './harness.js';
import type { AuthzenHarness } from './harness.js';

const model = `
model
  schema 1.1
type user
type doc
  relations
    define can_view: [user]
`;

const ask = { subject: { type: 'user', id: 'alice' }, action: { name: 'can_view' }, resource: { type: 'doc', id: '1' } };

describe('with authentication on', () => {
  let h: AuthzenHarness;
  let storeId: string;
  let otherStore: string;

  beforeAll(async () => {
    const setup = await startAuthzenHarness();
    ({ storeId } = await setup.store(model, [tuple('doc:1#can_view@user:alice')]));
    ({ storeId: otherStore } = await setup.store(model));
    await setup.close();
    // The same service again, its first store the default store.
    h = await startAuthzenHarness({ service: setup.service, authenticator: stubAuthenticator(), authzen: { defaultStoreId: storeId, baseUrl: 'https://pdp.example.com/authz' } });
  });

  afterAll(async () => {
    await h.close();
  });

  const paths = ['evaluation', 'evaluations', 'search/subject', 'search/resource', 'search/action'];
  const bodies: Record<string, unknown> = {
    evaluation: ask,
    evaluations: { ...ask, evaluations: [{}] },
    'search/subject': { ...ask, subject: { type: 'user' } },
    'search/resource': { ...ask, resource: { type: 'doc' } },
    'search/action': { subject: ask.subject, resource: ask.resource },
  };

  it('refuses every endpoint without a credential (401) and without the check scope (403), in AuthZEN form', async () => {
    for (const path of paths) {
      const missing = await h.post(`/stores/${storeId}/access/v1/${path}`, bodies[path]);
      expect(missing.status).toBe(401);
      expect(missing.body).toMatchObject({ error: { status: 401 } });
      const readOnly = await h.post(`/stores/${storeId}/access/v1/${path}`, bodies[path], { authorization: `Bearer read@${storeId}` });
      expect(readOnly.status).toBe(403);
      expect(readOnly.body).toMatchObject({ error: { status: 403, code: 'forbidden' } });
      const elsewhere = await h.post(`/stores/${storeId}/access/v1/${path}`, bodies[path], { authorization: `Bearer check@${otherStore}` });
      expect(elsewhere.status).toBe(403);
      const allowed = await h.post(`/stores/${storeId}/access/v1/${path}`, bodies[path], { authorization: `Bearer check@${storeId}` });
      expect(allowed.status).toBe(200);
    }
  });

  it('authorizes the unscoped paths on the default store', async () => {
    for (const path of paths) {
      expect((await h.post(`/access/v1/${path}`, bodies[path], { authorization: `Bearer check@${otherStore}` })).status).toBe(403);
      const allowed = await h.post(`/access/v1/${path}`, bodies[path], { authorization: `Bearer check@${storeId}` });
      expect(allowed.status).toBe(200);
    }
    const decision = await h.post('/access/v1/evaluation', ask, { authorization: `Bearer check@${storeId}` });
    expect(decision.body).toEqual({ decision: true });
  });

  it('serves the metadata without a credential, at the configured base URL', async () => {
    const root = await h.get('/.well-known/authzen-configuration');
    expect(root.status).toBe(200);
    expect(root.body).toMatchObject({ policy_decision_point: 'https://pdp.example.com/authz', access_evaluation_endpoint: 'https://pdp.example.com/authz/access/v1/evaluation' });
    expect(root.headers.get('cache-control')).toBeNull();
    const scoped = await h.get(`/.well-known/authzen-configuration/${storeId}`);
    expect(scoped.body).toMatchObject({ policy_decision_point: `https://pdp.example.com/authz/stores/${storeId}`, search_action_endpoint: `https://pdp.example.com/authz/stores/${storeId}/access/v1/search/action` });
  });
});

describe('without a default store', () => {
  let h: AuthzenHarness;

  beforeAll(async () => {
    h = await startAuthzenHarness();
  });

  afterAll(async () => {
    await h.close();
  });

  it('does not serve the unscoped paths nor the root metadata', async () => {
    expect((await h.post('/access/v1/evaluation', ask)).status).toBe(404);
    expect((await h.get('/.well-known/authzen-configuration')).status).toBe(404);
  });

  it('derives the metadata from the request and marks it uncacheable', async () => {
    const { storeId } = await h.store(model);
    const reply = await h.get(`/.well-known/authzen-configuration/${storeId}`);
    expect(reply.body).toMatchObject({ policy_decision_point: `${h.base}/stores/${storeId}` });
    expect(reply.headers.get('cache-control')).toBe('no-store');
  });
});
