// OpenFGA's consolidated + abac ListObjects and ListUsers assertions through the whole server:
// model and tuples written over gRPC, every list call over gRPC, on PostgreSQL.
import type { ServiceError } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonToStruct } from '../../src/transport/grpc/codec-values.js';
import { encodeModel } from '../../src/transport/grpc/codec-model.js';
import { encodeTupleKey } from '../../src/transport/grpc/codec-tuples.js';
import type { User__Output as UserMessage } from '../../src/transport/grpc/generated/openfga/v1/User.js';
import { conformanceDir, conformanceFiles, loadServerTests } from '../helpers/conformance.js';
import { runListCorpus } from '../helpers/list-conformance.js';
import type { ListDriver, ListError, ListStage } from '../helpers/list-conformance.js';
import { startGrpcHarness } from './grpc-harness.js';
import type { GrpcHarness } from './grpc-harness.js';

const corpus = conformanceDir();
let h: GrpcHarness;

function formatUser(user: UserMessage): string {
  if ('object' in user && user.object) return `${user.object.type}:${user.object.id}`;
  if ('wildcard' in user && user.wildcard) return `${user.wildcard.type}:*`;
  const u = (user as { userset: { type: string; id: string; relation: string } }).userset;
  return `${u.type}:${u.id}#${u.relation}`;
}

/** OpenFGA's code of a refused call (the `openfga-error-code` trailer), and how to show the error. */
function describeError(error: unknown): ListError {
  const e = error as ServiceError;
  const [value] = e.metadata?.get('openfga-error-code') ?? [];
  const code = value === undefined ? undefined : Number(value);
  return { code, shown: `${code ?? e.code}: ${e.details ?? String(error)}` };
}

const grpcDriver: ListDriver = {
  createStore: async (name) => (await h.call<{ id: string }>('CreateStore', { name })).response.id,
  writeModel: async (storeId, model) => {
    const encoded = encodeModel(model);
    await h.call('WriteAuthorizationModel', {
      store_id: storeId,
      schema_version: encoded.schema_version,
      type_definitions: encoded.type_definitions,
      conditions: encoded.conditions,
    });
  },
  writeTuples: async (storeId, tuples) => {
    await h.call('Write', { store_id: storeId, writes: { tuple_keys: tuples.map(encodeTupleKey) } });
  },
  listObjects: async (storeId, a) =>
    (
      await h.call<{ objects: string[] }>('ListObjects', {
        store_id: storeId,
        ...a.request,
        contextual_tuples: a.contextualTuples ? { tuple_keys: a.contextualTuples.map(encodeTupleKey) } : null,
        context: jsonToStruct(a.context),
      })
    ).response.objects,
  listUsers: async (storeId, a, object, filters) =>
    (
      await h.call<{ users: UserMessage[] }>('ListUsers', {
        store_id: storeId,
        object,
        relation: a.request.relation,
        user_filters: filters,
        contextual_tuples: (a.contextualTuples ?? []).map(encodeTupleKey),
        context: jsonToStruct(a.context),
      })
    ).response.users.map(formatUser),
  describeError,
};

describe.skipIf(!corpus)('list conformance over gRPC on PostgreSQL', () => {
  beforeAll(async () => {
    h = await startGrpcHarness('list');
  });
  afterAll(async () => {
    await h?.close();
  });

  for (const file of conformanceFiles) {
    it(`${file}: ListObjects and ListUsers`, { timeout: 300_000 }, async () => {
      const score = await runListCorpus(loadServerTests<ListStage>(corpus!, file), grpcDriver);
      expect(score.report(`grpc ${file}`)).toEqual([]);
    });
  }
});
