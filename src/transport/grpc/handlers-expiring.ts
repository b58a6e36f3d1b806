// Handlers of relata.v1's expiring grants: WriteTuples (Write with per-tuple `expires_at`) and
// ReadTuples (Read with each tuple's expiry). The consistency token goes in the response body
// and, as for Write, in the `x-relata-consistency-token` header.
import type { RelataService } from '../../service/index.js';
import type { CallDeps } from './call.js';
import { consistencyTokenHeader, unary } from './call.js';
import { decodeTupleKey, decodeTupleKeys, encodeTupleKey } from './codec-tuples.js';
import { dateToTimestamp, timestampToDate } from './codec-values.js';
import type { RelataServiceHandlers } from './generated/relata/v1/RelataService.js';

export function expiringTupleHandlers(service: RelataService, deps: CallDeps): Pick<RelataServiceHandlers, 'WriteTuples' | 'ReadTuples'> {
  return {
    WriteTuples: unary(deps, 'WriteTuples', async (req, call) => {
      const out = await service.writeTuples({
        storeId: req.store_id,
        authorizationModelId: req.authorization_model_id,
        writes: req.writes.map((w, i) => ({
          tupleKey: w.tuple_key ? decodeTupleKey(w.tuple_key) : undefined,
          expiresAt: timestampToDate(w.expires_at, `writes[${i}].expires_at`),
        })),
        deletes: decodeTupleKeys(req.deletes),
        onDuplicate: req.on_duplicate,
        onMissing: req.on_missing,
      }, call.caller);
      call.header(consistencyTokenHeader, out.consistencyToken);
      return { consistency_token: out.consistencyToken };
    }),
    ReadTuples: unary(deps, 'ReadTuples', async (req, call) => {
      const page = await service.read({
        storeId: req.store_id,
        tupleKey: req.tuple_key ?? undefined,
        pageSize: req.page_size || undefined,
        continuationToken: req.continuation_token,
        signal: call.signal,
      }, call.caller);
      return {
        tuples: page.items.map((t) => ({
          key: encodeTupleKey(t.key),
          timestamp: dateToTimestamp(t.timestamp),
          expires_at: t.expiresAt ? dateToTimestamp(t.expiresAt) : null,
        })),
        continuation_token: page.continuationToken,
      };
    }),
  };
}
