// OpenFGA's consolidated + abac ListObjects and ListUsers assertions through the whole server:
// model and tuples written over gRPC, every list call over gRPC, on PostgreSQL.
import type { ServiceError } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDsl } from '../../src/dsl/index.js';
import { jsonToStruct } from '../../src/transport/grpc/codec-values.js';
import { encodeModel } from '../../src/transport/grpc/codec-model.js';
import { encodeTupleKey } from '../../src/transport/grpc/codec-tuples.js';
import type { User__Output as UserMessage } from '../../src/transport/grpc/generated/openfga/v1/User.js';
import { conformanceDir, conformanceFiles, loadServerTests } from '../helpers/conformance.js';
import { judgeList, ListScore } from '../helpers/list-conformance.js';
import type { ListError, ListStage } from '../helpers/list-conformance.js';
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

describe.skipIf(!corpus)('list conformance over gRPC on PostgreSQL', () => {
  beforeAll(async () => {
    h = await startGrpcHarness('list');
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
        const storeId = (await h.call<{ id: string }>('CreateStore', { name: `list-${test.name}`.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 60) })).response.id;
        for (const [stageIndex, stage] of test.stages.entries()) {
          const label = `${test.name}[${stageIndex}]`;
          const { model, errors } = parseDsl(stage.model);
          if (errors.length > 0) {
            score.skipStage(stage);
            score.skipped.push(`${label}: model does not compile (${errors[0]?.message})`);
            continue;
          }
          const encoded = encodeModel(model);
          await h.call('WriteAuthorizationModel', {
            store_id: storeId,
            schema_version: encoded.schema_version,
            type_definitions: encoded.type_definitions,
            conditions: encoded.conditions,
          });
          const tuples = stage.tuples ?? [];
          for (let i = 0; i < tuples.length; i += 100) {
            await h.call('Write', { store_id: storeId, writes: { tuple_keys: tuples.slice(i, i + 100).map(encodeTupleKey) } });
          }
          for (const [i, a] of (stage.listObjectsAssertions ?? []).entries()) {
            const why = await judgeList(
              async () =>
                (
                  await h.call<{ objects: string[] }>('ListObjects', {
                    store_id: storeId,
                    ...a.request,
                    contextual_tuples: a.contextualTuples ? { tuple_keys: a.contextualTuples.map(encodeTupleKey) } : null,
                    context: jsonToStruct(a.context),
                  })
                ).response.objects,
              a.expectation,
              a.errorCode,
              describeError,
            );
            score.record('listObjects', label, i, a.request, why);
          }
          for (const [i, a] of (stage.listUsersAssertions ?? []).entries()) {
            const [type, id] = [a.request.object.slice(0, a.request.object.indexOf(':')), a.request.object.slice(a.request.object.indexOf(':') + 1)];
            const why = await judgeList(
              async () =>
                (
                  await h.call<{ users: UserMessage[] }>('ListUsers', {
                    store_id: storeId,
                    object: { type, id },
                    relation: a.request.relation,
                    user_filters: a.request.filters.map((f) => {
                      const [filterType, relation] = f.split('#');
                      return { type: filterType, relation: relation ?? '' };
                    }),
                    contextual_tuples: (a.contextualTuples ?? []).map(encodeTupleKey),
                    context: jsonToStruct(a.context),
                  })
                ).response.users.map(formatUser),
              a.expectation,
              a.errorCode,
              describeError,
            );
            score.record('listUsers', label, i, a.request, why);
          }
        }
      }
      expect(score.report(`grpc ${file}`)).toEqual([]);
    });
  }
});
