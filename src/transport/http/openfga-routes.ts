// The route table of the HTTP API: OpenFGA's REST API (every openfga.v1 RPC at the path and
// method of its google.api.http annotation in openfga/api) and the relata.v1 additions.
import type { FastifyInstance } from 'fastify';
import type { HttpDeps } from './call.js';
import { registerRoutes } from './route-table.js';
import type { RouteSpec } from './route-table.js';
import { queryRoutes } from './routes-queries.js';
import { relataRoutes } from './routes-relata.js';
import { storeRoutes } from './routes-stores.js';
import { tupleRoutes } from './routes-tuples.js';

export function openfgaRouteTable(deps: HttpDeps): RouteSpec[] {
  return [...storeRoutes(deps.service), ...tupleRoutes(deps.service), ...queryRoutes(deps.service, deps), ...relataRoutes(deps.service)];
}

export function registerOpenfgaRoutes(app: FastifyInstance, deps: HttpDeps, routes: readonly RouteSpec[] = openfgaRouteTable(deps)): void {
  registerRoutes(app, deps, routes);
}
