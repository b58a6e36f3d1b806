// Hostile callers against the real gRPC server on PostgreSQL: fast-check throws malformed
// requests (NUL and control characters, lone surrogates that encode as invalid UTF-8, oversized
// ids, prototype names, forged tokens, deep contexts, raw protobuf garbage) at every RPC, several
// at a time, and asserts each gets a typed error (a gRPC status other than INTERNAL/UNKNOWN, with
// OpenFGA's code in the trailers and a short message), the server keeps answering, no call blocks
// the event loop for long, and the store's data is exactly what it was.
import { Client, credentials, Metadata, status } from '@grpc/grpc-js';
import type { ServiceError } from '@grpc/grpc-js';
import fc from 'fast-check';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transformDslToModel } from '../../src/dsl/index.js';
import { encodeModel } from '../../src/transport/grpc/codec-model.js';
import { createGrpcCaller } from '../helpers/grpc-caller.js';
import type { GrpcCaller } from '../helpers/grpc-caller.js';
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
    define viewer: [user, user:*, group#member, user with in_region] or owner
    define blocked: [user]
    define can_view: viewer but not blocked
condition in_region(region: string, allowed: list<string>) {
  region in allowed
}
`;

const seedTuples = [
  { object: 'document:1', relation: 'owner', user: 'user:anne' },
  { object: 'document:1', relation: 'viewer', user: 'group:eng#member' },
  { object: 'group:eng', relation: 'member', user: 'user:bob' },
  { object: 'document:2', relation: 'viewer', user: 'user:*' },
  { object: 'document:2', relation: 'blocked', user: 'user:carl' },
];

// Codes a hostile request may get; INTERNAL, UNKNOWN and a hang (DEADLINE_EXCEEDED) are bugs.
const typedFailures = new Set<number>([
  status.INVALID_ARGUMENT,
  status.NOT_FOUND,
  status.FAILED_PRECONDITION,
  status.OUT_OF_RANGE,
  status.RESOURCE_EXHAUSTED,
  status.ALREADY_EXISTS,
  status.UNIMPLEMENTED,
]);
const maxMessageLength = 2048;
const callDeadlineMs = 10_000;

let h: GrpcHarness;
let storeId: string;
let modelId: string;
let raw: Client;
let hostile: GrpcCaller;

beforeAll(async () => {
  h = await startGrpcHarness('fuzz');
  hostile = createGrpcCaller(`127.0.0.1:${h.runtime.grpc.port}`, { deadlineMs: callDeadlineMs });
  raw = new Client(`127.0.0.1:${h.runtime.grpc.port}`, credentials.createInsecure());
  storeId = (await h.call<{ id: string }>('CreateStore', { name: 'fuzz' })).response.id;
  const model = encodeModel(transformDslToModel(dsl));
  modelId = (await h.call<{ authorization_model_id: string }>('WriteAuthorizationModel', { store_id: storeId, ...model })).response.authorization_model_id;
  await h.call('Write', { store_id: storeId, writes: { tuple_keys: seedTuples } });
});

afterAll(async () => {
  raw?.close();
  hostile?.close();
  await h?.close();
});

// --- hostile values -------------------------------------------------------------------------

const nastyConstants = [
  '',
  '\0',
  'document:1\0',
  'document:\u0001',
  'document:\u007f',
  'document:a\nb',
  'user:\uD800',
  'user:a\uDFFFb',
  'document:\uFFFD',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'document:__proto__',
  'constructor:1',
  'user:*',
  '*',
  '#',
  ':',
  'document:1#viewer',
  'group:eng#member',
  'x'.repeat(300),
  'document:' + 'y'.repeat(70_000),
  'user:' + '\u00e9'.repeat(300),
];

const hostileString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...nastyConstants) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 0x10ffff }).map((cp) => `document:${cp >= 0xd800 && cp <= 0xdfff ? String.fromCharCode(cp) : String.fromCodePoint(cp)}`) },
);

const typeName = fc.constantFrom('user', 'group', 'document', 'folder', '__proto__', 'constructor', '');
const objectString = fc.oneof(hostileString, fc.tuple(typeName, hostileString).map(([t, id]) => `${t}:${id}`));
const relationString = fc.oneof(fc.constantFrom('viewer', 'owner', 'member', 'can_view', 'blocked', 'toString', '__proto__'), hostileString);
const userString = fc.oneof(objectString, fc.tuple(objectString, relationString).map(([o, r]) => `${o}#${r}`));

const structValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ string_value: hostileString }),
    fc.record({ number_value: fc.double() }),
    fc.record({ bool_value: fc.boolean() }),
    fc.record({ list_value: fc.record({ values: fc.array(tie('value'), { maxLength: 4 }) }) }),
    fc.record({ struct_value: tie('struct') }),
  ),
  struct: fc.record({ fields: fc.dictionary(hostileString, tie('value'), { maxKeys: 4 }) }),
})).struct;

