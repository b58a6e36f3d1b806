// Handlers of relata.v1's API client RPCs (admin scope, checked by the call frame): decode, call
// service.apiClients, encode. The key appears only in the Create and Rotate responses.
import type { ApiClientInfo, IssuedApiClient, RelataService } from '../../service/index.js';
import type { CallDeps } from './call.js';
import { unary } from './call.js';
import { dateToTimestamp, timestampToDate } from './codec-values.js';
import type { ApiClient } from './generated/relata/v1/ApiClient.js';
import type { IssuedApiClientResponse } from './generated/relata/v1/IssuedApiClientResponse.js';
import type { RelataServiceHandlers } from './generated/relata/v1/RelataService.js';
import { apiClientWire } from '../shared/relata-wire.js';

type ClientHandlers = Pick<
  RelataServiceHandlers,
  'CreateApiClient' | 'ListApiClients' | 'GetApiClient' | 'DisableApiClient' | 'EnableApiClient' | 'RotateApiClientKey' | 'DeleteApiClient'
>;

function encodeClient(client: ApiClientInfo): ApiClient {
  return apiClientWire(client, dateToTimestamp);
}

const encodeIssued = (issued: IssuedApiClient): IssuedApiClientResponse => ({ client: encodeClient(issued.client), key: issued.key });

export function apiClientHandlers(service: RelataService, deps: CallDeps): ClientHandlers {
  const admin = service.apiClients;
  return {
    CreateApiClient: unary(deps, 'CreateApiClient', async (req, call) =>
      encodeIssued(await admin.create({
        name: req.name,
        grants: req.grants.map((g) => ({ store: g.store, scopes: g.scopes })),
        expiresAt: timestampToDate(req.expires_at, 'expires_at'),
        allowedCidrs: req.allowed_cidrs,
        ratePerSecond: req.rate_per_second,
        rateBurst: req.rate_burst,
      }, call.caller))),
    ListApiClients: unary(deps, 'ListApiClients', async (req, call) => {
      const page = await admin.list({ pageSize: req.page_size, continuationToken: req.continuation_token }, call.caller);
      return { clients: page.items.map(encodeClient), continuation_token: page.continuationToken };
    }),
    GetApiClient: unary(deps, 'GetApiClient', async (req, call) => ({ client: encodeClient(await admin.show(req.client_id, call.caller)) })),
    DisableApiClient: unary(deps, 'DisableApiClient', async (req, call) => ({ client: encodeClient(await admin.disable(req.client_id, call.caller)) })),
    EnableApiClient: unary(deps, 'EnableApiClient', async (req, call) => ({ client: encodeClient(await admin.enable(req.client_id, call.caller)) })),
    RotateApiClientKey: unary(deps, 'RotateApiClientKey', async (req, call) => encodeIssued(await admin.rotate(req.client_id, call.caller))),
    DeleteApiClient: unary(deps, 'DeleteApiClient', async (req, call) => {
      await admin.delete(req.client_id, call.caller);
      return {};
    }),
  };
}
