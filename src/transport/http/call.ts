// The frame around every HTTP route, the counterpart of the gRPC call frame: request id, the
// caller's identity (authenticate, then authorize the route's operation on the path's store),
// cancellation and deadline as an AbortSignal, error mapping to OpenFGA's status + body, and
// per-route metrics. Handlers inside it only decode, call the service and encode.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { fullAccess } from '../../auth/index.js';
import type { ApiOperation, Authenticator, Principal } from '../../auth/index.js';
import { errorCodeName } from '../../model/index.js';
import type { Logger } from '../../observability/logger.js';
import type { Metrics } from '../../observability/metrics.js';
import { requestIdFrom, requestIdHeader } from '../../observability/request-id.js';
import type { Caller, RelataService } from '../../service/index.js';
import { toHttpError } from './error-status.js';
import type { HttpError } from './error-status.js';

export const consistencyTokenHeader = 'x-relata-consistency-token';
export const reasonHeader = 'x-relata-reason';

export interface HttpDeps {
  service: RelataService;
  logger: Logger;
  metrics?: Metrics;
  /** Absent = authentication off: every caller is the anonymous principal with full access. */
  authenticator?: Authenticator;
  /** Tracks in-flight requests so that shutdown can cancel them after the drain timeout. */
  inFlight: Set<AbortController>;
  /** Upper bound on one request's evaluation (0 = none). */
  requestTimeoutMs?: number;
}

export interface HttpCall {
  readonly requestId: string;
  /** Aborted when the client goes away, the deadline passes or the server stops. */
  readonly signal: AbortSignal;
  /** Who asked: handed to every service call. */
  readonly caller: Caller;
  /** A request header's value (the first one), if present. */
  header(name: string): string | undefined;
  /** Adds a response header. */
  setHeader(name: string, value: string): void;
}

/** The route's operation for authorization; `public` routes (discovery documents) need no credential. */
export type RouteAccess = ApiOperation | 'public';

/** What a route family (AuthZEN) changes in the frame; OpenFGA's routes use the defaults. */
export interface RouteOptions {
  /** The error body (default: OpenFGA's `{code, message}`); status and headers stay the frame's. */
  errorBody?: (error: HttpError) => unknown;
  /** The store the call is authorized on (default: the `store_id` path parameter). */
  storeId?: (request: FastifyRequest) => string | undefined;
  /** The success status (default 200; OpenFGA answers 201 to creations and 204 to some writes). */
  status?: number;
}

const anonymous: Principal = fullAccess('anonymous', 'anonymous');

/**
 * Longest reason and user agent kept (they travel into logs and the audit trail): longer ones
 * are cut, not refused, at gRPC's bound (maxCallerTextLength in grpc/call-identity.ts).
 */
const maxHeaderChars = 256;

function headerOf(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first;
}

function clipped(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value.slice(0, maxHeaderChars);
}

function storeIdOf(request: FastifyRequest): string | undefined {
  const params = request.params as { store_id?: unknown } | undefined;
  return typeof params?.store_id === 'string' ? params.store_id : undefined;
}

async function principalOf(deps: HttpDeps, request: FastifyRequest, access: RouteAccess, options: RouteOptions): Promise<Principal> {
  if (!deps.authenticator || access === 'public') return anonymous;
  const principal = await deps.authenticator.authenticate({ authorization: headerOf(request, 'authorization'), peerAddress: request.ip });
  deps.authenticator.authorize(principal, access, (options.storeId ?? storeIdOf)(request));
  return principal;
}

export interface OpenedCall {
  call: HttpCall;
  /** Ends the call: clears the deadline, records metrics and the debug log line. */
  finish(outcome: string): void;
}

