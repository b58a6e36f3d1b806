// The HTTP/JSON server: OpenFGA's REST API (for the official SDKs) and AuthZEN 1.0 on one port,
// over the same service layer as gRPC. fastify: schema-less routing on a radix tree, a safe JSON
// body parser (prototype poisoning refused), body limits and graceful close, at a per-request
// cost within a few percent of bare node:http.
import Fastify from 'fastify';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, FastifySchemaValidationError } from 'fastify';
import type { Authenticator } from '../../auth/index.js';
import { ErrorCode, RelataError, ValidationError, errorCodeName } from '../../model/index.js';
import type { Logger } from '../../observability/logger.js';
import type { Metrics } from '../../observability/metrics.js';
import { splitHostPort } from '../../observability/http-server.js';
import { requestIdFrom, requestIdHeader } from '../../observability/request-id.js';
import type { RelataService } from '../../service/index.js';
import { jsonRoute, sendError } from './call.js';
import type { HttpDeps } from './call.js';
import { toHttpError } from './error-status.js';
import { parseJsonBody } from './json-body.js';
import { keepRawBody } from './model-request.js';
import { openapiDocument } from './openapi.js';
import type { ExtraPath } from './openapi.js';
import { openfgaRouteTable, registerOpenfgaRoutes } from './openfga-routes.js';
import { definitions, definitionsId } from './schemas.js';
import { registerAuthzenRoutes } from './authzen/routes.js';
import type { AuthzenOptions } from './authzen/routes.js';
import { frameworkError } from './framework-error.js';
import { crossSiteError, crossSitePolicy, registerCors } from './cross-site.js';
import type { CorsOrigins } from './cross-site.js';

export interface HttpTlsOptions {
  cert: string | Buffer;
  key: string | Buffer;
  /** Client CA: when set, clients must present a certificate it signed (mTLS). */
  ca?: string | Buffer;
}

export interface HttpServerOptions {
  service: RelataService;
  logger: Logger;
  metrics?: Metrics;
  /** host:port; port 0 picks a free one. */
  addr: string;
  authenticator?: Authenticator;
  /** Largest accepted request body, in bytes (default 4 MiB, as on gRPC). */
  bodyLimitBytes?: number;
  /** Bound on one request's evaluation; 0 = none. */
  requestTimeoutMs?: number;
  tls?: HttpTlsOptions;
  /**
   * Serves `GET /relata/bench/noop` (the frame and nothing else: the floor the bench judges
   * HTTP rows by). Off unless RELATA_HTTP_BENCH_NOOP_ROUTE is set.
   */
  benchNoopRoute?: boolean;
  /** AuthZEN: default store, published base URL, evaluations per request. */
  authzen?: AuthzenOptions;
  /**
   * Browser origins allowed cross-origin (RELATA_HTTP_CORS_ORIGINS); absent or empty = none. Other
   * cross-site browser requests are refused with 403 either way (cross-site.ts).
   */
  corsOrigins?: CorsOrigins;
}

export interface HttpServer {
  readonly port: number;
  /** Graceful stop: no new requests, drain in-flight ones for up to `drainTimeoutMs`, then cancel. */
  stop(drainTimeoutMs: number): Promise<void>;
}

/** The path of the failing field in OpenFGA's dotted form (`tuple_key.user`). */
function fieldPath(error: FastifySchemaValidationError, dataVar: string): string {
  const path = error.instancePath.split('/').slice(1).join('.');
  const missing = error.keyword === 'required' ? String((error.params as { missingProperty?: unknown }).missingProperty ?? '') : '';
  return [dataVar === 'body' ? '' : dataVar, path, missing].filter(Boolean).join('.') || dataVar;
}

/** A schema refusal as OpenFGA's validation error, naming the first failing field. */
function schemaError(errors: FastifySchemaValidationError[], dataVar: string): Error {
  const first = errors[0];
  const message = first ? `invalid request: field '${fieldPath(first, dataVar)}' ${first.message ?? 'is invalid'}` : `invalid request ${dataVar}`;
  return new ValidationError(ErrorCode.ValidationError, message);
}

/** The operation a route serves, for metrics (registered routes carry it in their config). */
function operationOf(request: FastifyRequest): string {
  const config = request.routeOptions.config as { operation?: unknown } | undefined;
  return typeof config?.operation === 'string' ? config.operation : 'unknown';
}

/** Every refusal outside a route's frame still carries the request id and is counted. */
function refuseOutsideFrame(deps: HttpDeps, request: FastifyRequest, reply: FastifyReply, error: unknown): void {
  const requestId = (reply.getHeader(requestIdHeader) as string | undefined) ?? requestIdFrom(headerValue(request.headers[requestIdHeader]));
  void reply.header(requestIdHeader, requestId);
  const route = operationOf(request);
  sendError(deps, reply, route, requestId, error);
  deps.metrics?.observeRequest('http', route, errorCodeName(toHttpError(error).code), reply.elapsedTime / 1000);
}

/** Longest path parameter the router accepts (fastify's default): ids are 26 characters. */
const maxParamLength = 100;

