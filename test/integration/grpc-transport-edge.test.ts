// The gRPC edge against hostile requests, over a real connection: string fields with invalid
// UTF-8 and messages nested past the decoder's limit are INVALID_ARGUMENT with OpenFGA's code
// (never INTERNAL, never a U+FFFD-substituted id); a reply quoting a huge input still arrives and
// leaves the connection usable; a caller's oversized request id is not echoed; deadlines past
// Node's timer limit do not fire at once.
import { connect } from 'node:http2';
import { Metadata, status } from '@grpc/grpc-js';
import type { Client, ServiceError } from '@grpc/grpc-js';
import protobuf from 'protobufjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transformDslToModel } from '../../src/dsl/index.js';
import { ErrorCode } from '../../src/model/index.js';
import { encodeModel } from '../../src/transport/grpc/codec-model.js';
import { startGrpcHarness } from './grpc-harness.js';
import type { GrpcHarness } from './grpc-harness.js';

const dsl = `model
  schema 1.1
type user
type document
  relations
    define viewer: [user, user with allowed]
condition allowed(ok: bool) {
  ok
}
`;

let h: GrpcHarness;
let storeId: string;
let modelId: string;

beforeAll(async () => {
  h = await startGrpcHarness('edge');
  storeId = (await h.call<{ id: string }>('CreateStore', { name: 'edge' })).response.id;
  const model = encodeModel(transformDslToModel(dsl));
  modelId = (await h.call<{ authorization_model_id: string }>('WriteAuthorizationModel', { store_id: storeId, ...model })).response.authorization_model_id;
  await h.call('Write', { store_id: storeId, writes: { tuple_keys: [{ object: 'document:café', relation: 'viewer', user: 'user:anne' }] } });
});

afterAll(async () => {
  await h?.close();
});

// --- raw protobuf, so that a request can carry bytes no well-behaved client would send --------

type Part = [field: number, value: string | Uint8Array | Part[]];

function encode(parts: Part[]): Uint8Array {
  const w = protobuf.Writer.create();
  for (const [field, value] of parts) {
    w.uint32((field << 3) | 2);
    if (typeof value === 'string') w.string(value);
    else w.bytes(value instanceof Uint8Array ? value : encode(value));
  }
  return w.finish();
}

/** CheckRequest { store_id = 1; tuple_key = 2 { user = 1; relation = 2; object = 3 }; authorization_model_id = 4; context = 6 } */
function checkRequest(object: string | Uint8Array, extra: Part[] = []): Uint8Array {
  return encode([
    [1, storeId],
    [2, [[1, 'user:anne'], [2, 'viewer'], [3, object]]],
    [4, modelId],
    ...extra,
  ]);
}

interface RawResult {
  code: number;
  details: string;
  openfgaCode?: number;
  response?: Buffer;
}

function raw(client: Client, method: string, bytes: Uint8Array): Promise<RawResult> {
  return new Promise((resolve) => {
    client.makeUnaryRequest(
      `/openfga.v1.OpenFGAService/${method}`,
      (b: Uint8Array) => Buffer.from(b),
      (b: Buffer) => b,
      bytes,
      new Metadata(),
      { deadline: Date.now() + 10_000 },
      (error: ServiceError | null, response?: Buffer) => {
        if (!error) return resolve({ code: status.OK, details: '', response });
        const [code] = error.metadata?.get('openfga-error-code') ?? [];
        resolve({ code: error.code, details: error.details, openfgaCode: code === undefined ? undefined : Number(code) });
      },
    );
  });
}

const utf8 = (s: string) => new TextEncoder().encode(s);
const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(utf8(p)) : Buffer.from(p))));

const invalidUtf8 = {
  'a lone continuation byte': bytes('document:caf', [0x80]),
  'Latin-1 é (0xE9)': bytes('document:caf', [0xe9]),
  'an overlong "/"': bytes('document:', [0xc0, 0xaf], 'x'),
  'an encoded surrogate': bytes('document:', [0xed, 0xa0, 0x80]),
  'a truncated sequence': bytes('document:caf', [0xc3]),
  'a code point past U+10FFFF': bytes('document:', [0xf4, 0x90, 0x80, 0x80]),
};

