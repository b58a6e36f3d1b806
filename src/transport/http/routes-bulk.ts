// relata.v1 DeleteTuples over HTTP (scope `write`): `POST /stores/{store_id}/delete-tuples`, every
// tuple matching a filter deleted in atomic batches (or only counted with `dry_run`). The last
// batch's revision is also sent in the `x-relata-consistency-token` header, as Write's is.
import type { RelataService } from '../../service/index.js';
import { consistencyTokenHeader } from './call.js';
import { handle } from './route-table.js';
import type { RouteSpec } from './route-table.js';
import { relataBodies, relataResponses } from './schemas-relata.js';

interface DeleteTuplesBody {
  object_type?: string;
  object_id?: string;
  relation?: string;
  user?: string;
  dry_run?: boolean | null;
  batch_size?: number | null;
}

export function bulkRoutes(service: RelataService): RouteSpec[] {
  return [
    {
      kind: 'json',
      operation: 'DeleteTuples',
      method: 'POST',
      path: '/stores/:store_id/delete-tuples',
      tag: 'Relata',
      summary: 'Delete every tuple matching a filter, in atomic batches; dry_run only counts (relata.v1)',
      body: relataBodies.DeleteTuples,
      response: relataResponses.DeleteTuples,
      handler: handle<DeleteTuplesBody>(async ({ params, body }, call) => {
        const out = await service.deleteTuples(
          {
            storeId: params.store_id,
            objectType: body.object_type ?? '',
            objectId: body.object_id || undefined,
            relation: body.relation || undefined,
            user: body.user || undefined,
            dryRun: body.dry_run ?? false,
            batchSize: body.batch_size ?? undefined,
            signal: call.signal,
          },
          call.caller,
        );
        if (out.consistencyToken) call.setHeader(consistencyTokenHeader, out.consistencyToken);
        return { matched_count: String(out.matched), batch_count: out.batches, consistency_token: out.consistencyToken };
      }),
    },
  ];
}
