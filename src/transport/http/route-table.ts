// One table describes every HTTP route: fastify registers it (with its JSON Schemas as the
// validators) and the OpenAPI document is generated from it, so the two cannot drift apart.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ApiOperation } from '../../auth/index.js';
import type { HttpCall, HttpDeps, JsonHandler, StreamHandler } from './call.js';
import { jsonRoute, ndjsonRoute } from './call.js';
import type { JsonSchema } from './schemas.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface RouteBase {
  operation: ApiOperation;
  method: HttpMethod;
  /** fastify's form: `/stores/:store_id/check`. */
  path: string;
  summary: string;
  /** The OpenAPI tag (the API the route belongs to). */
  tag: 'Stores' | 'Authorization Models' | 'Assertions' | 'Relationship Tuples' | 'Relationship Queries' | 'Relata';
  /** Validates the body (a wrong type is a 400 naming the field) and documents it. */
  body?: JsonSchema;
  /** Documents a body the handler checks itself (the OpenAPI document shows it; fastify does not validate it). */
  documentedBody?: JsonSchema;
  query?: JsonSchema;
  response?: JsonSchema;
}

export interface JsonRouteSpec extends RouteBase {
  kind: 'json';
  /** The success status (OpenFGA: 201 for creations, 204 for DeleteStore and WriteAssertions). */
  status?: number;
  handler: JsonHandler;
}

export interface NdjsonRouteSpec extends RouteBase {
  kind: 'ndjson';
  handler: StreamHandler;
}

export type RouteSpec = JsonRouteSpec | NdjsonRouteSpec;

/** The path parameters of a route (`:store_id` → store_id). */
export function pathParams(path: string): string[] {
  return [...path.matchAll(/:([a-z_]+)/g)].map((match) => match[1]);
}

/** The decoded parts of a request, typed by the route (the schema has checked their shape). */
export interface RequestParts<B, Q> {
  params: Record<string, string>;
  body: B;
  query: Q;
}

export function partsOf<B = Record<string, never>, Q = Record<string, string | undefined>>(request: FastifyRequest): RequestParts<B, Q> {
  return {
    params: request.params as Record<string, string>,
    body: (request.body ?? {}) as B,
    query: (request.query ?? {}) as Q,
  };
}

/** A JSON route handler written against the request's typed parts. */
export function handle<B, Q = Record<string, string | undefined>>(fn: (parts: RequestParts<B, Q>, call: HttpCall) => Promise<unknown>): JsonHandler {
  return (request, call) => fn(partsOf<B, Q>(request), call);
}

export function registerRoutes(app: FastifyInstance, deps: HttpDeps, routes: readonly RouteSpec[]): void {
  for (const route of routes) {
    const params = pathParams(route.path);
    const schema: Record<string, JsonSchema> = {};
    if (params.length > 0) schema.params = { type: 'object', properties: Object.fromEntries(params.map((p) => [p, { type: 'string' }])) };
    if (route.body) schema.body = route.body;
    if (route.query) schema.querystring = route.query;
    app.route({
      method: route.method,
      url: route.path,
      schema,
      config: { operation: route.operation },
      handler:
        route.kind === 'json'
          ? jsonRoute(deps, route.operation, route.operation, route.handler, { status: route.status })
          : ndjsonRoute(deps, route.operation, route.operation, route.handler),
    });
  }
}
