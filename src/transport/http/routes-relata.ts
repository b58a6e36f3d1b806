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
import { consistencyTokenHeader } from './call.js';
import { decodeTimestamp, decodeTupleKey, decodeTupleKeys, encodeTupleKey } from './codec-json.js';
import type { TupleKeyJson } from './codec-json.js';

interface WriteTuplesBody {
  authorization_model_id?: string;
  writes?: { tuple_key?: TupleKeyJson | null; expires_at?: string | null }[] | null;
  deletes?: TupleKeyJson[] | null;
  on_duplicate?: string;
  on_missing?: string;
}

interface ReadTuplesBody {
  tuple_key?: { object?: string; relation?: string; user?: string } | null;
  page_size?: number | null;
  continuation_token?: string;
}

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
    {
      kind: 'json',
      operation: 'WriteTuples',
      method: 'POST',
      path: '/stores/:store_id/write-tuples',
      tag: 'Relata',
      summary: 'Write with per-tuple expires_at: expiring grants (relata.v1)',
      body: bodies.WriteTuples,
      response: responses.WriteTuples,
      handler: handle<WriteTuplesBody>(async ({ params, body }, call) => {
        const out = await service.writeTuples(
          {
            storeId: params.store_id,
            authorizationModelId: body.authorization_model_id || undefined,
            writes: (body.writes ?? []).map((w, i) => ({
              tupleKey: w.tuple_key ? decodeTupleKey(w.tuple_key) : undefined,
              expiresAt: decodeTimestamp(w.expires_at ?? undefined, `writes[${i}].expires_at`),
            })),
            deletes: decodeTupleKeys(body.deletes),
            onDuplicate: body.on_duplicate || undefined,
            onMissing: body.on_missing || undefined,
          },
          call.caller,
        );
        call.setHeader(consistencyTokenHeader, out.consistencyToken);
        return { consistency_token: out.consistencyToken };
      }),
    },
    {
      kind: 'json',
      operation: 'ReadTuples',
      method: 'POST',
      path: '/stores/:store_id/read-tuples',
      tag: 'Relata',
      summary: 'Read with each tuple\'s expires_at (relata.v1)',
      body: bodies.ReadTuples,
      response: responses.ReadTuples,
      handler: handle<ReadTuplesBody>(async ({ params, body }, call) => {
        const page = await service.read(
          { storeId: params.store_id, tupleKey: body.tuple_key ?? undefined, pageSize: body.page_size || undefined, continuationToken: body.continuation_token },
          call.caller,
        );
        return {
          tuples: page.items.map((t) => ({ key: encodeTupleKey(t.key), timestamp: t.timestamp.toISOString(), expires_at: t.expiresAt?.toISOString() ?? null })),
          continuation_token: page.continuationToken,
        };
      }),
    },
  ];
}