function routerError(error: FastifyError): ValidationError {
  const problem = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? `a path parameter is longer than ${maxParamLength} characters` : 'malformed URL';
  return new ValidationError(ErrorCode.ValidationError, `invalid request: ${problem}`);
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

const registered = new WeakMap<FastifyInstance, string[]>();

/** Every `METHOD path` an app built by buildHttpApp serves (HEAD and CORS's OPTIONS excluded), for the OpenAPI check. */
export function registeredRoutesOf(app: FastifyInstance): readonly string[] {
  return registered.get(app) ?? [];
}

export function buildHttpApp(options: HttpServerOptions, deps: HttpDeps): FastifyInstance {
  const bodyLimit = options.bodyLimitBytes ?? 4 * 1024 * 1024;
  const app = Fastify({
    logger: false,
    bodyLimit,
    routerOptions: { maxParamLength },
    return503OnClosing: true,
    // Slow clients may not hold a connection open forever sending headers or a body.
    requestTimeout: 60_000,
    // A number is not a string, a missing default is not invented, unknown fields are ignored
    // (not stripped); the handlers read only the fields they know.
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false, useDefaults: false, allowUnionTypes: true, allErrors: false } },
    schemaErrorFormatter: schemaError,
    // The router's own refusals (a path parameter past maxParamLength, a malformed URL) take
    // OpenFGA's form and carry a request id like every other refusal, without echoing the path.
    frameworkErrors: (error, request, reply) => refuseOutsideFrame(deps, request, reply, routerError(error)),
    ...(options.tls ? { https: { cert: options.tls.cert, key: options.tls.key, ca: options.tls.ca, requestCert: options.tls.ca !== undefined, rejectUnauthorized: options.tls.ca !== undefined } } : {}),
  });
  // Bodies are JSON whatever the declared type (grpc-gateway reads them so; curl -d sends a form type).
  app.removeAllContentTypeParsers();
  const parser = (request: FastifyRequest, body: Buffer, done: (error: Error | null, value?: unknown) => void) => {
    try {
      const value = parseJsonBody(body);
      keepRawBody(request, body);
      done(null, value);
    } catch (error) {
      done(error as Error);
    }
  };
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, parser);
  app.addContentTypeParser('*', { parseAs: 'buffer' }, parser);
  app.addSchema({ $id: definitionsId, definitions });
  // First of all hooks: a cross-site browser request reaches neither CORS nor any handler.
  const crossSite = crossSitePolicy(options.corsOrigins ?? []);
  app.addHook('onRequest', (request, reply, done) => {
    if (crossSite.admits(request)) done();
    else refuseOutsideFrame(deps, request, reply, crossSiteError(request));
  });
  registerCors(app, options.corsOrigins ?? []);
  app.setErrorHandler((error: FastifyError, request, reply) => refuseOutsideFrame(deps, request, reply, frameworkError(error, bodyLimit)));
  app.setNotFoundHandler((request, reply) =>
    refuseOutsideFrame(deps, request, reply, new RelataError(ErrorCode.UndefinedEndpoint, `no route for ${request.method} ${request.url.slice(0, 128)}`)),
  );

  // Everything registered is documented: OpenFGA's table in full, the rest (AuthZEN, discovery) by path.
  const routes = openfgaRouteTable(deps);
  const documented = new Set(routes.map((route) => `${route.method} ${route.path}`));
  const extra: ExtraPath[] = [];
  const served: string[] = [];
  registered.set(app, served);
  app.addHook('onRoute', (route) => {
    // HEAD mirrors GET; OPTIONS is CORS's preflight, not an API operation.
    const methods = (Array.isArray(route.method) ? route.method : [route.method]).filter((method) => method !== 'HEAD' && method !== 'OPTIONS');
    for (const method of methods) {
      served.push(`${method} ${route.url}`);
      if (documented.has(`${method} ${route.url}`)) continue;
      const summary = (route.schema as { summary?: unknown } | undefined)?.summary;
      extra.push({ method, path: route.url, summary: typeof summary === 'string' ? summary : '', tag: route.url.includes('/access/') || route.url.includes('authzen') ? 'AuthZEN' : 'Relata' });
    }
  });
  let document: unknown;
  app.get('/openapi.json', { schema: { summary: 'This OpenAPI document' } as Record<string, unknown> }, async () => (document ??= openapiDocument(routes, extra, '1')));
  if (options.benchNoopRoute) {
    app.get('/relata/bench/noop', { schema: { summary: 'No-op (bench floor): the request frame only' } as Record<string, unknown> }, jsonRoute(deps, 'BenchNoop', 'public', async () => ({})));
  }
  registerOpenfgaRoutes(app, deps, routes);
  registerAuthzenRoutes(app, deps, options.authzen);
  return app;
}

export async function startHttpServer(options: HttpServerOptions): Promise<HttpServer> {
  const deps: HttpDeps = {
    service: options.service,
    logger: options.logger,
    metrics: options.metrics,
    authenticator: options.authenticator,
    inFlight: new Set(),
    requestTimeoutMs: options.requestTimeoutMs,
  };
  const app = buildHttpApp(options, deps);
  await app.ready();
  const { host, port } = splitHostPort(options.addr);
  await app.listen({ host, port });
  const address = app.server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  options.logger.info({ addr: options.addr, port: bound, tls: options.tls !== undefined }, 'HTTP server listening');
  return {
    port: bound,
    stop: async (drainTimeoutMs) => {
      const closed = app.close().then(() => true);
      const timer = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), drainTimeoutMs).unref());
      if (!(await Promise.race([closed, timer]))) {
        options.logger.warn({ inFlight: deps.inFlight.size }, 'HTTP drain timeout: cancelling in-flight requests');
        for (const controller of deps.inFlight) controller.abort();
        app.server.closeAllConnections();
        await closed;
      }
    },
  };
}
