// A store's AuthZEN actions per type over HTTP (`GET`/`PUT /stores/{id}/authzen/actions`): read
// back, replaced whole, cleared, bad bodies refused naming the field, the right scopes, and the
// action search following the list (relations the model lacks skipped; other types unaffected).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuthzenHarness, stubAuthenticator, tuple } from './harness.js';
import type { AuthzenHarness } from './harness.js';

const model = `
model
  schema 1.1
type user
type folder
  relations
    define owner: [user]
    define can_open: owner
type doc
  relations
    define parent: [folder]
    define owner: [user]
    define editor: [user] or owner
    define can_read: editor or owner from parent
    define can_write: editor
    define can_delete: owner
`;

let h: AuthzenHarness;
let storeId: string;
let settings: string;
const admin = { authorization: 'Bearer model@*' };
const reader = { authorization: 'Bearer read@*' };
const checker = () => ({ authorization: `Bearer check@${storeId}` });

beforeAll(async () => {
  const setup = await startAuthzenHarness();
  ({ storeId } = await setup.store(model, [tuple('doc:1#editor@user:ed'), tuple('doc:1#owner@user:olga'), tuple('folder:f#owner@user:olga')]));
  await setup.close();
  h = await startAuthzenHarness({ service: setup.service, authenticator: stubAuthenticator() });
  settings = `/stores/${storeId}/authzen/actions`;
});

afterAll(async () => {
  await h.close();
});

const actionsOf = async (user: string, type = 'doc', id = '1') =>
  ((await h.post(`/stores/${storeId}/access/v1/search/action`, { subject: { type: 'user', id: user }, resource: { type, id } }, checker())).body as { results: { name: string }[] }).results.map((a) => a.name);

describe('AuthZEN action settings', () => {
  it('starts empty: every relation is a candidate', async () => {
    expect((await h.get(settings, { authorization: `Bearer read@${storeId}` })).body).toEqual({ types: [] });
    expect(await actionsOf('ed')).toEqual(['can_read', 'can_write', 'editor']);
  });

  it('is written whole, read back, followed by the search, and cleared', async () => {
    const types = [
      { type: 'doc', actions: ['can_write', 'can_read', 'can_delete', 'can_share_later'] },
      { type: 'folder', actions: ['can_open'] },
    ];
    const written = await h.put(settings, { types }, admin);
    expect(written).toMatchObject({ status: 200, body: { types } });
    expect((await h.get(settings, reader)).body).toEqual({ types });
    // In the list's order; a listed relation the model lacks is skipped.
    expect(await actionsOf('ed')).toEqual(['can_write', 'can_read']);
    expect(await actionsOf('olga')).toEqual(['can_write', 'can_read', 'can_delete']);
    expect(await actionsOf('olga', 'folder', 'f')).toEqual(['can_open']);
    await h.put(settings, { types: [{ type: 'folder', actions: [] }] }, admin);
    expect(await actionsOf('ed')).toEqual(['can_read', 'can_write', 'editor']);
    expect(await actionsOf('olga', 'folder', 'f')).toEqual([]);
    expect((await h.put(settings, { types: [] }, admin)).body).toEqual({ types: [] });
    expect((await h.get(settings, reader)).body).toEqual({ types: [] });
  });

  it('refuses bad bodies naming the field, in OpenFGA’s error form', async () => {
    const cases: [unknown, RegExp][] = [
      [[1], /request body/],
      [{ types: 'doc' }, /invalid types: value must be an array/],
      [{ types: [3] }, /invalid types\[0\]: value must be an object/],
      [{ types: [{ actions: [] }] }, /invalid types\[0\]\.type: value is required/],
      [{ types: [{ type: 7 }] }, /invalid types\[0\]\.type: value must be a string/],
      [{ types: [{ type: 'doc', actions: 'can_read' }] }, /invalid types\[0\]\.actions: value must be an array/],
      [{ types: [{ type: 'doc', actions: [null] }] }, /invalid types\[0\]\.actions\[0\]: value must be a string/],
      [{ types: [{ type: 'doc', actions: ['can read'] }] }, /invalid types\[0\]\.actions\[0\]/],
      [{ types: [{ type: 'doc', actions: ['a', 'a'] }] }, /listed twice/],
      [{ types: [{ type: 'doc' }, { type: 'doc' }] }, /invalid types\[1\]\.type: type 'doc' is listed twice/],
      [{ types: [{ type: 'doc', actions: Array.from({ length: 101 }, (_, i) => `a${i}`) }] }, /no more than 100/],
      [{ types: Array.from({ length: 257 }, (_, i) => ({ type: `t${i}` })) }, /no more than 256/],
    ];
    for (const [body, message] of cases) {
      const reply = await h.put(settings, body, admin);
      expect(reply.status).toBe(400);
      expect(reply.body).toMatchObject({ code: 'validation_error', message: expect.stringMatching(message) });
    }
    expect((await h.put('/stores/01HZZZZZZZZZZZZZZZZZZZZZZZ/authzen/actions', { types: [] }, admin)).status).toBe(404);
  });

  it('needs the model scope to write and read to read', async () => {
    expect((await h.put(settings, { types: [] })).status).toBe(401);
    expect((await h.put(settings, { types: [] }, { authorization: `Bearer write@${storeId}` })).status).toBe(403);
    expect((await h.put(settings, { types: [] }, { authorization: `Bearer model@${storeId}` })).status).toBe(200);
    expect((await h.get(settings, { authorization: `Bearer check@${storeId}` })).status).toBe(403);
  });

  it('keeps one whole list under concurrent writers', async () => {
    const lists = Array.from({ length: 10 }, (_, i) => [{ type: 'doc', actions: Array.from({ length: i + 1 }, (_, j) => `a${j}`) }]);
    await Promise.all(lists.map((types) => h.put(settings, { types }, admin)));
    const final = (await h.get(settings, reader)).body as { types: unknown };
    expect(lists).toContainEqual(final.types);
  });
});