const tupleKey = fc.record(
  {
    object: objectString,
    relation: relationString,
    user: userString,
    condition: fc.record({ name: fc.oneof(fc.constant('in_region'), hostileString), context: structValue }, { requiredKeys: ['name'] }),
  },
  { requiredKeys: ['object', 'relation', 'user'] },
);

const token = fc.oneof(
  fc.constantFrom('', '0', '1', '9223372036854775807', '9223372036854775808', '99999999999999999999', '-1', 'AAAA', '==', 'x'.repeat(6000)),
  fc.base64String({ maxLength: 200 }),
  hostileString,
);
const modelIdField = fc.oneof(fc.constant(''), fc.constant('01HZZZZZZZZZZZZZZZZZZZZZZZ'), hostileString);
const consistency = fc.constantFrom('MINIMIZE_LATENCY', 'HIGHER_CONSISTENCY', 'UNSPECIFIED');

// Metadata values a client can send at all (grpc-js refuses others before they leave).
const printable = (value: string): boolean => /^[\x20-\x7e]*$/.test(value);

interface FuzzCall {
  method: string;
  request: Record<string, unknown>;
  metadata: Record<string, string>;
}

const withStore = (request: fc.Arbitrary<Record<string, unknown>>) =>
  fc.tuple(request, fc.boolean(), hostileString).map(([r, ownStore, otherStore]) => ({ store_id: ownStore ? storeId : otherStore, ...r }));

const queryCommon = {
  authorization_model_id: modelIdField,
  contextual_tuples: fc.record({ tuple_keys: fc.array(tupleKey, { maxLength: 3 }) }),
  context: structValue,
  consistency,
};

const requests: Record<string, fc.Arbitrary<Record<string, unknown>>> = {
  Check: fc.record({ tuple_key: fc.record({ object: objectString, relation: relationString, user: userString }), ...queryCommon }, { requiredKeys: ['tuple_key'] }),
  BatchCheck: fc.record({
    checks: fc.array(
      fc.record({ tuple_key: fc.record({ object: objectString, relation: relationString, user: userString }), correlation_id: hostileString, context: structValue }, { requiredKeys: ['tuple_key', 'correlation_id'] }),
      { maxLength: 4 },
    ),
    authorization_model_id: modelIdField,
  }),
  ListObjects: fc.record({ type: typeName, relation: relationString, user: userString, ...queryCommon }, { requiredKeys: ['type', 'relation', 'user'] }),
  ListUsers: fc.record(
    {
      object: fc.record({ type: typeName, id: hostileString }),
      relation: relationString,
      user_filters: fc.array(fc.record({ type: typeName, relation: fc.option(relationString, { nil: undefined }) }, { requiredKeys: ['type'] }), { maxLength: 2 }),
      ...queryCommon,
    },
    { requiredKeys: ['object', 'relation', 'user_filters'] },
  ),
  Expand: fc.record({ tuple_key: fc.record({ object: objectString, relation: relationString }), authorization_model_id: modelIdField, consistency }),
  Read: fc.record({ tuple_key: fc.record({ object: objectString, relation: relationString, user: userString }, { requiredKeys: [] }), page_size: fc.record({ value: fc.integer({ min: -5, max: 200 }) }), continuation_token: token }, { requiredKeys: [] }),
  ReadChanges: fc.record({ type: typeName, page_size: fc.record({ value: fc.integer({ min: -5, max: 200 }) }), continuation_token: token }, { requiredKeys: [] }),
  // Every Write carries at least one hostile key, so all-or-nothing means nothing is written.
  Write: fc.record({
    writes: fc.record({ tuple_keys: fc.array(tupleKey, { minLength: 1, maxLength: 3 }).map((keys) => [...keys, { object: 'document:\0evil', relation: 'viewer', user: 'user:mallory' }]) }),
    authorization_model_id: modelIdField,
  }),
  ReadAuthorizationModel: fc.record({ id: hostileString }),
  ReadAssertions: fc.record({ authorization_model_id: hostileString }),
  GetStore: fc.record({}),
};

const fuzzCall: fc.Arbitrary<FuzzCall> = fc.oneof(
  ...Object.entries(requests).map(([method, request]) =>
    fc.record({
      method: fc.constant(method),
      request: withStore(request),
      metadata: fc.record({ 'x-relata-consistency-token': token.filter(printable), 'x-request-id': hostileString.filter(printable) }, { requiredKeys: [] }),
    }),
  ),
);

// --- assertions -----------------------------------------------------------------------------

function unaryRaw(method: string, body: Buffer): Promise<{ error?: ServiceError }> {
  return new Promise((resolve) => {
    raw.makeUnaryRequest(
      `/openfga.v1.OpenFGAService/${method}`,
      (b: Buffer) => b,
      (b: Buffer) => b,
      body,
      new Metadata(),
      { deadline: Date.now() + callDeadlineMs },
      (error) => resolve({ error: error ?? undefined }),
    );
  });
}

