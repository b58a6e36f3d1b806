import { loadSync } from '@grpc/proto-loader';
import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { ErrorCode, ValidationError } from '../../model/index.js';
import { protoFiles, protoLoaderOptions, relataPackageDefinition, strictRequestDecoder } from './proto.js';
import { decodeFailureOf, maxMessageDepth } from './strict-decode.js';

interface Method {
  requestSerialize(value: object): Buffer;
  requestDeserialize(bytes: Buffer): unknown;
}

const methods = (definition: Record<string, unknown>) => definition['openfga.v1.OpenFGAService'] as Record<string, Method>;
const stock = methods(loadSync(protoFiles, protoLoaderOptions));
// WriteAuthorizationModel's bytes are decoded on the model worker (raw-request.ts), by this decoder.
const strict: Record<string, Pick<Method, 'requestDeserialize'>> = {
  ...methods(relataPackageDefinition()),
  WriteAuthorizationModel: { requestDeserialize: strictRequestDecoder('openfga.v1.OpenFGAService', 'WriteAuthorizationModel') },
};

function check(object: Uint8Array | string): Buffer {
  const key = protobuf.Writer.create();
  key.uint32(0x0a).string('user:anne').uint32(0x12).string('viewer').uint32(0x1a);
  if (typeof object === 'string') key.string(object);
  else key.bytes(object);
  return Buffer.from(protobuf.Writer.create().uint32(0x0a).string('store').uint32(0x12).bytes(key.finish()).finish());
}

describe('strict request decoding', () => {
  it('decodes valid requests exactly as proto-loader does', () => {
    const requests: [string, object][] = [
      ['Check', { store_id: 's', tuple_key: { user: 'user:zoë', relation: 'viewer', object: 'document:résumé-😀' }, consistency: 'HIGHER_CONSISTENCY' }],
      [
        'Check',
        {
          store_id: 's',
          tuple_key: { user: 'user:a', relation: 'r', object: 'doc:1' },
          contextual_tuples: { tuple_keys: [{ user: 'user:b', relation: 'r', object: 'doc:2', condition: { name: 'c', context: { fields: { x: { numberValue: 1 } } } } }] },
          context: { fields: { s: { stringValue: 'ü' }, l: { listValue: { values: [{ boolValue: true }, { nullValue: 'NULL_VALUE' }] } }, o: { structValue: { fields: {} } } } },
        },
      ],
      ['Read', { store_id: 's', page_size: { value: 7 }, continuation_token: 'abc' }],
      ['WriteAuthorizationModel', { store_id: 's', schema_version: '1.1', type_definitions: [{ type: 'doc', relations: { v: { union: { child: [{ this: {} }, { computed_userset: { relation: 'o' } }] } } } }] }],
    ];
    for (const [method, request] of requests) {
      const bytes = stock[method].requestSerialize(request);
      expect(strict[method].requestDeserialize(bytes), method).toEqual(stock[method].requestDeserialize(bytes));
    }
  });

  it('refuses invalid UTF-8 that proto-loader would turn into U+FFFD', () => {
    const bytes = check(Buffer.from([0x64, 0x6f, 0x63, 0x3a, 0xe9]));
    expect((stock.Check.requestDeserialize(bytes) as { tuple_key: { object: string } }).tuple_key.object).toBe('doc:\uFFFD');
    const failure = decodeFailureOf(strict.Check.requestDeserialize(bytes));
    expect(failure).toBeInstanceOf(ValidationError);
    expect(failure?.code).toBe(ErrorCode.ValidationError);
    expect(failure?.message).toBe("invalid request: field 'tuple_key.object' contains invalid UTF-8");
  });

  it('names the field holding invalid UTF-8, in nested messages, lists and map keys and values', () => {
    const bad = '\u0000BAD\u0000';
    const cases: [string, object][] = [
      ['store_id', { store_id: bad }],
      ['contextual_tuples.tuple_keys.object', { contextual_tuples: { tuple_keys: [{ object: 'doc:1' }, { object: bad }] } }],
      ['context.fields (a key)', { context: { fields: { [bad]: { stringValue: 'v' } } } }],
      ['context.fields[].stringValue', { context: { fields: { k: { stringValue: bad } } } }],
      ['context.fields[].listValue.values.structValue.fields[].stringValue', { context: { fields: { k: { listValue: { values: [{ structValue: { fields: { x: { stringValue: bad } } } }] } } } } }],
    ];
    for (const [path, request] of cases) {
      // Serialize valid UTF-8, then corrupt the marker's first byte into a lone 0xFF.
      const bytes = Buffer.from(stock.Check.requestSerialize({ tuple_key: { user: 'user:a', relation: 'r', object: 'doc:1' }, ...request }));
      bytes[bytes.indexOf('\u0000BAD')] = 0xff;
      expect(decodeFailureOf(strict.Check.requestDeserialize(bytes))?.message, path).toBe(`invalid request: field '${path}' contains invalid UTF-8`);
    }
  });

  it('does not mistake a decoded request for a failure', () => {
    expect(decodeFailureOf(strict.Check.requestDeserialize(check('doc:1')))).toBeUndefined();
    expect(decodeFailureOf(null)).toBeUndefined();
    expect(decodeFailureOf({})).toBeUndefined();
  });

  it('refuses truncated and garbage input as invalid protobuf', () => {
    for (const bytes of [check('doc:1').subarray(0, 12), Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01])]) {
      expect(decodeFailureOf(strict.Check.requestDeserialize(bytes))?.message).toMatch(/not valid protobuf/);
    }
  });

  it(`accepts nesting up to ${maxMessageDepth} levels and refuses deeper`, () => {
    const rewrite = (depth: number) => {
      let userset: object = { this: {} };
      for (let i = 0; i < depth; i++) userset = { difference: { base: userset, subtract: { this: {} } } };
      // The encoder shares protobufjs's limit: lift it while building the too-deep request.
      const limit = protobuf.util.recursionLimit;
      protobuf.util.recursionLimit = 10 * limit;
      try {
        return stock.WriteAuthorizationModel.requestSerialize({ store_id: 's', type_definitions: [{ type: 'doc', relations: { v: userset } }] });
      } finally {
        protobuf.util.recursionLimit = limit;
      }
    };
    // WriteAuthorizationModelRequest → TypeDefinition → Userset, then 2 levels per difference.
    expect(decodeFailureOf(strict.WriteAuthorizationModel.requestDeserialize(rewrite(100)))).toBeUndefined();
    expect(decodeFailureOf(strict.WriteAuthorizationModel.requestDeserialize(rewrite(maxMessageDepth / 2 - 2)))).toBeUndefined();
    expect(decodeFailureOf(strict.WriteAuthorizationModel.requestDeserialize(rewrite(maxMessageDepth / 2 + 1)))?.message).toMatch(/nested deeper than 1000 levels/);
  });
});