describe('strict UTF-8 in every string field', () => {
  it('answers a valid multi-byte id as before', async () => {
    const result = await raw(h.client, 'Check', checkRequest('document:café'));
    expect(result.code).toBe(status.OK);
  });

  for (const [name, object] of Object.entries(invalidUtf8)) {
    it(`refuses ${name} in tuple_key.object with INVALID_ARGUMENT / validation_error`, async () => {
      const result = await raw(h.client, 'Check', checkRequest(object));
      expect(result).toMatchObject({ code: status.INVALID_ARGUMENT, openfgaCode: ErrorCode.ValidationError });
      expect(result.details).toBe("invalid request: field 'tuple_key.object' contains invalid UTF-8");
    });
  }

  it('refuses invalid UTF-8 in the store id, a contextual tuple, a context key and a context value', async () => {
    const bad = bytes('x', [0xff]);
    const requests = [
      encode([[1, bad], [2, [[1, 'user:anne'], [2, 'viewer'], [3, 'document:a']]]]),
      checkRequest('document:a', [[3, [[1, [[1, bad], [2, 'viewer'], [3, 'document:a']]]]]]),
      // Struct { fields = 1: map entry { key = 1; value = 2: Value { string_value = 3 } } }
      checkRequest('document:a', [[6, [[1, [[1, bad], [2, [[3, 'v']]]]]]]]),
      checkRequest('document:a', [[6, [[1, [[1, 'k'], [2, [[3, bad]]]]]]]]),
    ];
    for (const request of requests) {
      const result = await raw(h.client, 'Check', request);
      expect(result).toMatchObject({ code: status.INVALID_ARGUMENT, openfgaCode: ErrorCode.ValidationError });
    }
  });

  it('refuses invalid UTF-8 in a Write and writes nothing', async () => {
    // WriteRequest { store_id = 1; writes = 2 { tuple_keys = 1 { user = 1; relation = 2; object = 3 } } }
    const request = encode([[1, storeId], [2, [[1, [[1, 'user:bob'], [2, 'viewer'], [3, bytes('document:caf', [0xe9])]]]]]]);
    const result = await raw(h.client, 'Write', request);
    expect(result).toMatchObject({ code: status.INVALID_ARGUMENT, openfgaCode: ErrorCode.ValidationError });
    const read = await h.call<{ tuples: unknown[] }>('Read', { store_id: storeId, tuple_key: { user: 'user:bob', relation: 'viewer', object: 'document:' } });
    expect(read.response.tuples).toEqual([]);
  });

  it('refuses malformed protobuf with INVALID_ARGUMENT, not INTERNAL', async () => {
    const truncated = checkRequest('document:a').subarray(0, 20);
    const result = await raw(h.client, 'Check', truncated);
    expect(result).toMatchObject({ code: status.INVALID_ARGUMENT, openfgaCode: ErrorCode.ValidationError });
  });

  it('keeps valid requests working among many concurrent invalid ones', async () => {
    const calls = Array.from({ length: 60 }, (_, i) => raw(h.client, 'Check', checkRequest(i % 2 ? bytes('document:', [0xfe]) : 'document:café')));
    const results = await Promise.all(calls);
    results.forEach((result, i) => expect(result.code).toBe(i % 2 ? status.INVALID_ARGUMENT : status.OK));
  });
});

