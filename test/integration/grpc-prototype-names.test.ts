// Models, tuples, contexts and correlation ids named like Object.prototype members, end to end:
// a real grpc-js client against Relata's gRPC server on PostgreSQL (cache on). Every name must
// answer exactly like the ordinary name `plain`, and keep its keys when the model is read back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transformDslToModel } from '../../src/dsl/index.js';
import { encodeModel } from '../../src/transport/grpc/codec-model.js';
import { jsonToStruct } from '../../src/transport/grpc/codec-values.js';
import { PLAIN_NAME, PROTOTYPE_NAMES, contextWith, prototypeNamesDsl } from '../helpers/prototype-names.js';
import { startGrpcHarness } from './grpc-harness.js';
import type { GrpcHarness, RpcFailure } from './grpc-harness.js';

let h: GrpcHarness;

beforeAll(async () => {
  h = await startGrpcHarness('protonames');
});

afterAll(async () => {
  await h?.close();
});

interface ModelResponse {
  authorization_model: {
    type_definitions: { type: string; relations: Record<string, unknown>; metadata: { relations: Record<string, unknown> } | null }[];
    conditions: Record<string, { name: string; parameters: Record<string, unknown> }>;
  };
}

/** The scenario's answers for name `n` (condition parameter `param`), with `n` spelled `@`. */
async function scenario(n: string, param: string): Promise<{ answers: string; model: ModelResponse['authorization_model'] }> {
  const store = await h.call<{ id: string }>('CreateStore', { name: `proto-${n}` });
  const storeId = store.response.id;
  const model = encodeModel(transformDslToModel(prototypeNamesDsl(n, param)));
  const written = await h.call<{ authorization_model_id: string }>('WriteAuthorizationModel', {
    store_id: storeId,
    schema_version: model.schema_version,
    type_definitions: model.type_definitions,
    conditions: model.conditions,
  });
  const modelId = written.response.authorization_model_id;
  const read = await h.call<ModelResponse>('ReadAuthorizationModel', { store_id: storeId, id: modelId });

  const context = (value: string) => jsonToStruct(contextWith(param, value));
  await h.call('Write', {
    store_id: storeId,
    writes: {
      tuple_keys: [
        { object: `${n}:g1`, relation: n, user: 'user:anne' },
        { object: `${n}:g1`, relation: n, user: `${n}:g2#${n}` },
        { object: `${n}:g2`, relation: n, user: 'user:bob' },
        { object: `${n}:g3`, relation: n, user: 'user:*' },
        { object: `${n}:g4`, relation: n, user: 'user:carl', condition: { name: n, context: context('ok') } },
        { object: `${n}:g4`, relation: n, user: 'user:frank', condition: { name: n, context: context('no') } },
        { object: `${n}:g5`, relation: n, user: 'user:dave', condition: { name: n } },
        { object: 'doc:1', relation: n, user: `${n}:g1#${n}` },
        { object: 'doc:1', relation: 'blocked', user: 'user:bob' },
        { object: 'doc:2', relation: 'parent', user: `${n}:g3` },
        { object: 'doc:3', relation: 'parent', user: `${n}:g4` },
        { object: 'doc:4', relation: 'parent', user: `${n}:g5` },
      ],
    },
  });

  const out: unknown[] = [];
  const users = ['user:anne', 'user:bob', 'user:carl', 'user:dave', 'user:frank'];
  for (const ctx of [undefined, context('ok'), context('no')]) {
    for (const user of users) {
      for (const [object, relation] of [['doc:1', 'viewer'], ['doc:1', 'can_view'], ['doc:3', 'viewer'], ['doc:4', 'both'], ['doc:4', 'viewer'], [`${n}:g1`, n]]) {
        const checked = await h.call<{ allowed: boolean }>('Check', { store_id: storeId, tuple_key: { object, relation, user }, context: ctx }).catch((e: unknown) => e);
        out.push(['check', object, relation, user, ctx ? 1 : 0, 'response' in (checked as object) ? (checked as { response: unknown }).response : String(checked)]);
      }
      const listed = await h.call<{ objects: string[] }>('ListObjects', { store_id: storeId, type: 'doc', relation: 'viewer', user, context: ctx });
      out.push(['list-objects', user, ctx ? 1 : 0, [...listed.response.objects].sort()]);
    }
    const listedUsers = await h.call<{ users: unknown[] }>('ListUsers', {
      store_id: storeId,
      object: { type: 'doc', id: '1' },
      relation: 'viewer',
      user_filters: [{ type: 'user' }],
      context: ctx,
    });
    out.push(['list-users', ctx ? 1 : 0, listedUsers.response.users.map((u) => JSON.stringify(u)).sort()]);
  }
  const batch = await h.call<{ result: Record<string, { allowed?: boolean }> }>('BatchCheck', {
    store_id: storeId,
    checks: users.map((user, i) => ({ correlation_id: i === 0 ? n : `c${i}`, tuple_key: { object: 'doc:1', relation: 'viewer', user } })),
  });
  const result = batch.response.result;
  out.push(['batch-check', Object.keys(result).length, [n, 'c1', 'c2', 'c3', 'c4'].map((id) => (Object.hasOwn(result, id) ? result[id]!.allowed : 'missing'))]);
  const expanded = await h.call('Expand', { store_id: storeId, tuple_key: { object: 'doc:1', relation: n } });
  out.push(['expand', expanded.response]);
  const unknownRelation: RpcFailure = await h.fail('Check', { store_id: storeId, tuple_key: { object: 'doc:1', relation: `${n}x`, user: 'user:anne' } });
  out.push(['unknown-relation', unknownRelation.grpcCode, unknownRelation.openfgaCode]);
  return { answers: JSON.stringify(out).replaceAll(n, '@'), model: read.response.authorization_model };
}

