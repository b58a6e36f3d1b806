// OpenFGA's consolidated + abac ListObjects and ListUsers assertions through the whole server over
// HTTP/JSON: model and tuples written with OpenFGA's REST API, every list call a POST to
// /list-objects or /list-users, on PostgreSQL through the composition root.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ListedUser } from '../../src/service/index.js';
import { conformanceDir, conformanceFiles, loadServerTests } from '../helpers/conformance.js';
import { createHttpClient, HttpCallError } from '../helpers/http-client.js';
import type { HttpClient } from '../helpers/http-client.js';
import { runListCorpus } from '../helpers/list-conformance.js';
import type { ListDriver, ListStage } from '../helpers/list-conformance.js';
import { startGrpcHarness } from './grpc-harness.js';
import type { GrpcHarness } from './grpc-harness.js';

const corpus = conformanceDir();
let h: GrpcHarness;
let http: HttpClient;

function formatUser(user: ListedUser): string {
  if ('object' in user) return `${user.object.type}:${user.object.id}`;
  if ('wildcard' in user) return `${user.wildcard.type}:*`;
  return `${user.userset.type}:${user.userset.id}#${user.userset.relation}`;
}

const httpDriver: ListDriver = {
  createStore: async (name) => (await http.call<{ id: string }>('POST', '/stores', { name })).id,
  writeModel: async (storeId, model) => {
    await http.call('POST', `/stores/${storeId}/authorization-models`, model);
  },
  writeTuples: async (storeId, tuples) => {
    await http.call('POST', `/stores/${storeId}/write`, { writes: { tuple_keys: tuples } });
  },
  listObjects: async (storeId, a) =>
    (
      await http.call<{ objects: string[] }>('POST', `/stores/${storeId}/list-objects`, {
        ...a.request,
        contextual_tuples: a.contextualTuples ? { tuple_keys: a.contextualTuples } : null,
        context: a.context ?? null,
      })
    ).objects,
  listUsers: async (storeId, a, object, filters) =>
    (
      await http.call<{ users: ListedUser[] }>('POST', `/stores/${storeId}/list-users`, {
        object,
        relation: a.request.relation,
        user_filters: filters,
        contextual_tuples: a.contextualTuples ?? [],
        context: a.context ?? null,
      })
    ).users.map(formatUser),
  describeError: (error) =>
    error instanceof HttpCallError ? { code: error.code, shown: `${error.code ?? error.status}: ${error.body}` } : { code: undefined, shown: String(error) },
};

describe.skipIf(!corpus)('list conformance over HTTP on PostgreSQL', () => {
  beforeAll(async () => {
    h = await startGrpcHarness('hlist');
    http = createHttpClient(`http://127.0.0.1:${h.runtime.http!.port}`);
  });
  afterAll(async () => {
    await h?.close();
  });

  for (const file of conformanceFiles) {
    it(`${file}: ListObjects and ListUsers`, { timeout: 300_000 }, async () => {
      const score = await runListCorpus(loadServerTests<ListStage>(corpus!, file), httpDriver);
      expect(score.report(`http ${file}`)).toEqual([]);
    });
  }
});