describe('message nesting', () => {
  /**
   * A context whose value is nested `depth` Structs deep (2 message levels per Struct as the
   * decoder counts them: map entries are decoded inline). Every
   * level is a prefix of the next (Value.struct_value → Struct.fields entry → key, value), so the
   * bytes are built from lengths alone, in linear time.
   */
  function nestedContext(depth: number): Part {
    const varint = (n: number) => protobuf.Writer.create().uint32(n).finish();
    const inner = encode([[3, 'x']]);
    const prefixes: Uint8Array[] = [];
    let length = inner.length;
    for (let i = 0; i < depth; i++) {
      for (const head of [[0x0a, 0x01, 0x61, 0x12], [0x0a], [0x2a]]) {
        const prefix = Buffer.concat([Buffer.from(head), varint(length)]);
        prefixes.push(prefix);
        length += prefix.length;
      }
    }
    const value = Buffer.concat([...prefixes.reverse(), inner]);
    return [6, [[1, [[1, 'a'], [2, value]]]]];
  }

  for (const depth of [600, 3_000, 200_000]) {
    it(`refuses a context nested ${depth} deep with INVALID_ARGUMENT`, async () => {
      const result = await raw(h.client, 'Check', checkRequest('document:a', [nestedContext(depth)]));
      expect(result).toMatchObject({ code: status.INVALID_ARGUMENT, openfgaCode: ErrorCode.ValidationError });
      expect(result.details).toMatch(/protobuf messages are nested deeper than 1000 levels/);
    });
  }

  it('decodes a context nested 30 deep and leaves its depth to the service', async () => {
    expect((await raw(h.client, 'Check', checkRequest('document:a', [nestedContext(30)]))).code).toBe(status.OK);
    const deeper = await raw(h.client, 'Check', checkRequest('document:a', [nestedContext(100)]));
    expect(deeper).toMatchObject({ code: status.INVALID_ARGUMENT, openfgaCode: ErrorCode.ValidationError });
    expect(deeper.details).not.toMatch(/protobuf messages|not valid protobuf/);
  });

  it('decodes a model whose rewrites are nested 100 deep', async () => {
    let userset: Record<string, unknown> = { this: {} };
    for (let i = 0; i < 100; i++) userset = { union: { child: [{ computed_userset: { relation: 'viewer' } }, userset] } };
    const deepStore = (await h.call<{ id: string }>('CreateStore', { name: 'edge-deep' })).response.id;
    const written = await h
      .call<{ authorization_model_id: string }>('WriteAuthorizationModel', {
        store_id: deepStore,
        schema_version: '1.1',
        type_definitions: [{ type: 'user' }, { type: 'document', relations: { viewer: { this: {} }, deep: userset }, metadata: { relations: { viewer: { directly_related_user_types: [{ type: 'user' }] }, deep: { directly_related_user_types: [{ type: 'user' }] } } } }],
      })
      .catch((error: ServiceError) => error.details);
    // protobufjs's default limit (100 messages) refused this at decode, as INTERNAL.
    expect(typeof written).toBe('object');
    const id = (written as { response: { authorization_model_id: string } }).response.authorization_model_id;
    // ... and the encoder's would have refused to send it back.
    const read = await h.call<{ authorization_model: { id: string } }>('ReadAuthorizationModel', { store_id: deepStore, id });
    expect(read.response.authorization_model.id).toBe(id);
  });
});

describe('replies quoting a huge input', () => {
  for (const size of [64 * 1024, 1024 * 1024]) {
    it(`answers a Check on an id of ${size / 1024} KiB promptly, and the connection stays usable`, async () => {
      const started = Date.now();
      const object = `document:${'a'.repeat(size)}`;
      const [failure, other] = await Promise.all([
        h.fail('Check', { store_id: storeId, authorization_model_id: modelId, tuple_key: { user: 'user:anne', relation: 'viewer', object } }),
        h.call<{ allowed: boolean }>('Check', { store_id: storeId, authorization_model_id: modelId, tuple_key: { user: 'user:anne', relation: 'viewer', object: 'document:café' } }),
      ]);
      expect(failure.grpcCode).toBe(status.INVALID_ARGUMENT);
      expect(Buffer.byteLength(failure.message)).toBeLessThanOrEqual(1024);
      expect(other.response.allowed).toBe(true);
      const after = await h.call<{ allowed: boolean }>('Check', { store_id: storeId, authorization_model_id: modelId, tuple_key: { user: 'user:anne', relation: 'viewer', object: 'document:café' } });
      expect(after.response.allowed).toBe(true);
      expect(Date.now() - started).toBeLessThan(5_000);
    });
  }

  it('answers a Write quoting a huge user id too', async () => {
    const failure = await h.fail('Write', { store_id: storeId, writes: { tuple_keys: [{ user: `user:${'u'.repeat(200_000)}`, relation: 'viewer', object: 'document:a' }] } });
    expect(failure.grpcCode).toBe(status.INVALID_ARGUMENT);
  });

  it('does not echo an oversized x-request-id, on success or failure', async () => {
    const huge = 'r'.repeat(16 * 1024);
    const ok = await h.call('Check', { store_id: storeId, authorization_model_id: modelId, tuple_key: { user: 'user:anne', relation: 'viewer', object: 'document:café' } }, { 'x-request-id': huge });
    const echoed = String(ok.headers.get('x-request-id')[0]);
    expect(echoed).not.toBe(huge);
    expect(echoed.length).toBeLessThanOrEqual(128);
    const failed = await h.fail('Check', { store_id: storeId, tuple_key: { user: 'user:anne', relation: 'viewer', object: `document:${'a'.repeat(100_000)}` } }, { 'x-request-id': huge });
    expect(failed.grpcCode).toBe(status.INVALID_ARGUMENT);
  });
});

