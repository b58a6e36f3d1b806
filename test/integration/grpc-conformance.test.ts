// OpenFGA's consolidated + abac check assertions through the whole server: DSL compiled by
// src/dsl, model and tuples written over gRPC, every Check sent over gRPC, on PostgreSQL. A
// refused request must carry OpenFGA's code in the `openfga-error-code` trailer.
import type { ServiceError } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe } from 'vitest';
import { transformDslToModel } from '../../src/dsl/index.js';
import type { TupleKey } from '../../src/model/index.js';
import { jsonToStruct } from '../../src/transport/grpc/codec-values.js';
import { encodeModel } from '../../src/transport/grpc/codec-model.js';
import { encodeTupleKey } from '../../src/transport/grpc/codec-tuples.js';
import { conformanceDir } from '../helpers/conformance.js';
import type { CheckDriver } from '../conformance/engine/consolidated-runner.js';
import { describeCheckConformance } from '../conformance/engine/consolidated-runner.js';
import { startGrpcHarness } from './grpc-harness.js';
import type { GrpcHarness } from './grpc-harness.js';

const corpus = conformanceDir();
let h: GrpcHarness;

/** An error with OpenFGA's numeric code, as the runner expects. */
class CodedError extends Error {
  constructor(
    readonly code: number | undefined,
    message: string,
  ) {
    super(message);
  }
}

async function rpc<T>(method: string, request: object): Promise<T> {
  try {
    return (await h.call<T>(method, request)).response;
  } catch (error) {
    const e = error as ServiceError;
    const [code] = e.metadata?.get('openfga-error-code') ?? [];
    throw new CodedError(code === undefined ? undefined : Number(code), e.details ?? String(error));
  }
}

function storeName(test: string): string {
  const name = test.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 60);
  return name.length >= 3 ? name : `t_${name}_`;
}

const grpcDriver: CheckDriver = {
  async openStore(testName) {
    const { id: storeId } = await rpc<{ id: string }>('CreateStore', { name: storeName(testName) });
    return {
      async writeModel(dsl) {
        const model = encodeModel(transformDslToModel(dsl));
        await rpc('WriteAuthorizationModel', {
          store_id: storeId,
          schema_version: model.schema_version,
          type_definitions: model.type_definitions,
          conditions: model.conditions,
        });
      },
      async writeTuples(tuples: TupleKey[]) {
        for (let i = 0; i < tuples.length; i += 100) {
          await rpc('Write', { store_id: storeId, writes: { tuple_keys: tuples.slice(i, i + 100).map(encodeTupleKey) } });
        }
      },
      async check({ tuple, contextualTuples, context }) {
        const response = await rpc<{ allowed: boolean }>('Check', {
          store_id: storeId,
          tuple_key: { object: tuple.object, relation: tuple.relation, user: tuple.user },
          contextual_tuples: contextualTuples ? { tuple_keys: contextualTuples.map(encodeTupleKey) } : null,
          context: jsonToStruct(context),
        });
        return response.allowed;
      },
    };
  },
};

describe.skipIf(!corpus)('conformance over gRPC on PostgreSQL', () => {
  beforeAll(async () => {
    h = await startGrpcHarness('conf');
  });
  afterAll(async () => {
    await h?.close();
  });

  describeCheckConformance(corpus, 'grpc check', () => grpcDriver);
});
