// The frame around every RPC: request id, authentication and authorization of the caller (before
// the handler runs), cancellation/deadline as an AbortSignal, response headers, error mapping,
// logging of internal causes and per-method metrics. Handlers inside it only decode, call the
// service (passing `info.caller` last) and encode.
import { Metadata } from '@grpc/grpc-js';
import type { handleServerStreamingCall, handleUnaryCall, ServerUnaryCall, ServerWritableStream } from '@grpc/grpc-js';
import { anonymousPrincipal, createAuthenticator } from '../../auth/index.js';
import type { ApiOperation, Authenticator } from '../../auth/index.js';
import type { Caller } from '../../service/caller.js';
import { errorCodeName } from '../../model/index.js';
import type { Logger } from '../../observability/logger.js';
import type { Metrics } from '../../observability/metrics.js';
import { requestIdFrom, requestIdHeader } from '../../observability/request-id.js';
import { firstValue, GrpcCallIdentity } from './call-identity.js';
import { toGrpcError } from './error-status.js';
import { decodeFailureOf } from './strict-decode.js';

export const consistencyTokenHeader = 'x-relata-consistency-token';

export interface CallDeps {
  logger: Logger;
  metrics?: Metrics;
  openfgaStatusCodes?: boolean;
  /** Tracks in-flight calls so that shutdown can drain them. */
  inFlight?: Set<AbortController>;
  /** Upper bound on a unary call when the client's deadline is later or absent (0 = none). */
  requestTimeoutMs?: number;
  /** Authenticates and authorizes every call; absent = not required (every caller is `anonymous`). */
  authenticator?: Authenticator;
}

/** Authentication off: what a server started without an authenticator uses. */
export const noAuthentication: Authenticator = createAuthenticator({ methods: [], required: false });

export interface CallInfo {
  requestId: string;
  /** Who calls (authenticated before the handler runs): pass it last to every service call. */
  caller: Caller;
  /** Aborted when the client cancels, the deadline passes or the server stops. */
  signal: AbortSignal;
  /** A request metadata value (first one), if present. */
  metadata(key: string): string | undefined;
  /** Adds a response header (sent before the response). */
  header(key: string, value: string): void;
}


/** Node's setTimeout takes a signed 32-bit delay: a larger one fires after 1 ms instead. */
const maxTimerMs = 2 ** 31 - 1;

/** Largest response header value we send (peers commonly accept 8 KiB of metadata in all). */
const maxHeaderValueBytes = 2048;

function openCall(deps: CallDeps, call: ServerUnaryCall<unknown, unknown> | ServerWritableStream<unknown, unknown>, timeoutMs = 0) {
  const requestId = requestIdFrom(firstValue(call.metadata, requestIdHeader));
  const controller = new AbortController();
  deps.inFlight?.add(controller);
  // grpc-js emits 'cancelled' when a stream closes, even after a successful reply: aborting then
  // would only cost a DOMException and an event dispatch per call.
  let finished = false;
  call.on('cancelled', () => {
    if (!finished) controller.abort();
  });
  const deadline = call.getDeadline();
  const clientMs = deadline instanceof Date ? deadline.getTime() - Date.now() : Number.isFinite(deadline) ? deadline - Date.now() : Infinity;
  const ms = timeoutMs > 0 ? Math.min(clientMs, timeoutMs) : clientMs;
  // One timer on our own controller instead of AbortSignal.any + AbortSignal.timeout (several
  // times the CPU of a cached Check); the reason is the same TimeoutError.
  // A delay past Node's timer limit (about 24.8 days) would fire at once: such a deadline is
  // too far away to matter, so no timer is armed.
  const timer = Number.isFinite(ms) && ms <= maxTimerMs ? setTimeout(() => controller.abort(new DOMException('The operation timed out.', 'TimeoutError')), Math.max(ms, 0)) : undefined;
  const signal = controller.signal;
  const headers = new Metadata();
  headers.set(requestIdHeader, requestId);
  const identity = new GrpcCallIdentity(call, requestId, anonymousPrincipal);
  const info: CallInfo = {
    requestId,
    caller: identity,
    signal,
    metadata: (key) => firstValue(call.metadata, key),
    header: (key, value) => {
      // A header the peer refuses would lose the whole response: one this large is never ours to send.
      if (Buffer.byteLength(value) <= maxHeaderValueBytes) headers.set(key, value);
      else deps.logger.warn({ requestId, header: key, bytes: Buffer.byteLength(value) }, 'response header too large: not sent');
    },
  };
  const started = process.hrtime.bigint();
  const finish = (method: string, outcome: string): void => {
    finished = true;
    clearTimeout(timer);
    deps.inFlight?.delete(controller);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    deps.metrics?.observeRequest('grpc', method, outcome, seconds);
    if (deps.logger.isLevelEnabled('debug')) deps.logger.debug({ method, requestId, code: outcome, ms: Math.round(seconds * 1e6) / 1e3 }, 'grpc request');
  };
  return { info, identity, headers, finish };
}