// grpc-js's own client arms a timer for its deadline and so fails a 30-day deadline at once on
// its side: the request is sent over plain HTTP/2 with the `grpc-timeout` header instead.
function http2Call(port: number, method: string, message: Uint8Array, timeout: string): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const session = connect(`http://127.0.0.1:${port}`);
    session.on('error', reject);
    const frame = Buffer.alloc(5 + message.length);
    frame.writeUInt32BE(message.length, 1);
    frame.set(message, 5);
    const stream = session.request({
      ':method': 'POST',
      ':path': `/openfga.v1.OpenFGAService/${method}`,
      'content-type': 'application/grpc',
      te: 'trailers',
      'grpc-timeout': timeout,
    });
    const chunks: Buffer[] = [];
    let grpcStatus: number | undefined;
    stream.on('response', (headers) => {
      if (headers['grpc-status'] !== undefined) grpcStatus = Number(headers['grpc-status']);
    });
    stream.on('trailers', (trailers) => (grpcStatus = Number(trailers['grpc-status'])));
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      session.close();
      resolve({ status: grpcStatus ?? -1, body: Buffer.concat(chunks) });
    });
    stream.on('error', reject);
    stream.end(frame);
  });
}

describe('deadlines past the timer limit', () => {
  // 720 hours = 30 days, past setTimeout's 2^31-1 ms (about 24.8 days).
  const thirtyDays = '720H';

  it('a client deadline of 30 days does not fire at once (Check, ListObjects)', async () => {
    const check = await http2Call(h.runtime.grpc.port, 'Check', checkRequest('document:café'), thirtyDays);
    expect(check.status).toBe(status.OK);
    expect([...check.body.subarray(5, 7)]).toEqual([0x08, 0x01]); // allowed = true
    // ListObjectsRequest { store_id = 1; type = 3; relation = 4; user = 5 }
    const list = await http2Call(h.runtime.grpc.port, 'ListObjects', encode([[1, storeId], [3, 'document'], [4, 'viewer'], [5, 'user:anne']]), thirtyDays);
    expect(list.status).toBe(status.OK);
    expect(list.body.subarray(5).toString()).toContain('document:café');
  });

  it('with RELATA_REQUEST_TIMEOUT_MS=0, a 30-day client deadline does not fire at once', async () => {
    const h0 = await startGrpcHarness('edge0', { RELATA_REQUEST_TIMEOUT_MS: '0' });
    try {
      const store = (await h0.call<{ id: string }>('CreateStore', { name: 'edge0' })).response.id;
      await h0.call('WriteAuthorizationModel', { store_id: store, ...encodeModel(transformDslToModel(dsl)) });
      await h0.call('Write', { store_id: store, writes: { tuple_keys: [{ object: 'document:1', relation: 'viewer', user: 'user:anne' }] } });
      const check = await http2Call(h0.runtime.grpc.port, 'Check', encode([[1, store], [2, [[1, 'user:anne'], [2, 'viewer'], [3, 'document:1']]]]), thirtyDays);
      expect(check.status).toBe(status.OK);
      expect([...check.body.subarray(5, 7)]).toEqual([0x08, 0x01]);
      const streamed = await http2Call(h0.runtime.grpc.port, 'StreamedListObjects', encode([[1, store], [3, 'document'], [4, 'viewer'], [5, 'user:anne']]), thirtyDays);
      expect(streamed.status).toBe(status.OK);
      expect(streamed.body.toString()).toContain('document:1');
      // And a plain short deadline still applies.
      const hurried = await http2Call(h0.runtime.grpc.port, 'Check', encode([[1, store], [2, [[1, 'user:anne'], [2, 'viewer'], [3, 'document:1']]]]), '1n');
      expect([status.OK, status.DEADLINE_EXCEEDED]).toContain(hurried.status);
    } finally {
      await h0.close();
    }
  });
});
