// Write, Read and ReadChanges at OpenFGA's paths. Write answers with the consistency token in the
// `x-relata-consistency-token` response header (the body is OpenFGA's empty WriteResponse);
// Read accepts one in the request header, as on gRPC.
import type { RelataService } from '../../service/index.js';
import { consistencyTokenHeader } from './call.js';
import { decodeConsistency, decodeTimestamp, decodeTupleKeys, encodeChange, encodeTuple, queryInteger } from './codec-json.js';
import type { TupleKeyJson } from './codec-json.js';
import { handle } from './route-table.js';
import type { RouteSpec } from './route-table.js';
import { bodies, queries, responses } from './schemas.js';

interface WriteBody {
  authorization_model_id?: string;
  writes?: { tuple_keys?: TupleKeyJson[]; on_duplicate?: string } | null;
  deletes?: { tuple_keys?: TupleKeyJson[]; on_missing?: string } | null;
}

interface ReadBody {
  tuple_key?: { object?: string; relation?: string; user?: string } | null;
  page_size?: number | null;
  continuation_token?: string;
  consistency?: string | number | null;
}

export function tupleRoutes(service: RelataService): RouteSpec[] {
  return [
    {
      kind: 'json',
      operation: 'Write',
      method: 'POST',
      path: '/stores/:store_id/write',
      tag: 'Relationship Tuples',
      summary: 'Write and delete tuples in one transaction',
      body: bodies.Write,
      response: responses.Write,
      handler: handle<WriteBody>(async ({ params, body }, call) => {
        const out = await service.write(
          {
            storeId: params.store_id,
            authorizationModelId: body.authorization_model_id || undefined,
            writes: body.writes ? { tupleKeys: decodeTupleKeys(body.writes.tuple_keys), onDuplicate: body.writes.on_duplicate || undefined } : undefined,
            deletes: body.deletes ? { tupleKeys: decodeTupleKeys(body.deletes.tuple_keys), onMissing: body.deletes.on_missing || undefined } : undefined,
          },
          call.caller,
        );
        call.setHeader(consistencyTokenHeader, out.consistencyToken);
        return {};
      }),
    },
    {
      kind: 'json',
      operation: 'Read',
      method: 'POST',
      path: '/stores/:store_id/read',
      tag: 'Relationship Tuples',
      summary: 'Read tuples matching a filter, in pages',
      body: bodies.Read,
      response: responses.Read,
      handler: handle<ReadBody>(async ({ params, body }, call) => {
        const page = await service.read(
          {
            storeId: params.store_id,
            tupleKey: body.tuple_key ?? undefined,
            pageSize: body.page_size ?? undefined,
            continuationToken: body.continuation_token,
            consistency: decodeConsistency(body.consistency),
            consistencyToken: call.header(consistencyTokenHeader),
            signal: call.signal,
          },
          call.caller,
        );
        return { tuples: page.items.map(encodeTuple), continuation_token: page.continuationToken };
      }),
    },
    {
      kind: 'json',
      operation: 'ReadChanges',
      method: 'GET',
      path: '/stores/:store_id/changes',
      tag: 'Relationship Tuples',
      summary: 'Read the changelog of a store',
      query: queries.ReadChanges,
      response: responses.ReadChanges,
      handler: handle<unknown, { type?: string; page_size?: string; continuation_token?: string; start_time?: string }>(async ({ params, query }, call) => {
        const page = await service.readChanges(
          {
            storeId: params.store_id,
            type: query.type || undefined,
            pageSize: queryInteger(query.page_size, 'page_size'),
            continuationToken: query.continuation_token,
            startTime: decodeTimestamp(query.start_time, 'start_time'),
          },
          call.caller,
        );
        return { changes: page.items.map(encodeChange), continuation_token: page.continuationToken };
      }),
    },
  ];
}
