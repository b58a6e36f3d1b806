// relata.v1 API clients over HTTP (the `clients` authentication method; every route needs the
// `admin` scope on `*`): `POST|GET /api-clients`, `GET|DELETE /api-clients/{client_id}`, and
// `POST /api-clients/{client_id}/disable`, `/enable`, `/rotate-key`. The key appears only in the
// replies of creation and rotation.
import type { RelataService } from '../../service/index.js';
import { decodeTimestamp, queryInteger } from './codec-json.js';
import { encodeApiClient, encodeIssuedApiClient } from './codec-relata.js';
import { handle } from './route-table.js';
import type { RouteSpec } from './route-table.js';
import { relataBodies, relataQueries, relataResponses } from './schemas-relata.js';

interface CreateApiClientBody {
  name?: string;
  grants?: { store?: string; scopes?: string[] | null }[] | null;
  expires_at?: string | null;
  allowed_cidrs?: string[] | null;
  rate_per_second?: number | null;
  rate_burst?: number | null;
}

type ClientAction = 'GetApiClient' | 'DisableApiClient' | 'EnableApiClient';

export function apiClientRoutes(service: RelataService): RouteSpec[] {
  const admin = service.apiClients;
  const clientRoute = (operation: ClientAction, method: 'GET' | 'POST', suffix: string, summary: string, run: (id: string, caller: Parameters<typeof admin.show>[1]) => ReturnType<typeof admin.show>): RouteSpec => ({
    kind: 'json',
    operation,
    method,
    path: `/api-clients/:client_id${suffix}`,
    tag: 'Relata',
    summary,
    response: relataResponses.ApiClient,
    handler: handle(async ({ params }, call) => ({ client: encodeApiClient(await run(params.client_id, call.caller)) })),
  });
  return [
    {
      kind: 'json',
      operation: 'CreateApiClient',
      method: 'POST',
      path: '/api-clients',
      tag: 'Relata',
      summary: 'Create an API client; the reply holds its key, shown only now (relata.v1)',
      status: 201,
      body: relataBodies.CreateApiClient,
      response: relataResponses.IssuedApiClient,
      handler: handle<CreateApiClientBody>(async ({ body }, call) =>
        encodeIssuedApiClient(
          await admin.create(
            {
              name: body.name ?? '',
              grants: (body.grants ?? []).map((grant) => ({ store: grant.store ?? '', scopes: grant.scopes ?? [] })),
              expiresAt: decodeTimestamp(body.expires_at ?? undefined, 'expires_at'),
              allowedCidrs: body.allowed_cidrs ?? [],
              ratePerSecond: body.rate_per_second ?? 0,
              rateBurst: body.rate_burst ?? 0,
            },
            call.caller,
          ),
        ),
      ),
    },
    {
      kind: 'json',
      operation: 'ListApiClients',
      method: 'GET',
      path: '/api-clients',
      tag: 'Relata',
      summary: 'List API clients (relata.v1)',
      query: relataQueries.ListApiClients,
      response: relataResponses.ListApiClients,
      handler: handle<unknown, { page_size?: string; continuation_token?: string }>(async ({ query }, call) => {
        const page = await admin.list({ pageSize: queryInteger(query.page_size, 'page_size'), continuationToken: query.continuation_token }, call.caller);
        return { clients: page.items.map(encodeApiClient), continuation_token: page.continuationToken };
      }),
    },
    clientRoute('GetApiClient', 'GET', '', 'Get an API client (relata.v1)', (id, caller) => admin.show(id, caller)),
    clientRoute('DisableApiClient', 'POST', '/disable', 'Disable an API client: its key stops working (relata.v1)', (id, caller) => admin.disable(id, caller)),
    clientRoute('EnableApiClient', 'POST', '/enable', 'Enable a disabled API client (relata.v1)', (id, caller) => admin.enable(id, caller)),
    {
      kind: 'json',
      operation: 'RotateApiClientKey',
      method: 'POST',
      path: '/api-clients/:client_id/rotate-key',
      tag: 'Relata',
      summary: 'Issue a new key for an API client; the old one stops working (relata.v1)',
      response: relataResponses.IssuedApiClient,
      handler: handle(async ({ params }, call) => encodeIssuedApiClient(await admin.rotate(params.client_id, call.caller))),
    },
    {
      kind: 'json',
      operation: 'DeleteApiClient',
      method: 'DELETE',
      path: '/api-clients/:client_id',
      tag: 'Relata',
      summary: 'Delete an API client (relata.v1)',
      response: relataResponses.Empty,
      handler: handle(async ({ params }, call) => {
        await admin.delete(params.client_id, call.caller);
        return {};
      }),
    },
  ];
}
