// Handlers of Check, BatchCheck, Expand, ListObjects, StreamedListObjects and ListUsers. A
// consistency token from a Write may be sent in the `x-relata-consistency-token` request header.
import { newDict } from '../../model/index.js';
import type { RelataService } from '../../service/index.js';
import type { CallDeps, CallInfo } from './call.js';
import { consistencyTokenHeader, serverStream, unary } from './call.js';
import { decodeContextualTuples, decodeTupleKeys, encodeTreeNode, encodeUser } from './codec-tuples.js';
import { structToJson } from './codec-values.js';
import { consistencyOf } from './consistency.js';
import { batchItemError, itemFailureLog, type ItemError } from './batch-item-error.js';
import type { BatchCheckSingleResult } from './generated/openfga/v1/BatchCheckSingleResult.js';
import type { CheckError } from './generated/openfga/v1/CheckError.js';
import type { ErrorCode as InputErrorCode } from './generated/openfga/v1/ErrorCode.js';
import type { InternalErrorCode } from './generated/openfga/v1/InternalErrorCode.js';
import type { CheckRequestTupleKey__Output } from './generated/openfga/v1/CheckRequestTupleKey.js';
import type { ListObjectsRequest__Output } from './generated/openfga/v1/ListObjectsRequest.js';
import type { OpenFGAServiceHandlers } from './generated/openfga/v1/OpenFGAService.js';

function checkTupleKey(key: CheckRequestTupleKey__Output | null | undefined) {
  return { object: key?.object ?? '', relation: key?.relation ?? '', user: key?.user ?? '' };
}

/**
 * A BatchCheck item's error. Relata's numeric codes are OpenFGA's, sent as they are (proto3 enums
 * are open, so a code the .proto does not list still goes over the wire).
 */
function checkError(error: ItemError): CheckError {
  return error.code >= 4000
    ? { internal_error: error.code as InternalErrorCode, message: error.message }
    : { input_error: error.code as InputErrorCode, message: error.message };
}

function queryOptions(req: { consistency?: string }, call: CallInfo) {
  return { consistency: consistencyOf(req.consistency), consistencyToken: call.metadata(consistencyTokenHeader), signal: call.signal };
}

export function listObjectsInput(req: ListObjectsRequest__Output, call: CallInfo) {
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

type QueryMethods = 'Check' | 'BatchCheck' | 'Expand' | 'ListObjects' | 'StreamedListObjects' | 'ListUsers';

export function queryHandlers(service: RelataService, deps: CallDeps): Pick<OpenFGAServiceHandlers, QueryMethods> {
  return {
    Check: unary(deps, 'Check', async (req, call) => {
      const out = await service.check({
        storeId: req.store_id,
        authorizationModelId: req.authorization_model_id,
        tupleKey: checkTupleKey(req.tuple_key),
        contextualTuples: decodeContextualTuples(req.contextual_tuples),
        context: structToJson(req.context),
        ...queryOptions(req, call),
      }, call.caller);
      return { allowed: out.allowed, resolution: '' };
    }),
    BatchCheck: unary(deps, 'BatchCheck', async (req, call) => {
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
      }, call.caller);
      // Correlation ids are the caller's: `__proto__` must stay a key of the result map.
      const result = newDict<BatchCheckSingleResult>();
      const failures = itemFailureLog(deps.logger, call.requestId);
      for (const [id, outcome] of out.results) {
        if ('allowed' in outcome) result[id] = { allowed: outcome.allowed };
        else {
          const error = batchItemError(outcome.error);
          failures.report(id, error, outcome.error.cause ?? outcome.error);
          result[id] = { error: checkError(error) };
        }
      }
      failures.flush();
      return { result };
    }),
    Expand: unary(deps, 'Expand', async (req, call) => {
      const out = await service.expand({
        storeId: req.store_id,
        authorizationModelId: req.authorization_model_id,
        tupleKey: { object: req.tuple_key?.object ?? '', relation: req.tuple_key?.relation ?? '' },
        contextualTuples: decodeContextualTuples(req.contextual_tuples),
        ...queryOptions(req, call),
      });
      return { tree: { root: encodeTreeNode(out.tree.root) } };
    }),
    ListObjects: unary(deps, 'ListObjects', async (req, call) => {
      const out = await service.listObjects(listObjectsInput(req, call));
      return { objects: out.objects };
    }),
    StreamedListObjects: serverStream(deps, 'StreamedListObjects', (req, call) => {
      const objects = service.streamListObjects(listObjectsInput(req, call), call.signal);
      return (async function* () {
        for await (const object of objects) yield { object };
      })();
    }),
    ListUsers: unary(deps, 'ListUsers', async (req, call) => {
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
