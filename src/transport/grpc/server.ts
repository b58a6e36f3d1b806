// The gRPC server: OpenFGAService, relata.v1.RelataService and grpc.health.v1.Health on one port. `stop` stops accepting,
// lets in-flight calls finish for up to `drainTimeoutMs`, then cancels what is left.
import { Server, ServerCredentials } from '@grpc/grpc-js';
import type { Authenticator } from '../../auth/index.js';
import type { Logger } from '../../observability/logger.js';
import type { Metrics } from '../../observability/metrics.js';
import type { RelataService } from '../../service/index.js';
import type { CallDeps } from './call.js';
import type { OpenFGAServiceHandlers } from './generated/openfga/v1/OpenFGAService.js';
import { adminHandlers } from './handlers-admin.js';
import { queryHandlers } from './handlers-queries.js';
import { relataHandlers } from './handlers-relata.js';
import { tupleHandlers } from './handlers-tuples.js';
import { healthHandlers } from './health.js';
import type { HealthState } from './health.js';
import { relataGrpcServices } from './proto.js';
import { guardTimeoutHeaders } from './timeout-header.js';

export interface GrpcServerOptions {
  service: RelataService;
  logger: Logger;
  metrics?: Metrics;
  /** host:port; port 0 picks a free one. */
  addr: string;
  /** Send OpenFGA's numeric codes as gRPC status codes (OpenFGA's own behaviour). */
  openfgaStatusCodes?: boolean;
  /** Largest accepted request, in bytes (default 4 MiB). */
  maxReceiveMessageLength?: number;
  /** Bound on one unary call's evaluation (DeadlineExceeded after it); 0 = only the client's deadline. */
  requestTimeoutMs?: number;
  /** Authenticates and authorizes every openfga.v1 and relata.v1 call (gRPC health stays open); default: not required. */
  authenticator?: Authenticator;
  /** PEM material for TLS (mTLS when `requireClientCert`); absent = plaintext. */
  tls?: GrpcTlsOptions;
}

export interface GrpcTlsOptions {
  cert: Buffer;
  key: Buffer;
  /** CA bundle client certificates must chain to (mTLS). */
  ca?: Buffer;
  requireClientCert: boolean;
}

function serverCredentials(tls: GrpcTlsOptions | undefined): ServerCredentials {
  if (!tls) return ServerCredentials.createInsecure();
  return ServerCredentials.createSsl(tls.ca ?? null, [{ private_key: tls.key, cert_chain: tls.cert }], tls.requireClientCert);
}

export interface GrpcServer {
  /** The bound port (useful with port 0). */
  readonly port: number;
  /** Graceful stop: no new calls, drain in-flight ones for up to `drainTimeoutMs`, then cancel. */
  stop(drainTimeoutMs: number): Promise<void>;
}

function openfgaServiceImplementation(service: RelataService, deps: CallDeps): OpenFGAServiceHandlers {
  return { ...adminHandlers(service, deps), ...tupleHandlers(service, deps), ...queryHandlers(service, deps) };
}

export async function startGrpcServer(options: GrpcServerOptions): Promise<GrpcServer> {
  const server = new Server({ 'grpc.max_receive_message_length': options.maxReceiveMessageLength ?? 4 * 1024 * 1024 });
  const inFlight = new Set<AbortController>();
  const deps: CallDeps = {
    logger: options.logger,
    metrics: options.metrics,
    openfgaStatusCodes: options.openfgaStatusCodes,
    inFlight,
    requestTimeoutMs: options.requestTimeoutMs,
    authenticator: options.authenticator,
  };
  const services = relataGrpcServices();
  const health: HealthState = { serving: true };
  server.addService(services.openfga.service, openfgaServiceImplementation(options.service, deps));
  server.addService(services.relata.service, relataHandlers(options.service, deps));
  server.addService(services.health.service, healthHandlers(health));

  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(options.addr, serverCredentials(options.tls), (error, bound) => (error ? reject(error) : resolve(bound)));
  });
  guardTimeoutHeaders(server, options.logger);
  options.logger.info({ addr: options.addr, port, tls: options.tls ? (options.tls.requireClientCert ? 'mtls' : 'tls') : 'off' }, 'gRPC server listening');

  return {
    port,
    stop: async (drainTimeoutMs) => {
      health.serving = false;
      const drained = new Promise<boolean>((resolve) => server.tryShutdown(() => resolve(true)));
      const timer = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), drainTimeoutMs).unref());
      if (!(await Promise.race([drained, timer]))) {
        options.logger.warn({ inFlight: inFlight.size }, 'drain timeout: cancelling in-flight calls');
        for (const controller of inFlight) controller.abort();
        server.forceShutdown();
      }
    },
  };
}
