// What every AuthZEN call shares: the service query options from headers (the model pinned by
// OpenFGA's `Openfga-Authorization-Model-Id`, Relata's consistency token), and an evaluation's
// mapping to a check (subject → user `type:id`, action → relation, resource → object).
import type { FastifyRequest } from 'fastify';
import type { CheckTupleKey, QueryOptions } from '../../../service/index.js';
import type { HttpCall } from '../call.js';
import { consistencyTokenHeader } from '../call.js';
import { conditionContext } from './context.js';
import { badRequest, ulidPattern } from './wire.js';
import type { Action, JsonObject, Resource, Subject } from './wire.js';

export const modelIdHeader = 'openfga-authorization-model-id';

/** The `store_id` path parameter of a store-scoped route. */
export function pathStoreId(request: FastifyRequest): string {
  return (request.params as { store_id: string }).store_id;
}

export interface StoreQuery extends QueryOptions {
  storeId: string;
  authorizationModelId?: string;
}

export function storeQuery(storeId: string, call: HttpCall): StoreQuery {
  const modelId = call.header(modelIdHeader);
  if (modelId !== undefined && modelId !== '' && !ulidPattern.test(modelId)) throw badRequest(`${modelIdHeader} header`, 'value must be an authorization model id (a ULID)');
  return {
    storeId,
    authorizationModelId: modelId || undefined,
    consistencyToken: call.header(consistencyTokenHeader) || undefined,
    signal: call.signal,
  };
}

export interface Evaluation {
  subject: Subject;
  action: Action;
  resource: Resource;
  context?: JsonObject;
}

export function tupleKeyOf(evaluation: Evaluation): CheckTupleKey {
  return { user: `${evaluation.subject.type}:${evaluation.subject.id}`, relation: evaluation.action.name, object: `${evaluation.resource.type}:${evaluation.resource.id}` };
}

export function checkOf(evaluation: Evaluation): { tupleKey: CheckTupleKey; context?: Record<string, unknown> } {
  return { tupleKey: tupleKeyOf(evaluation), context: conditionContext(evaluation) };
}
