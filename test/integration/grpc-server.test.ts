// The server end to end: a real grpc-js client against Relata's gRPC API on PostgreSQL (fresh
// schema): stores, a DSL model, writes and deletes, Read pagination, ReadChanges, the engine
// calls, and every error case with its gRPC status and OpenFGA code.
import { status } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transformDslToModel } from '../../src/dsl/index.js';
import { ErrorCode } from '../../src/model/index.js';
import { encodeModel } from '../../src/transport/grpc/codec-model.js';
import { createGrpcCaller } from '../helpers/grpc-caller.js';
import { startGrpcHarness } from './grpc-harness.js';
import type { GrpcHarness } from './grpc-harness.js';

const dsl = `model
  schema 1.1
type user
type group
  relations
    define member: [user, group#member]
type document
  relations
    define owner: [user]
    define editor: [user, group#member] or owner
    define viewer: [user, user:*, group#member] or editor
    define blocked: [user]
    define can_view: viewer but not blocked
    define temp_viewer: [user with not_expired]
condition not_expired(current_time: timestamp, expires_at: timestamp) {
  current_time < expires_at
}
`;

const unknownUlid = '01HZZZZZZZZZZZZZZZZZZZZZZZ';

let h: GrpcHarness;
let storeId: string;
let modelId: string;

function key(object: string, relation: string, user: string) {
  return { object, relation, user };
}

beforeAll(async () => {
  h = await startGrpcHarness('grpc');
  const created = await h.call<{ id: string; name: string }>('CreateStore', { name: 'grpc-integration' });
  storeId = created.response.id;
  const model = encodeModel(transformDslToModel(dsl));
  const written = await h.call<{ authorization_model_id: string }>('WriteAuthorizationModel', {
    store_id: storeId,
    schema_version: model.schema_version,
    type_definitions: model.type_definitions,
    conditions: model.conditions,
  });
  modelId = written.response.authorization_model_id;
});

afterAll(async () => {
  await h?.close();
});

describe('stores and models', () => {
  it('creates, gets and lists stores', async () => {
    expect(storeId).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    const got = await h.call<{ id: string; name: string; created_at: { seconds: string } }>('GetStore', { store_id: storeId });
    expect(got.response.name).toBe('grpc-integration');
    expect(Number(got.response.created_at.seconds)).toBeGreaterThan(1_700_000_000);
    const listed = await h.call<{ stores: { id: string }[] }>('ListStores', { name: 'grpc-integration' });
    expect(listed.response.stores.map((s) => s.id)).toContain(storeId);
    expect(listed.headers.get('x-request-id')[0]).toBeTruthy();
  });

  it('reads the model back as written', async () => {
    const read = await h.call<{ authorization_model: { id: string; schema_version: string; type_definitions: { type: string }[]; conditions: Record<string, { expression: string }> } }>(
      'ReadAuthorizationModel',
      { store_id: storeId, id: modelId },
    );
    expect(read.response.authorization_model.id).toBe(modelId);
    expect(read.response.authorization_model.type_definitions.map((t) => t.type)).toEqual(['user', 'group', 'document']);
    expect(read.response.authorization_model.conditions.not_expired.expression).toContain('current_time < expires_at');
    const list = await h.call<{ authorization_models: { id: string }[] }>('ReadAuthorizationModels', { store_id: storeId });
    expect(list.response.authorization_models[0].id).toBe(modelId);
  });

  it('rejects an invalid model with invalid_authorization_model', async () => {
    const failure = await h.fail('WriteAuthorizationModel', {
      store_id: storeId,
      schema_version: '1.1',
      type_definitions: [{ type: 'document', relations: { viewer: { computed_userset: { object: '', relation: 'nope' } } } }],
    });
    expect(failure.grpcCode).toBe(status.INVALID_ARGUMENT);
    expect(failure.openfgaCode).toBe(ErrorCode.InvalidAuthorizationModel);
  });
});