/** The store a request names (`store_id`), if any. */
function storeIdOf(request: unknown): string | undefined {
  const storeId = (request as { store_id?: unknown } | null)?.store_id;
  return typeof storeId === 'string' && storeId !== '' ? storeId : undefined;
}

/**
 * Authenticates the call and authorizes `method` on its store, before anything of the request is
 * used. Without required credentials this is synchronous and allocates nothing.
 */
function admit(authenticator: Authenticator, method: ApiOperation, request: unknown, identity: GrpcCallIdentity): Promise<void> | undefined {
  if (!authenticator.required) return undefined;
  return authenticator.authenticate(identity).then((principal) => {
    identity.principal = principal;
    authenticator.authorize(principal, method, storeIdOf(request));
  });
}

function mapFailure(deps: CallDeps, method: string, requestId: string, error: unknown) {
  const mapped = toGrpcError(error, { openfgaStatusCodes: deps.openfgaStatusCodes });
  mapped.response.metadata?.set(requestIdHeader, requestId);
  if (mapped.internal) deps.logger.error({ err: error, method, requestId }, 'request failed');
  else deps.logger.debug({ method, requestId, code: mapped.code, message: mapped.response.details }, 'request rejected');
  return mapped;
}

/** Runs a unary handler on a request that decoded cleanly. */
function handle<Req, Res>(request: Req, info: CallInfo, handler: (request: Req, info: CallInfo) => Promise<Res>): Promise<Res> {
  const decodeFailure = decodeFailureOf(request);
  return decodeFailure ? Promise.reject(decodeFailure) : handler(request, info);
}

export function unary<Req, Res>(deps: CallDeps, method: ApiOperation, handler: (request: Req, info: CallInfo) => Promise<Res>): handleUnaryCall<Req, Res> {
  const authenticator = deps.authenticator ?? noAuthentication;
  return (call, callback) => {
    const { info, identity, headers, finish } = openCall(deps, call as ServerUnaryCall<unknown, unknown>, deps.requestTimeoutMs);
    const admitted = admit(authenticator, method, call.request, identity);
    (admitted ? admitted.then(() => handle(call.request, info, handler)) : handle(call.request, info, handler)).then(
      (response) => {
        call.sendMetadata(headers);
        callback(null, response);
        finish(method, 'OK');
      },
      (error: unknown) => {
        const mapped = mapFailure(deps, method, info.requestId, error);
        call.sendMetadata(headers);
        callback(mapped.response);
        finish(method, errorCodeName(mapped.code));
      },
    );
  };
}

export function serverStream<Req, Item>(
  deps: CallDeps,
  method: ApiOperation,
  handler: (request: Req, info: CallInfo) => AsyncIterable<Item>,
): handleServerStreamingCall<Req, Item> {
  const authenticator = deps.authenticator ?? noAuthentication;
  return (call) => {
    const { info, identity, headers, finish } = openCall(deps, call as ServerWritableStream<unknown, unknown>);
    void (async () => {
      let sentHeaders = false;
      try {
        await admit(authenticator, method, call.request, identity);
        const decodeFailure = decodeFailureOf(call.request);
        if (decodeFailure) throw decodeFailure;
        for await (const item of handler(call.request, info)) {
          if (!sentHeaders) {
            call.sendMetadata(headers);
            sentHeaders = true;
          }
          if (info.signal.aborted) break;
          if (!call.write(item)) await new Promise<void>((resolve) => call.once('drain', () => resolve()));
        }
        if (!sentHeaders) call.sendMetadata(headers);
        call.end();
        finish(method, 'OK');
      } catch (error) {
        const mapped = mapFailure(deps, method, info.requestId, error);
        if (!sentHeaders) call.sendMetadata(headers);
        call.emit('error', mapped.response);
        finish(method, errorCodeName(mapped.code));
      }
    })();
  };
}
