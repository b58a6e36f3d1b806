// Handlers of relata.v1 Explain, ListPermissions and ListRelations: decode, call the service,
// encode. A consistency token may come in the request or the x-relata-consistency-token header.
import type { ExplainNode, RelataService } from '../../service/index.js';
import type { CallDeps, CallInfo } from './call.js';
import { consistencyTokenHeader, unary } from './call.js';
import { decodeContextualTuples } from './codec-tuples.js';
import { jsonToStruct, structToJson } from './codec-values.js';
import { consistencyOf } from './consistency.js';
import type { ExplainNode as WireExplainNode } from './generated/relata/v1/ExplainNode.js';
import type { RelataServiceHandlers } from './generated/relata/v1/RelataService.js';
import { explainNodeWire } from '../shared/relata-wire.js';

function queryFields(req: { store_id: string; authorization_model_id: string; consistency?: string; consistency_token: string }, call: CallInfo) {
  return {
    storeId: req.store_id,
    authorizationModelId: req.authorization_model_id,
    consistency: consistencyOf(req.consistency),
    consistencyToken: req.consistency_token || call.metadata(consistencyTokenHeader),
    signal: call.signal,
  };
}

function encodeExplainNode(node: ExplainNode): WireExplainNode {
  return explainNodeWire(node, jsonToStruct);
}

type Methods = 'Explain' | 'ListPermissions' | 'ListRelations';

export function explainHandlers(service: RelataService, deps: CallDeps): Pick<RelataServiceHandlers, Methods> {
  return {
    Explain: unary(deps, 'Explain', async (req, call) => {
      const out = await service.explain({
        ...queryFields(req, call),
        tupleKey: { object: req.tuple_key?.object ?? '', relation: req.tuple_key?.relation ?? '', user: req.tuple_key?.user ?? '' },
        contextualTuples: decodeContextualTuples(req.contextual_tuples),
        context: structToJson(req.context),
        maxNodes: req.max_nodes,
      });
      return {
        allowed: out.allowed,
        root: encodeExplainNode(out.root),
        node_count: out.nodeCount,
        truncated: out.truncated,
        error: out.error ? { code: out.error.code, message: out.error.message } : null,
      };
    }),
    ListPermissions: unary(deps, 'ListPermissions', async (req, call) => {
      const out = await service.listPermissions({
        ...queryFields(req, call),
        user: req.user,
        types: req.types,
        relations: req.relations,
        contextualTuples: decodeContextualTuples(req.contextual_tuples),
        context: structToJson(req.context),
        pageSize: req.page_size,
        continuationToken: req.continuation_token,
      });
      return {
        permissions: out.permissions,
        continuation_token: out.continuationToken,
        consistency_token: out.consistencyToken,
        truncated: out.truncated,
        condition_failures: out.conditionFailures,
      };
    }),
    ListRelations: unary(deps, 'ListRelations', async (req, call) => {
      const out = await service.listRelations({
        ...queryFields(req, call),
        object: req.object,
        user: req.user,
        relations: req.relations,
        contextualTuples: decodeContextualTuples(req.contextual_tuples),
        context: structToJson(req.context),
      });
      return { relations: out.relations, failures: out.failures };
    }),
  };
}