describe('writes, reads and changes', () => {
  const docs = ['document:a', 'document:b', 'document:c', 'document:d', 'document:e'];

  it('writes tuples and returns a consistency token', async () => {
    const first = await h.call('Write', {
      store_id: storeId,
      writes: { tuple_keys: docs.map((d) => key(d, 'viewer', 'user:anne')) },
    });
    const token1 = first.headers.get('x-relata-consistency-token')[0];
    // Signed (see src/service/signed-token.ts), not a bare revision.
    expect(String(token1)).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    const second = await h.call('Write', {
      store_id: storeId,
      authorization_model_id: modelId,
      writes: {
        tuple_keys: [
          key('group:eng', 'member', 'user:bob'),
          key('document:a', 'editor', 'group:eng#member'),
          key('document:b', 'blocked', 'user:anne'),
          { ...key('document:c', 'temp_viewer', 'user:carl'), condition: { name: 'not_expired', context: { fields: { expires_at: { stringValue: '2099-01-01T00:00:00Z' } } } } },
        ],
      },
    });
    const token2 = second.headers.get('x-relata-consistency-token')[0];
    expect(String(token2)).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(String(token2)).not.toBe(String(token1));
  });

  it('reads with pagination', async () => {
    const seen: string[] = [];
    let token = '';
    let pages = 0;
    do {
      const page = await h.call<{ tuples: { key: { object: string } }[]; continuation_token: string }>('Read', {
        store_id: storeId,
        tuple_key: { object: 'document:', relation: 'viewer', user: 'user:anne' },
        page_size: { value: 2 },
        continuation_token: token,
      });
      seen.push(...page.response.tuples.map((t) => t.key.object));
      token = page.response.continuation_token;
      pages += 1;
    } while (token && pages < 10);
    expect(seen.sort()).toEqual(docs);
    expect(pages).toBe(3);
  });

  it('deletes tuples and reports every change', async () => {
    await h.call('Write', { store_id: storeId, deletes: { tuple_keys: [key('document:e', 'viewer', 'user:anne')] } });
    const changes = await h.call<{ changes: { tuple_key: { object: string }; operation: string }[]; continuation_token: string }>('ReadChanges', {
      store_id: storeId,
      type: 'document',
      page_size: { value: 100 },
    });
    const ops = changes.response.changes.map((c) => `${c.operation}:${c.tuple_key.object}`);
    expect(ops).toHaveLength(9);
    expect(ops).toContain('TUPLE_OPERATION_DELETE:document:e');
    expect(ops.filter((op) => op === 'TUPLE_OPERATION_WRITE:document:a')).toHaveLength(2);
    expect(ops.every((op) => op.includes(':document:'))).toBe(true);
    expect(changes.response.continuation_token).not.toBe('');
  });

  it('reports changes oldest first', async () => {
    const changes = await h.call<{ changes: { tuple_key: { object: string }; operation: string }[]; continuation_token: string }>('ReadChanges', {
      store_id: storeId,
      type: 'document',
      page_size: { value: 100 },
    });
    const ops = changes.response.changes.map((c) => `${c.operation}:${c.tuple_key.object}`);
    expect(ops[0]).toBe('TUPLE_OPERATION_WRITE:document:a');
    expect(ops.at(-1)).toBe('TUPLE_OPERATION_DELETE:document:e');
    // Polling with the last token and nothing new returns nothing and the same token.
    const again = await h.call<{ changes: unknown[]; continuation_token: string }>('ReadChanges', {
      store_id: storeId,
      type: 'document',
      continuation_token: changes.response.continuation_token,
    });
    expect(again.response.changes).toHaveLength(0);
    expect(again.response.continuation_token).toBe(changes.response.continuation_token);
  });

  it('honours on_duplicate and on_missing = ignore', async () => {
    await h.call('Write', { store_id: storeId, writes: { tuple_keys: [key('document:a', 'viewer', 'user:anne')], on_duplicate: 'ignore' } });
    await h.call('Write', { store_id: storeId, deletes: { tuple_keys: [key('document:zzz', 'viewer', 'user:anne')], on_missing: 'ignore' } });
  });
});

