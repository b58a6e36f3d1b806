// relata.v1 over HTTP: a store's AuthZEN actions per type (`GET`/`PUT /stores/{store_id}/authzen/actions`,
// body `{"types": [{"type": "doc", "actions": ["can_read", "can_write"]}]}`, an empty list clears
// it). Relata's own API, so errors take OpenFGA's form like the other relata.v1 routes.
import type { FastifyInstance } from 'fastify';
import type { AuthzenActions } from '../../../service/index.js';
import type { HttpDeps } from '../call.js';
import { jsonRoute } from '../call.js';
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

export function registerAuthzenSettingsRoutes(app: FastifyInstance, deps: HttpDeps): void {
  app.get(
    '/stores/:store_id/authzen/actions',
    jsonRoute(deps, 'ReadAuthzenActions', 'ReadAuthzenActions', (request, call) => deps.service.readAuthzenActions(pathStoreId(request), call.caller)),
  );
  app.put(
    '/stores/:store_id/authzen/actions',
    jsonRoute(deps, 'WriteAuthzenActions', 'WriteAuthzenActions', (request, call) =>
      deps.service.writeAuthzenActions({ storeId: pathStoreId(request), types: decodeActionTypes(request.body) }, call.caller),
    ),
  );
}
