// OpenFGA's consolidated + abac check assertions through the whole server over HTTP/JSON: model
// and tuples written with OpenFGA's REST API, every Check a POST /stores/{id}/check, on
// PostgreSQL through the composition root. A refused request must carry OpenFGA's code.
import { afterAll, beforeAll, describe } from 'vitest';
import { transformDslToModel } from '../../src/dsl/index.js';
import type { TupleKey } from '../../src/model/index.js';
import { conformanceDir } from '../helpers/conformance.js';
import { createHttpClient } from '../helpers/http-client.js';
import type { HttpClient } from '../helpers/http-client.js';
import type { CheckDriver } from '../conformance/engine/consolidated-runner.js';
import { describeCheckConformance } from '../conformance/engine/consolidated-runner.js';
import { startGrpcHarness } from './grpc-harness.js';
import type { GrpcHarness } from './grpc-harness.js';

const corpus = conformanceDir();
let h: GrpcHarness;
let http: HttpClient;

function storeName(test: string): string {
  const name = test.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 60);
  return name.length >= 3 ? name : `t_${name}_`;
}

const httpDriver: CheckDriver = {
  async openStore(testName) {
    const { id } = await http.call<{ id: string }>('POST', '/stores', { name: storeName(testName) });
    const store = `/stores/${id}`;
    return {
      async writeModel(dsl) {
        await http.call('POST', `${store}/authorization-models`, transformDslToModel(dsl));
      },
      async writeTuples(tuples: TupleKey[]) {
        for (let i = 0; i < tuples.length; i += 100) await http.call('POST', `${store}/write`, { writes: { tuple_keys: tuples.slice(i, i + 100) } });
      },
      async check({ tuple, contextualTuples, context }) {
        const response = await http.call<{ allowed: boolean }>('POST', `${store}/check`, {
          tuple_key: { object: tuple.object, relation: tuple.relation, user: tuple.user },
          contextual_tuples: contextualTuples ? { tuple_keys: contextualTuples } : null,
          context: context ?? null,
        });
        return response.allowed;
      },
    };
  },
};

describe.skipIf(!corpus)('conformance over HTTP on PostgreSQL', () => {
  beforeAll(async () => {
    h = await startGrpcHarness('hconf');
    http = createHttpClient(`http://127.0.0.1:${h.runtime.http!.port}`);
  });
  afterAll(async () => {
    await h?.close();
  });

  describeCheckConformance(corpus, 'http check', () => httpDriver);
});