describe('queries', () => {
  it('checks', async () => {
    const check = async (object: string, relation: string, user: string, extra: object = {}) =>
      (await h.call<{ allowed: boolean }>('Check', { store_id: storeId, tuple_key: key(object, relation, user), ...extra })).response.allowed;
    expect(await check('document:a', 'viewer', 'user:anne')).toBe(true);
    expect(await check('document:a', 'viewer', 'user:bob')).toBe(true);
    expect(await check('document:b', 'viewer', 'user:bob')).toBe(false);
    expect(await check('document:b', 'can_view', 'user:anne')).toBe(false);
    expect(await check('document:c', 'can_view', 'user:anne', { authorization_model_id: modelId, consistency: 'HIGHER_CONSISTENCY' })).toBe(true);
    expect(
      await check('document:z', 'viewer', 'user:dan', { contextual_tuples: { tuple_keys: [key('document:z', 'owner', 'user:dan')] } }),
    ).toBe(true);
    const now = { fields: { current_time: { stringValue: '2026-01-01T00:00:00Z' } } };
    expect(await check('document:c', 'temp_viewer', 'user:carl', { context: now })).toBe(true);
    const later = { fields: { current_time: { stringValue: '2100-01-01T00:00:00Z' } } };
    expect(await check('document:c', 'temp_viewer', 'user:carl', { context: later })).toBe(false);
  });

  it('batch checks, expands and lists objects', async () => {
    const batch = await h.call<{ result: Record<string, { allowed?: boolean; error?: { input_error?: string } }> }>('BatchCheck', {
      store_id: storeId,
      checks: [
        { correlation_id: 'one', tuple_key: key('document:a', 'viewer', 'user:anne') },
        { correlation_id: 'two', tuple_key: key('document:b', 'editor', 'user:anne') },
        { correlation_id: 'bad', tuple_key: key('document:a', 'nope', 'user:anne') },
      ],
    });
    expect(batch.response.result.one.allowed).toBe(true);
    expect(batch.response.result.two.allowed).toBe(false);
    expect(batch.response.result.bad.error?.input_error).toBeTruthy();

    const expanded = await h.call<{ tree: { root: { name: string } } }>('Expand', { store_id: storeId, tuple_key: { object: 'document:a', relation: 'viewer' } });
    expect(expanded.response.tree.root.name).toBe('document:a#viewer');

    const listed = await h.call<{ objects: string[] }>('ListObjects', { store_id: storeId, type: 'document', relation: 'viewer', user: 'user:anne' });
    expect(listed.response.objects.sort()).toEqual(['document:a', 'document:b', 'document:c', 'document:d']);
    const streamed = await h.stream<{ object: string }>('StreamedListObjects', { store_id: storeId, type: 'document', relation: 'editor', user: 'user:bob' });
    expect(streamed.map((s) => s.object)).toEqual(['document:a']);
  });

  it('never answers from a stale cache entry after a write (consistency token, HIGHER_CONSISTENCY)', async () => {
    const ask = async (metadata?: Record<string, string>, consistency?: string) =>
      (await h.call<{ allowed: boolean }>('Check', { store_id: storeId, tuple_key: key('document:d', 'viewer', 'user:anne'), consistency }, metadata)).response.allowed;
    expect(await ask()).toBe(true);
    expect(await ask()).toBe(true); // now cached
    const deleted = await h.call('Write', { store_id: storeId, deletes: { tuple_keys: [key('document:d', 'viewer', 'user:anne')] } });
    const token = String(deleted.headers.get('x-relata-consistency-token')[0]);
    expect(await ask({ 'x-relata-consistency-token': token })).toBe(false);
    expect(await ask(undefined, 'HIGHER_CONSISTENCY')).toBe(false);
    expect(await ask()).toBe(false);
    await h.call('Write', { store_id: storeId, writes: { tuple_keys: [key('document:d', 'viewer', 'user:anne')] } });
    expect(await ask()).toBe(true);
  });

  it('rejects a malformed or forged consistency token (INVALID_ARGUMENT, never INTERNAL)', async () => {
    // 'abc'; a bare revision (the old format, now forgeable); one outside int64; an edited signed token.
    const real = String((await h.call('Write', { store_id: storeId, writes: { tuple_keys: [key('document:e', 'viewer', 'user:anne')] } })).headers.get('x-relata-consistency-token')[0]);
    const edited = `${real.slice(0, -1)}${real.endsWith('A') ? 'Q' : 'A'}`;
    for (const token of ['abc', '1', '99999999999999999999', edited]) {
      const failure = await h.fail('Check', { store_id: storeId, tuple_key: key('document:d', 'viewer', 'user:anne') }, { 'x-relata-consistency-token': token });
      expect({ token, grpc: failure.grpcCode, code: failure.openfgaCode }).toEqual({ token, grpc: status.INVALID_ARGUMENT, code: ErrorCode.ValidationError });
    }
  });

  it('lists users', async () => {
    const listed = await h.call<{ users: { object?: { type: string; id: string }; userset?: { id: string } }[] }>('ListUsers', {
      store_id: storeId,
      object: { type: 'document', id: 'a' },
      relation: 'viewer',
      user_filters: [{ type: 'user' }],
    });
    expect(listed.response.users.map((u) => u.object?.id).sort()).toEqual(['anne', 'bob']);
  });

  it('serves /metrics and /healthz', async () => {
    const base = `http://127.0.0.1:${h.runtime.ops!.port}`;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toMatch(/relata_requests_total\{transport="grpc",method="Check",code="OK"\} \d+/);
    expect(text).toMatch(/relata_requests_total\{transport="grpc",method="Write",code="write_failed_due_to_invalid_input"\}|relata_requests_total\{transport="grpc",method="Write",code="OK"\}/);
  });

  it('serves the health service', async () => {
    const result = await new Promise<{ status: string }>((resolve, reject) =>
      (h.health as unknown as { Check: (r: object, cb: (e: Error | null, r: { status: string }) => void) => void }).Check({ service: '' }, (e, r) => (e ? reject(e) : resolve(r))),
    );
    expect(result.status).toBe('SERVING');
  });
});

