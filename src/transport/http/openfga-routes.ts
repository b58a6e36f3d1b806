// The route table of the HTTP API: OpenFGA's REST API (every openfga.v1 RPC at the path and
// method of its google.api.http annotation in openfga/api) and every relata.v1 RPC (a test reads
// both services from the proto and fails when an RPC has no route here).
import type { FastifyInstance } from 'fastify';
import type { HttpDeps } from './call.js';
import { registerRoutes } from './route-table.js';
import type { RouteSpec } from './route-table.js';
import { authzenActionRoutes } from './authzen/settings-routes.js';
import { queryRoutes } from './routes-queries.js';
import { auditRoutes } from './routes-audit.js';
import { bulkRoutes } from './routes-bulk.js';
import { apiClientRoutes } from './routes-clients.js';
import { explainRoutes } from './routes-explain.js';
import { relataRoutes } from './routes-relata.js';
import { storeRoutes } from './routes-stores.js';
import { tupleRoutes } from './routes-tuples.js';

export function openfgaRouteTable(deps: HttpDeps): RouteSpec[] {
  const service = deps.service;
  return [
    ...storeRoutes(service),
    ...tupleRoutes(service),
    ...queryRoutes(service, deps),
    // relata.v1
    ...relataRoutes(service),
    ...explainRoutes(service),
    ...bulkRoutes(service),
    ...authzenActionRoutes(service),
    ...auditRoutes(service),
    ...apiClientRoutes(service),
  ];
}

export function registerOpenfgaRoutes(app: FastifyInstance, deps: HttpDeps, routes: readonly RouteSpec[] = openfgaRouteTable(deps)): void {
  registerRoutes(app, deps, routes);
}
