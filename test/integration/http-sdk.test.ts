// The official JavaScript SDK (@openfga/sdk) as a real client of Relata's HTTP API: every SDK
// method the server supports, and the SDK's error classes for bad input. Against an in-process
// server by default; RELATA_SDK_TEST_URL=http://host:port runs it against a running
// `npm start` instead.
import { FgaApiAuthenticationError, FgaApiNotFoundError, FgaApiValidationError, OpenFgaClient } from '@openfga/sdk';
import type { TypeDefinition } from '@openfga/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transformDslToModel } from '../../src/dsl/index.js';
import { startHttpHarness } from '../helpers/http-server.js';
import type { HttpHarness } from '../helpers/http-server.js';

const dsl = `model
  schema 1.1
type user
type group
  relations
    define member: [user]
type folder
  relations
    define viewer: [user, group#member]
type doc
  relations
    define parent: [folder]
    define owner: [user]
    define editor: [user, user with small] or owner
    define viewer: [user, user:*] or editor or viewer from parent
condition small(x: int) {
  x < 10
}
`;

const externalUrl = process.env.RELATA_SDK_TEST_URL;
let h: Pick<HttpHarness, 'url' | 'close'>;
let fga: OpenFgaClient;
let modelId: string;

function client(storeId?: string): OpenFgaClient {
  return new OpenFgaClient({ apiUrl: h.url, storeId, retryParams: { maxRetry: 0 } });
}

beforeAll(async () => {
  h = externalUrl ? { url: externalUrl.replace(/\/$/, ''), close: async () => undefined } : await startHttpHarness();
  fga = client();
});
afterAll(async () => {
  await h?.close();
});

