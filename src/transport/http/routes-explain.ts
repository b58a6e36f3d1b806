// relata.v1 Explain, ListPermissions and ListRelations over HTTP (scope `check`):
// `POST /stores/{store_id}/explain`, `/list-permissions`, `/list-relations`. A consistency token
// may come in the body or the `x-relata-consistency-token` header; the body's wins, as on gRPC.
import type { RelataService } from '../../service/index.js';
import type { HttpCall } from './call.js';
import { consistencyTokenHeader } from './call.js';
import { decodeConsistency, decodeContextualTuples, structFromJson } from './codec-json.js';
import type { ContextualTuplesJson, JsonObject } from './codec-json.js';
import { encodeExplain } from './codec-relata.js';
import { handle } from './route-table.js';
import type { RouteSpec } from './route-table.js';
import { relataBodies, relataResponses } from './schemas-relata.js';

interface QueryBody {
  authorization_model_id?: string;
  consistency?: string | number | null;
  consistency_token?: string;
  contextual_tuples?: ContextualTuplesJson | null;
  context?: JsonObject | null;
}

function queryFields(storeId: string, body: QueryBody, call: HttpCall) {
  return {
    storeId,
    authorizationModelId: body.authorization_model_id || undefined,
    consistency: decodeConsistency(body.consistency),
    consistencyToken: body.consistency_token || call.header(consistencyTokenHeader),
    contextualTuples: decodeContextualTuples(body.contextual_tuples),
    context: structFromJson(body.context),
    signal: call.signal,
  };
}

export function explainRoutes(service: RelataService): RouteSpec[] {
  return [
    {
      kind: 'json',
      operation: 'Explain',
      method: 'POST',
      path: '/stores/:store_id/explain',
      tag: 'Relata',
      summary: "Check's verdict with why: the path that granted it or the branches that failed (relata.v1)",
      body: relataBodies.Explain,
      response: relataResponses.Explain,
      handler: handle<QueryBody & { tuple_key?: { object?: string; relation?: string; user?: string } | null; max_nodes?: number | null }>(async ({ params, body }, call) => {
        const key = body.tuple_key;
        const out = await service.explain(
          {
            ...queryFields(params.store_id, body, call),
            tupleKey: { object: key?.object ?? '', relation: key?.relation ?? '', user: key?.user ?? '' },
            maxNodes: body.max_nodes ?? undefined,
          },
          call.caller,
        );
        return encodeExplain(out);
      }),
    },
    {
      kind: 'json',
      operation: 'ListPermissions',
      method: 'POST',
      path: '/stores/:store_id/list-permissions',
      tag: 'Relata',
      summary: 'Every (object, relation) the user has on some types, in pages that reflect one revision (relata.v1)',
      body: relataBodies.ListPermissions,
      response: relataResponses.ListPermissions,
      handler: handle<QueryBody & { user?: string; types?: string[] | null; relations?: string[] | null; page_size?: number | null; continuation_token?: string }>(
        async ({ params, body }, call) => {
          const out = await service.listPermissions(
            {
              ...queryFields(params.store_id, body, call),
              user: body.user ?? '',
              types: body.types ?? [],
              relations: body.relations ?? [],
              pageSize: body.page_size ?? undefined,
              continuationToken: body.continuation_token,
            },
            call.caller,
          );
          return {
            permissions: out.permissions,
            continuation_token: out.continuationToken,
            consistency_token: out.consistencyToken,
            truncated: out.truncated,
            condition_failures: out.conditionFailures,
          };
        },
      ),
    },
    {
      kind: 'json',
      operation: 'ListRelations',
      method: 'POST',
      path: '/stores/:store_id/list-relations',
      tag: 'Relata',
      summary: 'Every relation the user has on one object, in one evaluation (relata.v1)',
      body: relataBodies.ListRelations,
      response: relataResponses.ListRelations,
      handler: handle<QueryBody & { object?: string; user?: string; relations?: string[] | null }>(async ({ params, body }, call) => {
        const out = await service.listRelations(
          { ...queryFields(params.store_id, body, call), object: body.object ?? '', user: body.user ?? '', relations: body.relations ?? [] },
          call.caller,
        );
        return { relations: out.relations, failures: out.failures };
      }),
    },
  ];
}
