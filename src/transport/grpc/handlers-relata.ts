// Handlers of relata.v1.RelataService: Relata's additions beyond OpenFGA's API.
import type { RelataService } from '../../service/index.js';
import type { CallDeps } from './call.js';
import { unary } from './call.js';
import { apiClientHandlers } from './handlers-clients.js';
import { listObjectsInput } from './handlers-queries.js';
import { encodeListObjectsPage } from '../shared/list-objects-page.js';
import { authzenActionHandlers } from './handlers-authzen.js';
import { bulkHandlers } from './handlers-bulk.js';
import { expiringTupleHandlers } from './handlers-expiring.js';
import { explainHandlers } from './handlers-explain.js';
import type { RelataServiceHandlers } from './generated/relata/v1/RelataService.js';
import { auditHandlers } from './handlers-audit.js';

export function relataHandlers(service: RelataService, deps: CallDeps): RelataServiceHandlers {
  return {
    ...apiClientHandlers(service, deps),
    ...auditHandlers(service, deps),
    ...bulkHandlers(service, deps),
    ...expiringTupleHandlers(service, deps),
    ...explainHandlers(service, deps),
    ListObjectsPage: unary(deps, 'ListObjectsPage', async (req, call) => {
      const base = listObjectsInput(req, call);
      const out = await service.listObjectsPage({
        ...base,
        consistencyToken: req.consistency_token || base.consistencyToken,
        pageSize: req.page_size,
        continuationToken: req.continuation_token,
      }, call.caller);
      return encodeListObjectsPage(out);
    }),
    ...authzenActionHandlers(service, deps),
  };
}
