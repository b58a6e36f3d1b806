// grpc-js turns `grpc-timeout` into a delay with `(value * unit) | 0` and arms setTimeout with it:
// a timeout past 2^31-1 ms (about 24.8 days; a client deadline of 30 days sends "720H") wraps
// negative or overflows Node's timer, and the call fails at once with DEADLINE_EXCEEDED. Such a
// deadline bounds nothing, so the header is removed before grpc-js reads it (the server's own
// RELATA_REQUEST_TIMEOUT_MS still applies).
import type { Http2Server, IncomingHttpHeaders } from 'node:http2';
import type { Server } from '@grpc/grpc-js';
import type { Logger } from '../../observability/logger.js';

const maxTimerMs = 2 ** 31 - 1;

const unitMs: Record<string, number> = { H: 3_600_000, M: 60_000, S: 1_000, m: 1, u: 1e-3, n: 1e-6 };

const timeoutHeader = 'grpc-timeout';

/** The timeout a `grpc-timeout` value asks for, in ms; undefined when malformed (grpc-js refuses those). */
export function grpcTimeoutMs(value: string): number | undefined {
  const match = /^(\d{1,8})\s*([HMSmun])$/.exec(value);
  return match ? Number(match[1]) * unitMs[match[2]] : undefined;
}

export function dropUnboundedTimeout(headers: IncomingHttpHeaders): void {
  const value = headers[timeoutHeader];
  if (typeof value !== 'string') return;
  const ms = grpcTimeoutMs(value);
  if (ms !== undefined && ms > maxTimerMs) delete headers[timeoutHeader];
}

/**
 * Runs dropUnboundedTimeout ahead of grpc-js on every stream of `server`'s HTTP/2 servers. They
 * are grpc-js internals (no public hook exists): if they are not where expected, that is logged
 * and the server runs without the guard (the integration test of 30-day deadlines then fails).
 */
export function guardTimeoutHeaders(server: Server, logger: Logger): void {
  const http2Servers = (server as unknown as { http2Servers?: unknown }).http2Servers;
  if (!(http2Servers instanceof Map)) {
    logger.warn('grpc-js internals changed: grpc-timeout values past 24.8 days will fail at once');
    return;
  }
  for (const http2Server of http2Servers.keys() as IterableIterator<Http2Server>) {
    http2Server.prependListener('stream', (_stream, headers) => dropUnboundedTimeout(headers));
  }
}