/** Opens the frame: authenticates and authorizes before anything else runs. */
export async function openCall(deps: HttpDeps, request: FastifyRequest, reply: FastifyReply, route: string, access: RouteAccess, options: RouteOptions = {}): Promise<OpenedCall> {
  const requestId = requestIdFrom(headerOf(request, requestIdHeader));
  void reply.header(requestIdHeader, requestId);
  const controller = new AbortController();
  deps.inFlight.add(controller);
  const started = process.hrtime.bigint();
  let finished = false;
  // The response socket closing before the reply was written means the client went away.
  reply.raw.once('close', () => {
    if (!finished) controller.abort();
  });
  const ms = deps.requestTimeoutMs ?? 0;
  const timer = ms > 0 ? setTimeout(() => controller.abort(new DOMException('The operation timed out.', 'TimeoutError')), ms) : undefined;
  const finish = (outcome: string): void => {
    finished = true;
    clearTimeout(timer);
    deps.inFlight.delete(controller);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    deps.metrics?.observeRequest('http', route, outcome, seconds);
    if (deps.logger.isLevelEnabled('debug')) deps.logger.debug({ route, requestId, code: outcome, ms: Math.round(seconds * 1e6) / 1e3 }, 'http request');
  };
  try {
    const principal = await principalOf(deps, request, access, options);
    const caller: Caller = {
      principal,
      requestId,
      peerAddress: request.ip,
      userAgent: clipped(headerOf(request, 'user-agent')),
      reason: clipped(headerOf(request, reasonHeader)),
    };
    const call: HttpCall = {
      requestId,
      signal: controller.signal,
      caller,
      header: (name) => headerOf(request, name),
      setHeader: (name, value) => void reply.header(name, value),
    };
    return { call, finish };
  } catch (error) {
    finish(outcomeOf(error));
    throw error;
  }
}

function outcomeOf(error: unknown): string {
  return errorCodeName(toHttpError(error).code);
}

/** Sends a mapped error; internal causes are logged, never sent. */
export function sendError(deps: HttpDeps, reply: FastifyReply, route: string, requestId: string | undefined, error: unknown, errorBody?: RouteOptions['errorBody']): void {
  const mapped = toHttpError(error);
  if (mapped.internal) deps.logger.error({ err: error, route, requestId }, 'request failed');
  else deps.logger.debug({ route, requestId, code: mapped.body.code, message: mapped.body.message }, 'request rejected');
  if (mapped.retryAfterSeconds !== undefined) void reply.header('retry-after', String(mapped.retryAfterSeconds));
  void reply.code(mapped.status).send(errorBody ? errorBody(mapped) : mapped.body);
}

export type JsonHandler = (request: FastifyRequest, call: HttpCall) => Promise<unknown>;

/** A unary JSON route: the reply is the handler's value, serialized as JSON. */
export function jsonRoute(deps: HttpDeps, route: string, access: RouteAccess, handler: JsonHandler, options: RouteOptions = {}) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    let opened: OpenedCall | undefined;
    try {
      opened = await openCall(deps, request, reply, route, access, options);
      const body = await handler(request, opened.call);
      const status = options.status ?? 200;
      // 204 (OpenFGA's DeleteStore, WriteAssertions) has no body.
      if (status === 204) void reply.code(204).send();
      else void reply.code(status).send(body);
      opened.finish('ok');
    } catch (error) {
      sendError(deps, reply, route, opened?.call.requestId ?? (reply.getHeader(requestIdHeader) as string | undefined), error, options.errorBody);
      opened?.finish(outcomeOf(error));
    }
  };
}

export type StreamHandler = (request: FastifyRequest, call: HttpCall) => AsyncIterable<unknown>;

/**
 * A server-streaming route as newline-delimited JSON (grpc-gateway's form): one `{"result": …}`
 * line per item; an error after the first line ends the stream with one `{"error": …}` line.
 */
export function ndjsonRoute(deps: HttpDeps, route: string, access: RouteAccess, handler: StreamHandler) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    let opened: OpenedCall | undefined;
    let started = false;
    try {
      opened = await openCall(deps, request, reply, route, access);
      for await (const item of handler(request, opened.call)) {
        if (!started) {
          reply.hijack();
          reply.raw.writeHead(200, { ...(reply.getHeaders() as Record<string, string>), 'content-type': 'application/x-ndjson' });
          started = true;
        }
        if (opened.call.signal.aborted) break;
        if (!reply.raw.write(`${JSON.stringify({ result: item })}\n`)) await new Promise<void>((resolve) => reply.raw.once('drain', resolve));
      }
      if (!started) {
        void reply.code(200).type('application/x-ndjson').send('');
      } else reply.raw.end();
      opened.finish('ok');
    } catch (error) {
      if (!started) sendError(deps, reply, route, opened?.call.requestId, error);
      else {
        const mapped = toHttpError(error);
        if (mapped.internal) deps.logger.error({ err: error, route, requestId: opened?.call.requestId }, 'stream failed');
        reply.raw.end(`${JSON.stringify({ error: { code: mapped.code, message: mapped.body.message } })}\n`);
      }
      opened?.finish(outcomeOf(error));
    }
  };
}
