// The OpenAPI 3.1 document of everything the HTTP server serves, generated from the route table
// and the JSON Schemas the validators use (so it cannot drift from what is served).
import type { RouteSpec } from './route-table.js';
import { pathParams } from './route-table.js';
import { definitions, definitionsId } from './schemas.js';
import type { JsonSchema } from './schemas.js';

/** Documented routes that are not in the OpenFGA table (discovery, AuthZEN, the document itself). */
export interface ExtraPath {
  method: string;
  path: string;
  summary: string;
  tag: string;
}

const refPrefix = `${definitionsId}#/definitions/`;

/** The schemas with their references pointed at `components.schemas`. */
function openapiSchema<T>(schema: T): T {
  return JSON.parse(JSON.stringify(schema).replaceAll(refPrefix, '#/components/schemas/')) as T;
}

/** fastify's `/stores/:store_id` as OpenAPI's `/stores/{store_id}`. */
export function openapiPath(path: string): string {
  return path.replace(/:([a-z_]+)/g, '{$1}');
}

const errorResponse = { description: 'OpenFGA error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };

function operationOf(route: RouteSpec): JsonSchema {
  const parameters: JsonSchema[] = pathParams(route.path).map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } }));
  const query = route.query as { properties?: Record<string, JsonSchema> } | undefined;
  for (const [name, schema] of Object.entries(query?.properties ?? {})) parameters.push({ name, in: 'query', required: false, schema });
  const status = route.kind === 'json' ? (route.status ?? 200) : 200;
  const requestBody = route.body ?? route.documentedBody;
  const contentType = route.kind === 'ndjson' ? 'application/x-ndjson' : 'application/json';
  const success =
    status === 204 || !route.response
      ? { description: 'success' }
      : { description: route.kind === 'ndjson' ? 'one JSON object per line' : 'success', content: { [contentType]: { schema: openapiSchema(route.response) } } };
  return {
    operationId: route.operation,
    summary: route.summary,
    tags: [route.tag],
    ...(parameters.length ? { parameters } : {}),
    ...(requestBody ? { requestBody: { required: false, content: { 'application/json': { schema: openapiSchema(requestBody) } } } } : {}),
    responses: { [String(status)]: success, '400': errorResponse, '401': errorResponse, '403': errorResponse, '404': errorResponse, '500': errorResponse },
  };
}

export function openapiDocument(routes: readonly RouteSpec[], extra: readonly ExtraPath[], version: string): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of routes) (paths[openapiPath(route.path)] ??= {})[route.method.toLowerCase()] = operationOf(route);
  for (const e of extra) {
    (paths[openapiPath(e.path)] ??= {})[e.method.toLowerCase()] = { summary: e.summary, tags: [e.tag], responses: { '200': { description: 'success' } } };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Relata HTTP API',
      version,
      description:
        "OpenFGA's HTTP API (the openfga.v1 service, as OpenFGA's gateway serves it) and Relata's additions. Consistency tokens travel in the x-relata-consistency-token header.",
    },
    paths,
    components: {
      schemas: openapiSchema(definitions),
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    },
    security: [{ bearer: [] }, {}],
  };
}
