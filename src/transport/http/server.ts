// The HTTP/JSON server: OpenFGA's REST API (for the official SDKs) and AuthZEN 1.0 on one port,
// over the same service layer as gRPC. fastify: schema-less routing on a radix tree, a safe JSON
// body parser (prototype poisoning refused), body limits and graceful close, at a per-request
// cost within a few percent of bare node:http.
import Fastify from 'fastify';
import type { FastifyError, FastifyInstance } from 'fastify';
import type { Authenticator } from '../../auth/index.js';
import { ErrorCode, errorCodeName } from '../../model/index.js';
import type { Logger } from '../../observability/logger.js';
import type { Metrics } from '../../observability/metrics.js';
import { splitHostPort } from '../../observability/http-server.js';
import type { RelataService } from '../../service/index.js';
import { sendError } from './call.js';
import type { HttpDeps } from './call.js';
import { registerOpenfgaRoutes } from './openfga-routes.js';
import { registerAuthzenRoutes } from './authzen/routes.js';
import type { AuthzenOptions } from './authzen/routes.js';
import { frameworkError } from './framework-error.js';

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
  /** AuthZEN: default store, published base URL, evaluations per request. */
  authzen?: AuthzenOptions;
}

export interface HttpServer {
  readonly port: number;
  /** Graceful stop: no new requests, drain in-flight ones for up to `drainTimeoutMs`, then cancel. */
  stop(drainTimeoutMs: number): Promise<void>;
}

export function buildHttpApp(options: HttpServerOptions, deps: HttpDeps): FastifyInstance {
  const app = Fastify({
    logger: false,
    bodyLimit: options.bodyLimitBytes ?? 4 * 1024 * 1024,
    return503OnClosing: true,
    // Slow clients may not hold a connection open forever sending headers or a body.
    requestTimeout: 60_000,
    ...(options.tls ? { https: { cert: options.tls.cert, key: options.tls.key, ca: options.tls.ca, requestCert: options.tls.ca !== undefined, rejectUnauthorized: options.tls.ca !== undefined } } : {}),
  });
  app.setErrorHandler((error: FastifyError, request, reply) => sendError(deps, reply, request.routeOptions.url ?? 'unknown', undefined, frameworkError(error)));
  app.setNotFoundHandler((request, reply) => {
    void reply.code(404).send({ code: errorCodeName(ErrorCode.UndefinedEndpoint), message: `no route for ${request.method} ${request.url.slice(0, 128)}` });
  });
  registerOpenfgaRoutes(app, deps);
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