function expectTyped(method: string, error: ServiceError, what: unknown): void {
  const context = `${method} ${JSON.stringify(what)?.slice(0, 300)} -> ${error.code} ${error.details?.slice(0, 300)}`;
  expect(typedFailures.has(error.code), context).toBe(true);
  expect(error.metadata.get('openfga-error-code').length, context).toBe(1);
  expect(error.details.length, context).toBeLessThanOrEqual(maxMessageLength);
}

async function callHostile({ method, request, metadata }: FuzzCall): Promise<void> {
  try {
    await hostile.call(method, request, metadata);
  } catch (error) {
    const e = error as ServiceError;
    if (typeof e.code !== 'number') throw error;
    if (e.details?.startsWith('Request message serialization failure')) return; // the client refused to encode it
    expectTyped(method, e, request);
  }
}

async function snapshot(): Promise<{ tuples: string[]; changes: number }> {
  const tuples: string[] = [];
  let continuation_token = '';
  do {
    const { response } = await h.call<{ tuples: { key: { object: string; relation: string; user: string } }[]; continuation_token: string }>('Read', { store_id: storeId, page_size: { value: 100 }, continuation_token });
    tuples.push(...response.tuples.map((t) => `${t.key.object}#${t.key.relation}@${t.key.user}`));
    continuation_token = response.continuation_token;
  } while (continuation_token);
  const { response } = await h.call<{ changes: unknown[] }>('ReadChanges', { store_id: storeId, page_size: { value: 100 } });
  return { tuples: tuples.sort(), changes: response.changes.length };
}

async function knownAnswersHold(): Promise<void> {
  const check = async (object: string, relation: string, user: string) =>
    (await h.call<{ allowed: boolean }>('Check', { store_id: storeId, authorization_model_id: modelId, tuple_key: { object, relation, user } })).response.allowed;
  expect(await check('document:1', 'viewer', 'user:bob')).toBe(true);
  expect(await check('document:1', 'viewer', 'user:mallory')).toBe(false);
  expect(await check('document:2', 'can_view', 'user:carl')).toBe(false);
  expect(await check('document:2', 'can_view', 'user:dan')).toBe(true);
}

describe('hostile requests over gRPC (fast-check)', () => {
  it('every malformed request gets a typed error, concurrently, and leaves the data and the answers unchanged', async () => {
    const before = await snapshot();
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    await fc.assert(
      fc.asyncProperty(fc.array(fuzzCall, { minLength: 1, maxLength: 6 }), async (calls) => {
        await Promise.all(calls.map(callHostile));
      }),
      { numRuns: 150, seed: Number(process.env.RELATA_FUZZ_SEED ?? Date.now() % 1_000_000), verbose: 0 },
    );
    loop.disable();
    const p99Ms = loop.percentile(99) / 1e6;
    console.log(`[fuzz] structured: event loop delay p99 ${p99Ms.toFixed(1)} ms, max ${(loop.max / 1e6).toFixed(1)} ms`);
    expect(await snapshot()).toEqual(before);
    await knownAnswersHold();
  });

  it('raw protobuf garbage and deep nesting get a typed error, never INTERNAL', async () => {
    const methods = ['Check', 'Write', 'ListObjects', 'WriteAuthorizationModel', 'Read', 'BatchCheck'];
    // Struct{fields: {"a": Value{struct_value: Struct{...}}}} nested `depth` times, as wire bytes.
    const deepStruct = (depth: number): Buffer => {
      let struct = Buffer.alloc(0);
      for (let i = 0; i < depth; i++) {
        const value = Buffer.concat([Buffer.from([0x2a]), varint(struct.length), struct]); // Value.struct_value
        const entry = Buffer.concat([Buffer.from([0x0a, 0x01, 0x61, 0x12]), varint(value.length), value]); // key "a", value
        struct = Buffer.concat([Buffer.from([0x0a]), varint(entry.length), entry]); // Struct.fields
      }
      return struct;
    };
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...methods), fc.uint8Array({ maxLength: 300 }), async (method, bytes) => {
        const { error } = await unaryRaw(method, Buffer.from(bytes));
        if (error) expectTyped(method, error, [...bytes.slice(0, 40)]);
      }),
      { numRuns: 200 },
    );
    // CheckRequest.context (field 6 in openfga.v1) nested far deeper than any decoder allows.
    const struct = deepStruct(20_000);
    const { error } = await unaryRaw('Check', Buffer.concat([Buffer.from([0x32]), varint(struct.length), struct]));
    expect(error).toBeDefined();
    expectTyped('Check', error!, 'deep context');
    await knownAnswersHold();
  });
});

function varint(value: number): Buffer {
  const bytes: number[] = [];
  let v = value;
  while (v > 0x7f) {
    bytes.push((v & 0x7f) | 0x80);
    v >>>= 7;
  }
  bytes.push(v);
  return Buffer.from(bytes);
}
