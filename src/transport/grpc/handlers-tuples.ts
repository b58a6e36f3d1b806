// Handlers of Write, Read and ReadChanges. Write answers with the consistency token in the
// `x-relata-consistency-token` response header (WriteResponse itself is empty in OpenFGA's API).
import type { RelataService } from '../../service/index.js';
import type { CallDeps } from './call.js';
import { consistencyTokenHeader, unary } from './call.js';
import { decodeTupleKeys, encodeChange, encodeTuple } from './codec-tuples.js';
import { int32Value, timestampToDate } from './codec-values.js';
import { consistencyOf } from './consistency.js';
import type { OpenFGAServiceHandlers } from './generated/openfga/v1/OpenFGAService.js';

export function tupleHandlers(service: RelataService, deps: CallDeps): Pick<OpenFGAServiceHandlers, 'Write' | 'Read' | 'ReadChanges'> {
  return {
    Write: unary(deps, 'Write', async (req, call) => {
      const out = await service.write({
        storeId: req.store_id,
        authorizationModelId: req.authorization_model_id,
        writes: req.writes ? { tupleKeys: decodeTupleKeys(req.writes.tuple_keys), onDuplicate: req.writes.on_duplicate } : undefined,
        deletes: req.deletes ? { tupleKeys: decodeTupleKeys(req.deletes.tuple_keys), onMissing: req.deletes.on_missing } : undefined,
      }, call.caller);
      call.header(consistencyTokenHeader, out.consistencyToken);
      return {};
    }),
    Read: unary(deps, 'Read', async (req, call) => {
      const page = await service.read({
        storeId: req.store_id,
        tupleKey: req.tuple_key ?? undefined,
        pageSize: int32Value(req.page_size),
        continuationToken: req.continuation_token,
        consistency: consistencyOf(req.consistency),
        consistencyToken: call.metadata(consistencyTokenHeader),
        signal: call.signal,
      });
      return { tuples: page.items.map(encodeTuple), continuation_token: page.continuationToken };
    }),
    ReadChanges: unary(deps, 'ReadChanges', async (req) => {
      const page = await service.readChanges({
        storeId: req.store_id,
        type: req.type,
        pageSize: int32Value(req.page_size),
        continuationToken: req.continuation_token,
        startTime: timestampToDate(req.start_time, 'start_time'),
      });
      return { changes: page.items.map(encodeChange), continuation_token: page.continuationToken };
    }),
  };
}
