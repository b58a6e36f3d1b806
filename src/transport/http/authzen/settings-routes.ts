// relata.v1 over HTTP: a store's AuthZEN actions per type (`GET`/`PUT /stores/{store_id}/authzen/actions`,
// body `{"types": [{"type": "doc", "actions": ["can_read", "can_write"]}]}`, an empty list clears
// it). Relata's own API, so errors take OpenFGA's form like the other relata.v1 routes.
import type { AuthzenActions, RelataService } from '../../../service/index.js';
import { handle } from '../route-table.js';
import type { RouteSpec } from '../route-table.js';
import { relataBodies, relataResponses } from '../schemas-relata.js';
import { pathStoreId } from './query.js';
import { badRequest, field, isObject } from './wire.js';

/** The body's `types`, type-checked (the service checks names, sizes and duplicates). */
export function decodeActionTypes(body: unknown): AuthzenActions['types'] {
  if (!isObject(body)) throw badRequest('request body', 'value must be a JSON object');
  const types = field(body, 'types');
  if (types === undefined || types === null) return [];
  if (!Array.isArray(types)) throw badRequest('types', 'value must be an array');
  return types.map((entry: unknown, i) => {
    if (!isObject(entry)) throw badRequest(`types[${i}]`, 'value must be an object');
    const type = field(entry, 'type');
    if (typeof type !== 'string') throw badRequest(`types[${i}].type`, type === undefined ? 'value is required' : 'value must be a string');
    const actions = field(entry, 'actions') ?? [];
    if (!Array.isArray(actions)) throw badRequest(`types[${i}].actions`, 'value must be an array');
    actions.forEach((action: unknown, j) => {
      if (typeof action !== 'string') throw badRequest(`types[${i}].actions[${j}]`, 'value must be a string');
    });
    return { type, actions: actions as string[] };
  });
}

/** In the route table (route-table.ts), so that they share the frame, the checks and the OpenAPI document. */
export function authzenActionRoutes(service: RelataService): RouteSpec[] {
  return [
    {
      kind: 'json',
      operation: 'ReadAuthzenActions',
      method: 'GET',
      path: '/stores/:store_id/authzen/actions',
      tag: 'Relata',
      summary: "The store's AuthZEN actions per type (relata.v1)",
      response: relataResponses.AuthzenActions,
      handler: handle(({ params }, call) => service.readAuthzenActions(params.store_id, call.caller)),
    },
    {
      kind: 'json',
      operation: 'WriteAuthzenActions',
      method: 'PUT',
      path: '/stores/:store_id/authzen/actions',
      tag: 'Relata',
      summary: 'Which relations of each type AuthZEN search/action offers, replaced whole (relata.v1)',
      // Checked by decodeActionTypes (messages name the field as the AuthZEN decoders do).
      documentedBody: relataBodies.WriteAuthzenActions,
      response: relataResponses.AuthzenActions,
      handler: (request, call) => service.writeAuthzenActions({ storeId: pathStoreId(request), types: decodeActionTypes(request.body) }, call.caller),
    },
  ];
}
