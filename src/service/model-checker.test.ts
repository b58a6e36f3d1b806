// The model worker answers exactly as the in-process checker does (same stage, code and message,
// from request bytes as from objects), and its queue is bounded.
import { afterAll, describe, expect, it } from 'vitest';
import protobuf from 'protobufjs';
import { transformDslToModel } from '../dsl/index.js';
import { encodeModel } from '../transport/grpc/codec-model.js';
import { writeModelRequestFormat } from '../transport/grpc/model-request.js';
import { toGrpcError } from '../transport/grpc/error-status.js';
import { relataPackageDefinition } from '../transport/grpc/proto.js';
import { toHttpError } from '../transport/http/error-status.js';
import { writeModelBodyFormat } from '../transport/http/model-request.js';
import type { ModelCheckOutcome, ModelSource } from './model-check.js';
import { ModelChecksBusyError, createWorkerModelChecker, inProcessModelChecker } from './model-checker.js';

const limits = { maxTypes: 100, maxSizeBytes: 262_144 };
const dsl = 'model\n  schema 1.1\ntype user\ntype doc\n  relations\n    define viewer: [user]\n';
const method = (relataPackageDefinition()['openfga.v1.OpenFGAService'] as unknown as Record<string, { requestSerialize(value: object): Buffer }>).WriteAuthorizationModel;
const grpc = (request: object): ModelSource => ({ format: writeModelRequestFormat, bytes: method.requestSerialize(request) });
const http = (body: string): ModelSource => ({ format: writeModelBodyFormat, bytes: Buffer.from(body) });

/** An outcome as plain data (errors by class, code and message). */
function plain(outcome: ModelCheckOutcome): unknown {
  if ('checked' in outcome) return { storeId: outcome.checked.storeId, schemaVersion: outcome.checked.schemaVersion, json: JSON.parse(outcome.checked.json) as unknown };
  return { failed: outcome.failed, storeId: outcome.storeId, error: [outcome.error.name, outcome.error.code, outcome.error.message] };
}

const worker = createWorkerModelChecker({ maxQueued: 2 });
afterAll(() => worker.close());

describe('the model worker', () => {
  const model = encodeModel({ ...transformDslToModel(dsl), id: '' });
  const badUtf8 = method.requestSerialize({ store_id: 's', schema_version: '1.1', type_definitions: [{ type: 'dóc' }] });
  badUtf8[badUtf8.indexOf(0xc3)] = 0xff;
  const sources: [string, ModelSource][] = [
    ['a valid model (gRPC)', grpc({ store_id: '01HSTORE', ...model })],
    ['a valid model (HTTP)', http(JSON.stringify({ schema_version: '1.1', type_definitions: transformDslToModel(dsl).type_definitions }))],
    ['a valid model (object)', { model: transformDslToModel(dsl) }],
    ['not protobuf', { format: writeModelRequestFormat, bytes: Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]) }],
    ['invalid UTF-8 in a type name', { format: writeModelRequestFormat, bytes: badUtf8 }],
    ['a rewrite without an operator', grpc({ store_id: 's', schema_version: '1.1', type_definitions: [{ type: 'doc', relations: { v: {} } }] })],
    ['too many types', grpc({ store_id: 's', schema_version: '1.1', type_definitions: Array.from({ length: 101 }, (_, i) => ({ type: `t${i}` })) })],
    ['a control character in a relation', grpc({ store_id: 's', schema_version: '1.1', type_definitions: [{ type: 'doc', relations: { 'v\u0001': { this: {} } } }] })],
    ['an undefined relation', grpc({ store_id: 's', schema_version: '1.1', type_definitions: [{ type: 'user' }, { type: 'doc', relations: { v: { computed_userset: { relation: 'nope' } } } }] })],
    ['a type_definitions that is not a list (HTTP)', http('{"schema_version":"1.1","type_definitions":{"type":"doc"}}')],
  ];

  it.each(sources)('%s: answers as the in-process checker does', async (_name, source) => {
    // A transferred buffer is gone from this thread: the worker gets its own copy of the bytes.
    const copy = 'bytes' in source ? { ...source, bytes: Buffer.from(source.bytes) } : source;
    expect(plain(await worker.check(copy, limits))).toEqual(plain(await inProcessModelChecker(source, limits)));
  });

  it('stages refusals where the service raises them', async () => {
    const stage = async (source: ModelSource) => {
      const outcome = await worker.check(source, limits);
      return 'failed' in outcome ? outcome.failed : 'checked';
    };
    expect(await stage(sources[3][1])).toBe('decode');
    expect(await stage(grpc({ store_id: 's', schema_version: '1.1', type_definitions: [{ type: 'doc', relations: { v: {} } }] }))).toBe('decode');
    expect(await stage(grpc({ store_id: 's', schema_version: '1.1', type_definitions: Array.from({ length: 101 }, (_, i) => ({ type: `t${i}` })) }))).toBe('text');
    expect(await stage(grpc({ store_id: 's', schema_version: '1.1', type_definitions: [{ type: 'user' }, { type: 'doc', relations: { v: { computed_userset: { relation: 'nope' } } } }] }))).toBe('model');
  });

  it('refuses checks beyond its queue at once, and serves the next ones', async () => {
    const source = (): ModelSource => grpc({ store_id: 's', ...model });
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => worker.check(source(), limits)));
    const refused = results.filter((r) => r.status === 'rejected');
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
    expect(refused).toHaveLength(4);
    for (const r of refused) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(ModelChecksBusyError);
    expect((refused[0] as PromiseRejectedResult).reason.message).toMatch(/too many authorization model writes in progress \(at most 2/);
    expect('checked' in (await worker.check(source(), limits))).toBe(true);
    // RESOURCE_EXHAUSTED over gRPC, 429 with Retry-After over HTTP, with the message as it is.
    const busy = (refused[0] as PromiseRejectedResult).reason as ModelChecksBusyError;
    expect(toGrpcError(busy).response.code).toBe(8);
    expect(toHttpError(busy)).toMatchObject({ status: 429, retryAfterSeconds: 1, internal: false, body: { code: 'throttled_timeout_error', message: busy.message } });
  });

  it('survives garbage of every size without crashing', async () => {
    for (const size of [0, 1, 7, 1000, 100_000]) {
      const bytes = Buffer.alloc(size, 0x0a);
      const outcome = await worker.check({ format: writeModelRequestFormat, bytes }, limits);
      expect('failed' in outcome || 'checked' in outcome).toBe(true);
    }
    const writer = protobuf.Writer.create();
    writer.uint32(0x12).uint32(1 << 30);
    const outcome = await worker.check({ format: writeModelRequestFormat, bytes: Buffer.from(writer.finish()) }, limits);
    expect(plain(outcome)).toMatchObject({ failed: 'decode', error: ['ValidationError', 2000, 'invalid request: the message is not valid protobuf'] });
  });
});