describe('relata.v1 ListObjectsPage', () => {
  it('pages from one snapshot while the store changes, and rejects bad input', async () => {
    const relata = createGrpcCaller(`127.0.0.1:${h.runtime.grpc.port}`, { service: 'relata' });
    try {
      const pageDocs = Array.from({ length: 5 }, (_, i) => `document:page${i}`);
      await h.call('Write', { store_id: storeId, writes: { tuple_keys: pageDocs.map((d) => key(d, 'viewer', 'user:pager')) } });
      const request = { store_id: storeId, type: 'document', relation: 'viewer', user: 'user:pager', page_size: 2 };
      type Page = { objects: string[]; continuation_token: string; consistency_token: string; truncated: boolean };
      const first = await relata.call<Page>('ListObjectsPage', request);
      expect(first.response.objects).toEqual(pageDocs.slice(0, 2));
      expect(first.response.consistency_token).toMatch(/^[A-Za-z0-9_-]{20,}$/);
      await h.call('Write', { store_id: storeId, deletes: { tuple_keys: [key('document:page3', 'viewer', 'user:pager')] } });
      const second = await relata.call<Page>('ListObjectsPage', { ...request, continuation_token: first.response.continuation_token });
      expect(second.response.objects).toEqual(pageDocs.slice(2, 4));
      expect(second.response.consistency_token).toBe(first.response.consistency_token);
      const third = await relata.call<Page>('ListObjectsPage', { ...request, continuation_token: second.response.continuation_token });
      expect(third.response).toMatchObject({ objects: [pageDocs[4]], continuation_token: '', truncated: false });

      const badToken = await relata.fail('ListObjectsPage', { ...request, user: 'user:other', continuation_token: first.response.continuation_token });
      expect({ grpc: badToken.grpcCode, code: badToken.openfgaCode }).toEqual({ grpc: status.INVALID_ARGUMENT, code: ErrorCode.InvalidContinuationToken });
      const badSize = await relata.fail('ListObjectsPage', { ...request, page_size: 5000 });
      expect({ grpc: badSize.grpcCode, code: badSize.openfgaCode }).toEqual({ grpc: status.INVALID_ARGUMENT, code: ErrorCode.PageSizeInvalid });
      const conditional = await relata.call<{ objects: string[]; condition_failures: { object: string; message: string }[] }>('ListObjectsPage', {
        ...request,
        relation: 'temp_viewer',
        user: 'user:carl',
      });
      expect(conditional.response.objects).toEqual([]);
      expect(conditional.response.condition_failures).toEqual([{ object: 'document:c', message: expect.stringContaining('current_time') }]);
      const badConsistency = await relata.fail('ListObjectsPage', { ...request, consistency_token: 'abc' });
      expect({ grpc: badConsistency.grpcCode, code: badConsistency.openfgaCode }).toEqual({ grpc: status.INVALID_ARGUMENT, code: ErrorCode.ValidationError });
    } finally {
      relata.close();
    }
  });
});

