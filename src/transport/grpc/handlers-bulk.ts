// Handlers of relata.v1's bulk operations on tuples.
import type { RelataService } from '../../service/index.js';
import type { CallDeps } from './call.js';
import { consistencyTokenHeader, unary } from './call.js';
import type { RelataServiceHandlers } from './generated/relata/v1/RelataService.js';

export function bulkHandlers(service: RelataService, deps: CallDeps): Pick<RelataServiceHandlers, 'DeleteTuples'> {
  return {
    DeleteTuples: unary(deps, 'DeleteTuples', async (req, call) => {
      const out = await service.deleteTuples({
        storeId: req.store_id,
        objectType: req.object_type,
        objectId: req.object_id || undefined,
        relation: req.relation || undefined,
        user: req.user || undefined,
        dryRun: req.dry_run,
        batchSize: req.batch_size,
        signal: call.signal,
      }, call.caller);
      if (out.consistencyToken) call.header(consistencyTokenHeader, out.consistencyToken);
      return { matched_count: String(out.matched), batch_count: out.batches, consistency_token: out.consistencyToken };
    }),
  };
}
