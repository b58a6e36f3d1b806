// Handlers of Check, BatchCheck, Expand, ListObjects, StreamedListObjects and ListUsers. A
// consistency token from a Write may be sent in the `x-relata-consistency-token` request header.
import { newDict } from '../../model/index.js';
import type { RelataService } from '../../service/index.js';
import type { CallDeps, CallInfo } from './call.js';
import { consistencyTokenHeader, serverStream, unary } from './call.js';
import { decodeContextualTuples, decodeTupleKeys, encodeTreeNode, encodeUser } from './codec-tuples.js';
import { structToJson } from './codec-values.js';
import { consistencyOf } from './consistency.js';
import { batchItemError, itemFailureLog } from './batch-item-error.js';
import type { BatchCheckRequest, CheckRequest, CheckTupleKeyMessage, ExpandRequest, ListObjectsRequest, ListUsersRequest } from './messages.js';

function checkTupleKey(key: CheckTupleKeyMessage | null | undefined) {
  return { object: key?.object ?? '', relation: key?.relation ?? '', user: key?.user ?? '' };
}

function queryOptions(req: { consistency?: string }, call: CallInfo) {
  return { consistency: consistencyOf(req.consistency), consistencyToken: call.metadata(consistencyTokenHeader), signal: call.signal };
}

export function listObjectsInput(req: ListObjectsRequest, call: CallInfo) {
  return {
    storeId: req.store_id,
    authorizationModelId: req.authorization_model_id,
    type: req.type,
    relation: req.relation,
    user: req.user,
    contextualTuples: decodeContextualTuples(req.contextual_tuples),
    context: structToJson(req.context),
    ...queryOptions(req, call),
  };
}

export function queryHandlers(service: RelataService, deps: CallDeps) {
  return {
    Check: unary(deps, 'Check', async (req: CheckRequest, call) => {
      const out = await service.check({
        storeId: req.store_id,
        authorizationModelId: req.authorization_model_id,
        tupleKey: checkTupleKey(req.tuple_key),
        contextualTuples: decodeContextualTuples(req.contextual_tuples),
        context: structToJson(req.context),
        ...queryOptions(req, call),
      });
      return { allowed: out.allowed, resolution: '' };
    }),
    BatchCheck: unary(deps, 'BatchCheck', async (req: BatchCheckRequest, call) => {
      const out = await service.batchCheck({
        storeId: req.store_id,
        authorizationModelId: req.authorization_model_id,
        checks: (req.checks ?? []).map((item) => ({
          correlationId: item.correlation_id,
          tupleKey: checkTupleKey(item.tuple_key),
          contextualTuples: decodeContextualTuples(item.contextual_tuples),
          context: structToJson(item.context),
        })),
        ...queryOptions(req, call),
      });
      // Correlation ids are the caller's: `__proto__` must stay a key of the result map.
      const result = newDict<unknown>();
      const failures = itemFailureLog(deps.logger, call.requestId);
      for (const [id, outcome] of out.results) {
        if ('allowed' in outcome) result[id] = { allowed: outcome.allowed };
        else {
          const error = batchItemError(outcome.error);
          failures.report(id, error, outcome.error.cause ?? outcome.error);
          const internal = error.code >= 4000;
          result[id] = { error: { ...(internal ? { internal_error: error.code } : { input_error: error.code }), message: error.message } };
        }
      }
      failures.flush();
      return { result };
    }),
    Expand: unary(deps, 'Expand', async (req: ExpandRequest, call) => {
      const out = await service.expand({
        storeId: req.store_id,
        authorizationModelId: req.authorization_model_id,
        tupleKey: { object: req.tuple_key?.object ?? '', relation: req.tuple_key?.relation ?? '' },
        contextualTuples: decodeContextualTuples(req.contextual_tuples),
        ...queryOptions(req, call),
      });
      return { tree: { root: encodeTreeNode(out.tree.root) } };
    }),
    ListObjects: unary(deps, 'ListObjects', async (req: ListObjectsRequest, call) => {
      const out = await service.listObjects(listObjectsInput(req, call));
      return { objects: out.objects };
    }),
    StreamedListObjects: serverStream(deps, 'StreamedListObjects', (req: ListObjectsRequest, call) => {
      const objects = service.streamListObjects(listObjectsInput(req, call), call.signal);
      return (async function* () {
        for await (const object of objects) yield { object };
      })();
    }),
    ListUsers: unary(deps, 'ListUsers', async (req: ListUsersRequest, call) => {
      const out = await service.listUsers({
        storeId: req.store_id,
        authorizationModelId: req.authorization_model_id,
        object: { type: req.object?.type ?? '', id: req.object?.id ?? '' },
        relation: req.relation,
        userFilters: (req.user_filters ?? []).map((f) => (f.relation ? { type: f.type, relation: f.relation } : { type: f.type })),
        contextualTuples: req.contextual_tuples?.length ? decodeTupleKeys(req.contextual_tuples) : undefined,
        context: structToJson(req.context),
        ...queryOptions(req, call),
      });
      return { users: out.users.map(encodeUser) };
    }),
  };
}