describe('errors carry the gRPC status and the OpenFGA code', () => {
  const cases: { name: string; method: string; request: () => object; grpc: number; code: ErrorCode }[] = [
    { name: 'unknown store', method: 'Read', request: () => ({ store_id: unknownUlid }), grpc: status.NOT_FOUND, code: ErrorCode.StoreIdNotFound },
    { name: 'unknown store on check', method: 'Check', request: () => ({ store_id: unknownUlid, tuple_key: key('document:a', 'viewer', 'user:anne') }), grpc: status.NOT_FOUND, code: ErrorCode.StoreIdNotFound },
    { name: 'unknown model', method: 'Check', request: () => ({ store_id: storeId, authorization_model_id: unknownUlid, tuple_key: key('document:a', 'viewer', 'user:anne') }), grpc: status.INVALID_ARGUMENT, code: ErrorCode.AuthorizationModelNotFound },
    { name: 'tuple not allowed by the model', method: 'Write', request: () => ({ store_id: storeId, writes: { tuple_keys: [key('document:a', 'owner', 'group:eng')] } }), grpc: status.INVALID_ARGUMENT, code: ErrorCode.InvalidTuple },
    { name: 'unknown type in a write', method: 'Write', request: () => ({ store_id: storeId, writes: { tuple_keys: [key('folder:a', 'owner', 'user:anne')] } }), grpc: status.INVALID_ARGUMENT, code: ErrorCode.InvalidTuple },
    { name: 'unknown type in a read filter', method: 'Read', request: () => ({ store_id: storeId, tuple_key: { object: 'folder:a', relation: '', user: '' } }), grpc: status.INVALID_ARGUMENT, code: ErrorCode.TypeNotFound },
    { name: 'duplicate write', method: 'Write', request: () => ({ store_id: storeId, writes: { tuple_keys: [key('document:a', 'viewer', 'user:anne')] } }), grpc: status.INVALID_ARGUMENT, code: ErrorCode.WriteFailedDueToInvalidInput },
    { name: 'delete of a missing tuple', method: 'Write', request: () => ({ store_id: storeId, deletes: { tuple_keys: [key('document:a', 'owner', 'user:nobody')] } }), grpc: status.INVALID_ARGUMENT, code: ErrorCode.WriteFailedDueToInvalidInput },
    {
      name: '101 tuples in one call',
      method: 'Write',
      request: () => ({ store_id: storeId, writes: { tuple_keys: Array.from({ length: 101 }, (_, i) => key(`document:n${i}`, 'viewer', 'user:anne')) } }),
      grpc: status.INVALID_ARGUMENT,
      code: ErrorCode.ExceededEntityLimit,
    },
    { name: 'the same tuple twice in one call', method: 'Write', request: () => ({ store_id: storeId, writes: { tuple_keys: [key('document:x', 'viewer', 'user:anne'), key('document:x', 'viewer', 'user:anne')] } }), grpc: status.INVALID_ARGUMENT, code: ErrorCode.CannotAllowDuplicateTuplesInOneRequest },
    { name: 'an empty write', method: 'Write', request: () => ({ store_id: storeId }), grpc: status.INVALID_ARGUMENT, code: ErrorCode.InvalidWriteInput },
    { name: 'malformed store id', method: 'GetStore', request: () => ({ store_id: 'not-a-ulid' }), grpc: status.INVALID_ARGUMENT, code: ErrorCode.ValidationError },
    { name: 'malformed model id', method: 'ReadAuthorizationModel', request: () => ({ store_id: storeId, id: 'abc' }), grpc: status.INVALID_ARGUMENT, code: ErrorCode.ValidationError },
    { name: 'page size over 100', method: 'Read', request: () => ({ store_id: storeId, page_size: { value: 101 } }), grpc: status.INVALID_ARGUMENT, code: ErrorCode.PageSizeInvalid },
    { name: 'a bad continuation token', method: 'Read', request: () => ({ store_id: storeId, continuation_token: 'bm90LWEtdG9rZW4' }), grpc: status.INVALID_ARGUMENT, code: ErrorCode.InvalidContinuationToken },
    { name: 'an unknown relation in a check', method: 'Check', request: () => ({ store_id: storeId, tuple_key: key('document:a', 'nope', 'user:anne') }), grpc: status.INVALID_ARGUMENT, code: ErrorCode.ValidationError },
    { name: 'a bad store name', method: 'CreateStore', request: () => ({ name: 'x' }), grpc: status.INVALID_ARGUMENT, code: ErrorCode.ValidationError },
  ];

  for (const c of cases) {
    it(c.name, async () => {
      const failure = await h.fail(c.method, c.request());
      expect({ grpc: failure.grpcCode, code: failure.openfgaCode }, failure.message).toEqual({ grpc: c.grpc, code: c.code });
      expect(failure.message.length).toBeGreaterThan(0);
    });
  }

  it('a failed write leaves nothing behind', async () => {
    await h.fail('Write', {
      store_id: storeId,
      writes: { tuple_keys: [key('document:new1', 'viewer', 'user:zed'), key('document:a', 'viewer', 'user:anne')] },
    });
    const read = await h.call<{ tuples: unknown[] }>('Read', { store_id: storeId, tuple_key: key('document:new1', 'viewer', 'user:zed') });
    expect(read.response.tuples).toHaveLength(0);
  });
});