describe('@openfga/sdk against Relata over HTTP', () => {
  it('creates, gets, lists (paged, by name) and deletes stores', async () => {
    const made = await fga.createStore({ name: 'sdk-main' });
    // A running server may hold other stores: names below are filtered, never assumed alone.
    expect(made.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(made.name).toBe('sdk-main');
    expect(Number.isNaN(Date.parse(made.created_at))).toBe(false);
    for (const name of ['sdk-a', 'sdk-b', 'sdk-c']) await fga.createStore({ name });
    const first = await fga.listStores({ pageSize: 2 });
    expect(first.stores).toHaveLength(2);
    expect(first.continuation_token).not.toBe('');
    const rest = await fga.listStores({ pageSize: 50, continuationToken: first.continuation_token });
    expect(rest.stores.length).toBeGreaterThanOrEqual(2);
    const byName = await fga.listStores({ name: 'sdk-b' } as Parameters<OpenFgaClient['listStores']>[0]);
    expect(byName.stores.map((s) => s.name)).toEqual(['sdk-b']);

    fga.storeId = made.id;
    const got = await fga.getStore();
    expect(got).toMatchObject({ id: made.id, name: 'sdk-main' });

    const doomed = client(rest.stores.find((s) => s.name === 'sdk-c')!.id);
    await doomed.deleteStore();
    await expect(doomed.getStore()).rejects.toBeInstanceOf(FgaApiNotFoundError);
  });

  it('writes and reads authorization models (one, latest, all)', async () => {
    const model = transformDslToModel(dsl);
    const written = await fga.writeAuthorizationModel({
      schema_version: model.schema_version,
      type_definitions: model.type_definitions as TypeDefinition[],
      conditions: model.conditions as never,
    });
    modelId = written.authorization_model_id;
    expect(modelId).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    const one = await fga.readAuthorizationModel({ authorizationModelId: modelId });
    expect(one.authorization_model?.id).toBe(modelId);
    const doc = one.authorization_model?.type_definitions.find((t) => t.type === 'doc');
    expect(doc?.relations?.viewer).toHaveProperty('union');
    expect(one.authorization_model?.conditions?.small?.expression).toBe('x < 10');
    const latest = await fga.readLatestAuthorizationModel();
    expect(latest.authorization_model?.id).toBe(modelId);
    const all = await fga.readAuthorizationModels();
    expect(all.authorization_models.map((m) => m.id)).toEqual([modelId]);
    fga.authorizationModelId = modelId;
  });

  it('writes with a transaction, and without (the SDK chunks), then deletes', async () => {
    const token = await fetch(`${h.url}/stores/${fga.storeId}/write`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ writes: { tuple_keys: [{ user: 'user:zed', relation: 'owner', object: 'doc:z' }] } }),
    });
    expect(token.status).toBe(200);
    expect(token.headers.get('x-relata-consistency-token')).toMatch(/\S/);

    await fga.write({
      writes: [
        { user: 'user:anne', relation: 'owner', object: 'doc:1' },
        { user: 'folder:f1', relation: 'parent', object: 'doc:1' },
        { user: 'group:eng#member', relation: 'viewer', object: 'folder:f1' },
        { user: 'user:bob', relation: 'member', object: 'group:eng' },
        { user: 'user:carl', relation: 'editor', object: 'doc:2', condition: { name: 'small', context: {} } },
      ],
    });
    const chunked = await fga.write(
      { writes: Array.from({ length: 7 }, (_, i) => ({ user: `user:u${i}`, relation: 'viewer', object: 'doc:many' })) },
      { transaction: { disable: true, maxPerChunk: 2, maxParallelRequests: 2 } },
    );
    expect(chunked.writes.every((w) => w.status === 'success')).toBe(true);
    await fga.writeTuples([{ user: 'user:*', relation: 'viewer', object: 'doc:public' }]);
    await fga.deleteTuples([{ user: 'user:u6', relation: 'viewer', object: 'doc:many' }]);
    const removed = await fga.write(
      { deletes: [{ user: 'user:u5', relation: 'viewer', object: 'doc:many' }, { user: 'user:nobody', relation: 'viewer', object: 'doc:many' }] },
      { transaction: { disable: true, maxPerChunk: 1 } },
    );
    expect(removed.deletes.map((d) => d.status).sort()).toEqual(['failure', 'success']);
    await expect(fga.write({ writes: [{ user: 'user:anne', relation: 'nope', object: 'doc:1' }] })).rejects.toBeInstanceOf(FgaApiValidationError);
  });

  it('reads with pagination and reads changes', async () => {
    const seen: string[] = [];
    let continuationToken: string | undefined;
    do {
      const page = await fga.read({ object: 'doc:many' }, { pageSize: 2, continuationToken });
      expect(page.tuples.length).toBeLessThanOrEqual(2);
      seen.push(...page.tuples.map((t) => t.key.user));
      continuationToken = page.continuation_token || undefined;
    } while (continuationToken);
    expect(seen.sort()).toEqual(['user:u0', 'user:u1', 'user:u2', 'user:u3', 'user:u4']);
    const conditioned = await fga.read({ user: 'user:carl', relation: 'editor', object: 'doc:2' });
    expect(conditioned.tuples[0]?.key.condition?.name).toBe('small');

    const changes = await fga.readChanges({ type: 'doc' }, { pageSize: 5 });
    expect(changes.changes).toHaveLength(5);
    expect(changes.changes[0]?.operation).toBe('TUPLE_OPERATION_WRITE');
    const more = await fga.readChanges({ type: 'doc' }, { pageSize: 100, continuationToken: changes.continuation_token });
    expect(more.changes.some((c) => c.operation === 'TUPLE_OPERATION_DELETE')).toBe(true);
    const since = await fga.readChanges({ type: 'doc', startTime: new Date(Date.now() - 3_600_000).toISOString() }, { pageSize: 100 });
    expect(since.changes.length).toBe(changes.changes.length + more.changes.length);
    await expect(fga.readChanges({ type: 'doc', startTime: new Date(Date.now() + 3_600_000).toISOString() })).rejects.toBeInstanceOf(FgaApiValidationError);
  });

  it('checks, with contextual tuples and with a condition context', async () => {
    expect((await fga.check({ user: 'user:anne', relation: 'viewer', object: 'doc:1' })).allowed).toBe(true);
    expect((await fga.check({ user: 'user:bob', relation: 'viewer', object: 'doc:1' })).allowed).toBe(true);
    expect((await fga.check({ user: 'user:dan', relation: 'viewer', object: 'doc:1' })).allowed).toBe(false);
    expect((await fga.check({ user: 'user:dan', relation: 'viewer', object: 'doc:public' })).allowed).toBe(true);
    const contextual = await fga.check({
      user: 'user:dan',
      relation: 'viewer',
      object: 'doc:1',
      contextualTuples: [{ user: 'user:dan', relation: 'member', object: 'group:eng' }],
    });
    expect(contextual.allowed).toBe(true);
    expect((await fga.check({ user: 'user:carl', relation: 'editor', object: 'doc:2', context: { x: 3 } })).allowed).toBe(true);
    expect((await fga.check({ user: 'user:carl', relation: 'editor', object: 'doc:2', context: { x: 30 } })).allowed).toBe(false);
    const high = await fga.check({ user: 'user:anne', relation: 'owner', object: 'doc:1' }, { consistency: 'HIGHER_CONSISTENCY' as never });
    expect(high.allowed).toBe(true);
  });

  it('batch-checks on the server (batchCheck) and client-side (clientBatchCheck)', async () => {
    const server = await fga.batchCheck({
      checks: [
        { user: 'user:anne', relation: 'viewer', object: 'doc:1', correlationId: 'a' },
        { user: 'user:dan', relation: 'viewer', object: 'doc:1', correlationId: 'b' },
        { user: 'user:carl', relation: 'editor', object: 'doc:2', context: { x: 1 }, correlationId: 'c' },
        { user: 'user:anne', relation: 'nope', object: 'doc:1', correlationId: 'd' },
      ],
    });
    const byId = Object.fromEntries(server.result.map((r) => [r.correlationId, r]));
    expect(byId.a?.allowed).toBe(true);
    expect(byId.b?.allowed).toBe(false);
    expect(byId.c?.allowed).toBe(true);
    expect(byId.d?.error?.input_error).toBe('validation_error');
    const client = await fga.clientBatchCheck([
      { user: 'user:anne', relation: 'viewer', object: 'doc:1' },
      { user: 'user:dan', relation: 'viewer', object: 'doc:1' },
    ]);
    expect(client.result.map((r) => r.allowed)).toEqual([true, false]);
  });

  it('expands, lists objects (plain and streamed), relations and users', async () => {
    const tree = await fga.expand({ relation: 'owner', object: 'doc:1' });
    expect(tree.tree?.root?.leaf?.users?.users).toEqual(['user:anne']);
    const viewer = await fga.expand({ relation: 'viewer', object: 'doc:1' });
    expect(viewer.tree?.root?.union?.nodes?.length).toBe(3);

    const objects = await fga.listObjects({ user: 'user:bob', relation: 'viewer', type: 'doc' });
    expect(objects.objects.sort()).toEqual(['doc:1', 'doc:public']);
    const streamed: string[] = [];
    for await (const item of fga.streamedListObjects({ user: 'user:bob', relation: 'viewer', type: 'doc' })) streamed.push(item.object);
    expect(streamed.sort()).toEqual(['doc:1', 'doc:public']);

    const relations = await fga.listRelations({ user: 'user:anne', object: 'doc:1', relations: ['owner', 'editor', 'viewer', 'parent'] });
    expect(relations.relations.sort()).toEqual(['editor', 'owner', 'viewer']);

    const users = await fga.listUsers({ object: { type: 'doc', id: 'doc:1'.slice(4) }, relation: 'viewer', user_filters: [{ type: 'user' }] });
    const ids = users.users.map((u) => (u.object ? `${u.object.type}:${u.object.id}` : u.wildcard ? `${u.wildcard.type}:*` : 'userset'));
    expect(ids.sort()).toEqual(['user:anne', 'user:bob']);
    const groups = await fga.listUsers({ object: { type: 'folder', id: 'f1' }, relation: 'viewer', user_filters: [{ type: 'group', relation: 'member' }] });
    expect(groups.users).toEqual([{ userset: { type: 'group', id: 'eng', relation: 'member' } }]);
  });

  it('writes and reads assertions', async () => {
    await fga.writeAssertions([
      { user: 'user:anne', relation: 'viewer', object: 'doc:1', expectation: true },
      { user: 'user:dan', relation: 'viewer', object: 'doc:1', expectation: false },
    ]);
    const read = await fga.readAssertions();
    expect(read.authorization_model_id).toBe(modelId);
    expect(read.assertions?.map((a) => [a.tuple_key.user, a.expectation])).toEqual([
      ['user:anne', true],
      ['user:dan', false],
    ]);
  });

  it("raises the SDK's error classes for bad input", async () => {
    const badCheck = fga.check({ user: 'not a user', relation: 'viewer', object: 'doc:1' });
    await expect(badCheck).rejects.toBeInstanceOf(FgaApiValidationError);
    await expect(badCheck).rejects.toMatchObject({ apiErrorCode: expect.stringMatching(/invalid|validation/) });
    await expect(fga.check({ user: 'user:anne', relation: 'viewer', object: 'doc:1' }, { authorizationModelId: '01ARZ3NDEKTSV4RRFFQ69G5FAV' })).rejects.toMatchObject({
      apiErrorCode: 'authorization_model_not_found',
    });
    await expect(client('01ARZ3NDEKTSV4RRFFQ69G5FAV').getStore()).rejects.toBeInstanceOf(FgaApiNotFoundError);
    await expect(fga.writeAuthorizationModel({ schema_version: '1.1', type_definitions: [] })).rejects.toBeInstanceOf(FgaApiValidationError);
    await expect(fga.listObjects({ user: 'user:bob', relation: 'viewer', type: 'nope' })).rejects.toBeInstanceOf(FgaApiValidationError);
    expect(FgaApiAuthenticationError).toBeDefined();
  });
});
