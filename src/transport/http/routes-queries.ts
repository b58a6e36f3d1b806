// Check, BatchCheck, Expand, ListObjects, StreamedListObjects and ListUsers at OpenFGA's paths.
// A consistency token from a Write may be sent in the `x-relata-consistency-token` header.
import { errorCodeName } from '../../model/index.js';
import type { ErrorCode } from '../../model/index.js';
import type { ListObjectsInput, RelataService } from '../../service/index.js';
import { batchCheckResults } from '../shared/batch-item-error.js';
import type { HttpCall, HttpDeps } from './call.js';
import { consistencyTokenHeader } from './call.js';
import { decodeConsistency, decodeContextualTuples, decodeTupleKeys, encodeTreeNode, structFromJson } from './codec-json.js';
import type { ContextualTuplesJson, JsonObject, TupleKeyJson } from './codec-json.js';
import { handle, partsOf } from './route-table.js';
import type { RouteSpec } from './route-table.js';
import { bodies, responses } from './schemas.js';

type CheckKeyJson = { object?: string; relation?: string; user?: string };

interface QueryBody {
  authorization_model_id?: string;
  consistency?: string | number | null;
  contextual_tuples?: ContextualTuplesJson | null;
  context?: JsonObject | null;
}

export interface ListObjectsBody extends QueryBody {
  type?: string;
  relation?: string;
  user?: string;
}

function checkKey(key: CheckKeyJson | undefined | null) {
  return { object: key?.object ?? '', relation: key?.relation ?? '', user: key?.user ?? '' };
}

function queryOptions(body: Pick<QueryBody, 'authorization_model_id' | 'consistency'>, call: HttpCall) {
  return {
    authorizationModelId: body.authorization_model_id || undefined,
    consistency: decodeConsistency(body.consistency),
    consistencyToken: call.header(consistencyTokenHeader),
    signal: call.signal,
  };
}

export function listObjectsInput(storeId: string, body: ListObjectsBody, call: HttpCall): ListObjectsInput {
  return {
    storeId,
    type: body.type ?? '',
    relation: body.relation ?? '',
    user: body.user ?? '',
    contextualTuples: decodeContextualTuples(body.contextual_tuples),
    context: structFromJson(body.context),
    ...queryOptions(body, call),
  };
}

/** OpenFGA's CheckError: an input_error or internal_error code (by enum name) and a message. */
function checkError(code: ErrorCode, message: string) {
  const name = errorCodeName(code);
  return code >= 4000 ? { internal_error: name, message } : { input_error: name, message };
}

export function queryRoutes(service: RelataService, deps: HttpDeps): RouteSpec[] {
  return [
    {
      kind: 'json',
      operation: 'Check',
      method: 'POST',
      path: '/stores/:store_id/check',
      tag: 'Relationship Queries',
      summary: 'Check whether a user has a relation with an object',
      body: bodies.Check,
      response: responses.Check,
      handler: handle<QueryBody & { tuple_key?: CheckKeyJson }>(async ({ params, body }, call) => {
        const out = await service.check(
          {
            storeId: params.store_id,
            tupleKey: checkKey(body.tuple_key),
            contextualTuples: decodeContextualTuples(body.contextual_tuples),
            context: structFromJson(body.context),
            ...queryOptions(body, call),
          },
          call.caller,
        );
        return { allowed: out.allowed, resolution: '' };
      }),
    },
    {
      kind: 'json',
      operation: 'BatchCheck',
      method: 'POST',
      path: '/stores/:store_id/batch-check',
      tag: 'Relationship Queries',
      summary: 'Many checks in one request, answered by correlation id',
      body: bodies.BatchCheck,
      response: responses.BatchCheck,
      handler: handle<QueryBody & { checks?: (QueryBody & { tuple_key?: CheckKeyJson; correlation_id?: string })[] }>(async ({ params, body }, call) => {
        const out = await service.batchCheck(
          {
            storeId: params.store_id,
            checks: (body.checks ?? []).map((item) => ({
              correlationId: item.correlation_id ?? '',
              tupleKey: checkKey(item.tuple_key),
              contextualTuples: decodeContextualTuples(item.contextual_tuples),
              context: structFromJson(item.context),
            })),
            ...queryOptions(body, call),
          },
          call.caller,
        );
        const result = batchCheckResults(out.results, deps.logger, call.requestId, (error) => checkError(error.code as ErrorCode, error.message));
        return { result };
      }),
    },
    {
      kind: 'json',
      operation: 'Expand',
      method: 'POST',
      path: '/stores/:store_id/expand',
      tag: 'Relationship Queries',
      summary: 'One level of the userset tree of object#relation',
      body: bodies.Expand,
      response: responses.Expand,
      handler: handle<QueryBody & { tuple_key?: { object?: string; relation?: string } }>(async ({ params, body }, call) => {
        const out = await service.expand(
          {
            storeId: params.store_id,
            tupleKey: { object: body.tuple_key?.object ?? '', relation: body.tuple_key?.relation ?? '' },
            contextualTuples: decodeContextualTuples(body.contextual_tuples),
            ...queryOptions(body, call),
          },
          call.caller,
        );
        return { tree: { root: encodeTreeNode(out.tree.root) } };
      }),
    },
    {
      kind: 'json',
      operation: 'ListObjects',
      method: 'POST',
      path: '/stores/:store_id/list-objects',
      tag: 'Relationship Queries',
      summary: 'The objects of a type a user has a relation with',
      body: bodies.ListObjects,
      response: responses.ListObjects,
      handler: handle<ListObjectsBody>(async ({ params, body }, call) => {
        const out = await service.listObjects(listObjectsInput(params.store_id, body, call), call.caller);
        return { objects: out.objects };
      }),
    },
    {
      kind: 'ndjson',
      operation: 'StreamedListObjects',
      method: 'POST',
      path: '/stores/:store_id/streamed-list-objects',
      tag: 'Relationship Queries',
      summary: 'ListObjects as a stream of newline-delimited JSON ({"result":{"object":…}} per line)',
      body: bodies.ListObjects,
      response: responses.StreamedListObjects,
      handler: (request, call) => {
        const { params, body } = partsOf<ListObjectsBody>(request);
        const objects = service.streamListObjects(listObjectsInput(params.store_id, body, call), call.signal, call.caller);
        return (async function* () {
          for await (const object of objects) yield { object };
        })();
      },
    },
    {
      kind: 'json',
      operation: 'ListUsers',
      method: 'POST',
      path: '/stores/:store_id/list-users',
      tag: 'Relationship Queries',
      summary: 'The users of given types that have a relation with an object',
      body: bodies.ListUsers,
      response: responses.ListUsers,
      handler: handle<
        Omit<QueryBody, 'contextual_tuples'> & {
          object?: { type?: string; id?: string } | null;
          relation?: string;
          user_filters?: { type?: string; relation?: string }[] | null;
          contextual_tuples?: TupleKeyJson[] | null;
        }
      >(async ({ params, body }, call) => {
        const out = await service.listUsers(
          {
            storeId: params.store_id,
            object: { type: body.object?.type ?? '', id: body.object?.id ?? '' },
            relation: body.relation ?? '',
            userFilters: (body.user_filters ?? []).map((f) => (f.relation ? { type: f.type ?? '', relation: f.relation } : { type: f.type ?? '' })),
            contextualTuples: body.contextual_tuples?.length ? decodeTupleKeys(body.contextual_tuples) : undefined,
            context: structFromJson(body.context),
            ...queryOptions(body, call),
          },
          call.caller,
        );
        return { users: out.users };
      }),
    },
  ];
}
