// OpenFGA's consolidated + abac ListObjects and ListUsers assertions through the whole server over
// HTTP/JSON: model and tuples written with OpenFGA's REST API, every list call a POST to
// /list-objects or /list-users, on PostgreSQL through the composition root.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDsl } from '../../src/dsl/index.js';
import type { ListedUser } from '../../src/service/index.js';
import { conformanceDir, conformanceFiles, loadServerTests } from '../helpers/conformance.js';
import { createHttpClient, HttpCallError } from '../helpers/http-client.js';
import type { HttpClient } from '../helpers/http-client.js';
import { judgeList, ListScore } from '../helpers/list-conformance.js';
import type { ListError, ListStage } from '../helpers/list-conformance.js';
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

function describeError(error: unknown): ListError {
  if (error instanceof HttpCallError) return { code: error.code, shown: `${error.code ?? error.status}: ${error.body}` };
  return { code: undefined, shown: String(error) };
}

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
      const score = new ListScore();
      for (const test of loadServerTests<ListStage>(corpus!, file)) {
        const hasLists = test.stages.some((s) => s.listObjectsAssertions?.length || s.listUsersAssertions?.length);
        if (!hasLists) continue;
        const { id } = await http.call<{ id: string }>('POST', '/stores', { name: `list-${test.name}`.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 60) });
        const store = `/stores/${id}`;
        for (const [stageIndex, stage] of test.stages.entries()) {
          const label = `${test.name}[${stageIndex}]`;
          const { model, errors } = parseDsl(stage.model);
          if (errors.length > 0) {
            score.skipStage(stage);
            score.skipped.push(`${label}: model does not compile (${errors[0]?.message})`);
            continue;
          }
          await http.call('POST', `${store}/authorization-models`, model);
          const tuples = stage.tuples ?? [];
          for (let i = 0; i < tuples.length; i += 100) await http.call('POST', `${store}/write`, { writes: { tuple_keys: tuples.slice(i, i + 100) } });
          for (const [i, a] of (stage.listObjectsAssertions ?? []).entries()) {
            const why = await judgeList(
              async () =>
                (
                  await http.call<{ objects: string[] }>('POST', `${store}/list-objects`, {
                    ...a.request,
                    contextual_tuples: a.contextualTuples ? { tuple_keys: a.contextualTuples } : null,
                    context: a.context ?? null,
                  })
                ).objects,
              a.expectation,
              a.errorCode,
              describeError,
            );
            score.record('listObjects', label, i, a.request, why);
          }
          for (const [i, a] of (stage.listUsersAssertions ?? []).entries()) {
            const colon = a.request.object.indexOf(':');
            const why = await judgeList(
              async () =>
                (
                  await http.call<{ users: ListedUser[] }>('POST', `${store}/list-users`, {
                    object: { type: a.request.object.slice(0, colon), id: a.request.object.slice(colon + 1) },
                    relation: a.request.relation,
                    user_filters: a.request.filters.map((f) => {
                      const [type, relation] = f.split('#');
                      return { type, relation: relation ?? '' };
                    }),
                    contextual_tuples: a.contextualTuples ?? [],
                    context: a.context ?? null,
                  })
                ).users.map(formatUser),
              a.expectation,
              a.errorCode,
              describeError,
            );
            score.record('listUsers', label, i, a.request, why);
          }
        }
      }
      expect(score.report(`http ${file}`)).toEqual([]);
    });
  }
});
