// Handlers of relata.v1.RelataService: Relata's additions beyond OpenFGA's API.
import type { RelataService } from '../../service/index.js';
import type { CallDeps } from './call.js';
import { unary } from './call.js';
import { listObjectsInput } from './handlers-queries.js';
import { explainHandlers } from './handlers-explain.js';
import type { RelataServiceHandlers } from './generated/relata/v1/RelataService.js';

export function relataHandlers(service: RelataService, deps: CallDeps): RelataServiceHandlers {
  return {
    ...explainHandlers(service, deps),
    ListObjectsPage: unary(deps, 'ListObjectsPage', async (req, call) => {
      const base = listObjectsInput(req, call);
      const out = await service.listObjectsPage({
        ...base,
        consistencyToken: req.consistency_token || base.consistencyToken,
        pageSize: req.page_size,
        continuationToken: req.continuation_token,
      });
      return {
        objects: out.objects,
        continuation_token: out.continuationToken,
        consistency_token: out.consistencyToken,
        truncated: out.truncated,
        condition_failures: out.conditionFailures,
      };
    }),
  };
}