describe('gRPC on PostgreSQL: names like Object.prototype members', () => {
  let expected: string | undefined;
  const plain = async (): Promise<string> => (expected ??= (await scenario(PLAIN_NAME, PLAIN_NAME)).answers);

  it.each(PROTOTYPE_NAMES)('%s: the stored model keeps its keys and every call answers like an ordinary name', async (n) => {
    const { answers, model } = await scenario(n, n);
    const typeDef = model.type_definitions.find((def) => def.type === n)!;
    expect(Object.keys(typeDef.relations)).toEqual([n]);
    expect(Object.keys(typeDef.metadata!.relations)).toEqual([n]);
    expect(Object.keys(model.type_definitions.find((def) => def.type === 'doc')!.relations)).toContain(n);
    expect(Object.keys(model.conditions)).toEqual([n]);
    expect(Object.keys(model.conditions[n]!.parameters)).toEqual([n]);
    const reference = await plain();
    expect(reference).toContain('["check","doc:1","viewer","user:anne",0,{"allowed":true,"resolution":""}]');
    expect(reference).toContain('["check","doc:3","viewer","user:carl",0,{"allowed":true,"resolution":""}]');
    expect(reference).toContain('["batch-check",5,[true,true,false,false,false]]');
    expect(answers).toBe(reference);
  }, 60_000);

  it.each(PROTOTYPE_NAMES)('%s: a context key survives PostgreSQL (Read, ReadChanges, assertions)', async (n) => {
    const store = await h.call<{ id: string }>('CreateStore', { name: `ctx-${n}` });
    const storeId = store.response.id;
    const model = encodeModel(transformDslToModel(prototypeNamesDsl(n)));
    const written = await h.call<{ authorization_model_id: string }>('WriteAuthorizationModel', { store_id: storeId, ...model, id: undefined });
    const modelId = written.response.authorization_model_id;
    const context = jsonToStruct(contextWith(n, 'ok'));
    await h.call('Write', { store_id: storeId, writes: { tuple_keys: [{ object: `${n}:g1`, relation: n, user: 'user:carl', condition: { name: n, context } }] } });
    type Fields = { fields: Record<string, { stringValue?: string }> };
    const fieldsOf = (struct: Fields | null | undefined) => [Object.keys(struct?.fields ?? {}), Object.hasOwn(struct?.fields ?? {}, n) ? struct!.fields[n]!.stringValue : 'missing'];
    const read = await h.call<{ tuples: { key: { condition: { context: Fields } } }[] }>('Read', { store_id: storeId });
    expect(fieldsOf(read.response.tuples[0]!.key.condition.context)).toEqual([[n], 'ok']);
    const changes = await h.call<{ changes: { tuple_key: { condition: { context: Fields } } }[] }>('ReadChanges', { store_id: storeId });
    expect(fieldsOf(changes.response.changes[0]!.tuple_key.condition.context)).toEqual([[n], 'ok']);
    const tupleKey = { object: `${n}:g1`, relation: n, user: 'user:carl' };
    await h.call('WriteAssertions', { store_id: storeId, authorization_model_id: modelId, assertions: [{ tuple_key: tupleKey, expectation: true, context }] });
    const assertions = await h.call<{ assertions: { context: Fields }[] }>('ReadAssertions', { store_id: storeId, authorization_model_id: modelId });
    expect(fieldsOf(assertions.response.assertions[0]!.context)).toEqual([[n], 'ok']);
  });
});
