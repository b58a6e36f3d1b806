// A model and a context Struct whose keys are Object.prototype names (`__proto__` above all)
// survive encode -> wire -> decode with the server's own (de)serializers, each key an own key.
import type { MethodDefinition } from '@grpc/proto-loader';
import { describe, expect, it } from 'vitest';
import { transformDslToModel } from '../../dsl/index.js';
import { validateModel } from '../../model/index.js';
import { PROTOTYPE_NAMES, contextWith, prototypeNamesDsl } from '../../../test/helpers/prototype-names.js';
import { encodeModel } from './codec-model.js';
import { decodeWriteModelRequest } from './model-request.js';
import { decodeTupleKey, encodeTupleKey } from './codec-tuples.js';
import { jsonToStruct, structToJson } from './codec-values.js';
import type { CheckRequest__Output } from './generated/openfga/v1/CheckRequest.js';
import { relataPackageDefinition } from './proto.js';

const service = relataPackageDefinition()['openfga.v1.OpenFGAService'] as Record<string, MethodDefinition<object, object>>;

function overTheWire<T>(method: string, request: object): T {
  const definition = service[method]!;
  return definition.requestDeserialize(definition.requestSerialize(request)) as T;
}

describe.each(PROTOTYPE_NAMES)('the name %s', (n) => {
  it('keeps every model dictionary key through the wire', () => {
    const model = transformDslToModel(prototypeNamesDsl(n));
    const encoded = encodeModel({ ...model, id: '' });
    const definition = service.WriteAuthorizationModel!;
    const { model: decoded } = decodeWriteModelRequest(definition.requestSerialize({ store_id: 'x', ...encoded }));
    const typeDef = decoded.type_definitions.find((def) => def.type === n)!;
    expect(Object.keys(typeDef.relations!)).toEqual([n]);
    expect(Object.keys(typeDef.metadata!.relations!)).toEqual([n]);
    expect(typeDef.metadata!.relations![n]!.directly_related_user_types).toEqual(model.type_definitions[1]!.metadata!.relations![n]!.directly_related_user_types);
    const doc = decoded.type_definitions.find((def) => def.type === 'doc')!;
    expect(Object.keys(doc.relations!).sort()).toEqual(Object.keys(model.type_definitions[2]!.relations!).sort());
    expect(Object.keys(decoded.conditions!)).toEqual([n]);
    expect(decoded.conditions![n]).toEqual(model.conditions![n]);
    expect(Object.keys(decoded.conditions![n]!.parameters!)).toEqual([n]);
    expect(JSON.stringify(decoded)).toBe(JSON.stringify({ schema_version: model.schema_version, type_definitions: decoded.type_definitions, conditions: model.conditions }));
    expect(validateModel({ ...decoded })).toEqual([]);
  });

  it('keeps a context key through the wire, at the top level and nested', () => {
    const context = { ...contextWith(n, 'ok'), nested: contextWith(n, [contextWith(n, 1)]) };
    const check = overTheWire<CheckRequest__Output>('Check', {
      store_id: 'x',
      tuple_key: { object: 'doc:1', relation: n, user: 'user:anne' },
      context: jsonToStruct(context),
      contextual_tuples: { tuple_keys: [encodeTupleKey({ object: 'doc:1', relation: n, user: 'user:anne', condition: { name: n, context } })] },
    });
    const decoded = structToJson(check.context)!;
    expect(Object.keys(decoded)).toEqual([n, 'nested']);
    expect(Object.hasOwn(decoded, n)).toBe(true);
    expect(decoded[n]).toBe('ok');
    expect(JSON.stringify(decoded)).toBe(JSON.stringify(context));
    const tuple = decodeTupleKey(check.contextual_tuples!.tuple_keys![0]!);
    expect(tuple.condition!.name).toBe(n);
    expect(JSON.stringify(tuple.condition!.context)).toBe(JSON.stringify(context));
  });

  it('is an ordinary key of a context that came from JSON.parse', () => {
    const parsed = JSON.parse(`{${JSON.stringify(n)}: {"a": true}}`) as Record<string, unknown>;
    const struct = jsonToStruct(parsed)!;
    expect(Object.keys(struct.fields!)).toEqual([n]);
    const check = overTheWire<CheckRequest__Output>('Check', { store_id: 'x', tuple_key: { object: 'doc:1', relation: 'r', user: 'user:a' }, context: struct });
    expect(JSON.stringify(structToJson(check.context))).toBe(`{${JSON.stringify(n)}:{"a":true}}`);
  });
});
