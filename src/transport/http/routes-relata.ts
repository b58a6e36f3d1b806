// relata.v1 over HTTP. ListObjectsPage: POST /stores/{store_id}/list-objects-page, the body of
// ListObjects plus page_size, continuation_token and consistency_token (the token may also come
// in the `x-relata-consistency-token` header; the body's wins, as on gRPC).
import type { RelataService } from '../../service/index.js';
import { encodeListObjectsPage } from '../shared/list-objects-page.js';
import { listObjectsInput } from './routes-queries.js';
import type { ListObjectsBody } from './routes-queries.js';
import { handle } from './route-table.js';
import type { RouteSpec } from './route-table.js';
import { bodies, responses } from './schemas.js';

interface ListObjectsPageBody extends ListObjectsBody {
  page_size?: number | null;
  continuation_token?: string;
  consistency_token?: string;
}

export function relataRoutes(service: RelataService): RouteSpec[] {
  return [
    {
      kind: 'json',
      operation: 'ListObjectsPage',
      method: 'POST',
      path: '/stores/:store_id/list-objects-page',
      tag: 'Relata',
      summary: 'ListObjects in pages, every page read from the snapshot the first one pinned (relata.v1)',
      body: bodies.ListObjectsPage,
      response: responses.ListObjectsPage,
      handler: handle<ListObjectsPageBody>(async ({ params, body }, call) => {
        const base = listObjectsInput(params.store_id, body, call);
        const out = await service.listObjectsPage(
          {
            ...base,
            consistencyToken: body.consistency_token || base.consistencyToken,
            pageSize: body.page_size ?? undefined,
            continuationToken: body.continuation_token,
          },
          call.caller,
        );
        return encodeListObjectsPage(out);
      }),
    },
  ];
}
