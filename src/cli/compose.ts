// The composition root: picks the datastore backend from the config, migrates it, builds the
// service and starts the gRPC server, the HTTP/JSON server and the /metrics + /healthz endpoint.
// `stop` shuts down in order: stop accepting and drain gRPC and HTTP calls (together, bounded),
// close the ops endpoint, close the pool.
import { mkdirSync } from 'node:fs';
import type { DatastoreConfig, RelataConfig } from '../config/index.js';
import { createLogger, createMetrics, startOpsServer } from '../observability/index.js';
import type { Logger, Metrics, OpsServer } from '../observability/index.js';
import { ExpirySweeper, createChangeFeed, createRelataService, createWorkerModelChecker } from '../service/index.js';
import { createDecisionCache } from '../cache/index.js';
import type { CacheEvent, DecisionCache } from '../cache/index.js';
import type { RelataService } from '../service/index.js';
import type { Datastore } from '../storage/datastore.js';
import { decisionLogStore, openDatastore } from './open-datastore.js';
import { startGrpcServer } from '../transport/grpc/index.js';
import { createClientsAuthMethod } from '../auth/index.js';
import type { Authenticator, ClientsAuthMethod, ClientsMethodDeps } from '../auth/index.js';
import { buildAuthenticator, type AuthMethodFactories } from './authentication.js';
import { openClientChangeChannel } from './client-change-channel.js';
import type { GrpcServer } from '../transport/grpc/index.js';
import { startHttpServer } from '../transport/http/index.js';
import type { HttpServer } from '../transport/http/index.js';

/** Largest request either transport accepts: gRPC's max message size is HTTP's body limit. */
const maxRequestBytes = 4 * 1024 * 1024;
import { createAuditMetrics } from '../observability/index.js';
import { AuditTrail } from '../audit/index.js';
import { startAuditRetention } from './audit-retention.js';

export interface RelataRuntime {
  readonly config: RelataConfig;
  readonly logger: Logger;
  readonly datastore: Datastore;
  readonly service: RelataService;
  readonly metrics: Metrics;
  readonly grpc: GrpcServer;
  /** Absent when RELATA_HTTP_ADDR is off. */
  readonly http?: HttpServer;
  readonly ops?: OpsServer;
  /** Graceful shutdown; idempotent. */
  stop(): Promise<void>;
}

export interface StartOptions {
  logger?: Logger;
  /** An already built datastore (tests); otherwise one is created from `config.datastore`. */
  datastore?: Datastore;
  /** Builders of auth methods that live outside this file (default `clients`: API clients in this datastore). */
  authMethods?: AuthMethodFactories;
  /** Tuning of the `clients` method (tests: a short change poll). */
  clients?: Omit<ClientsMethodDeps, 'clients'>;
}

/** openDatastore, plus what serve needs on top: the pglite directory created. */
async function createDatastore(config: DatastoreConfig, logger?: Logger): Promise<Datastore> {
  if (config.kind === 'pglite') mkdirSync(config.dataDir, { recursive: true });
  return openDatastore(config, logger);
}

function observeCacheEvent(event: CacheEvent, metrics: Metrics, logger: Logger): void {
  switch (event.type) {
    case 'hit':
      return metrics.observeCacheLookup(event.tier);
    case 'miss':
    case 'bypass':
      return metrics.observeCacheLookup(event.type);
    case 'invalidation-received':
      return metrics.observeInvalidationLag(event.lagMs / 1000);
    case 'redis-error':
    case 'poll-error':
      metrics.observeCacheError(event.type === 'redis-error' ? 'redis' : 'changelog-poll');
      logger.warn({ err: event.error, event: event.type }, 'decision cache degraded');
      return;
    default:
      return;
  }
}

export async function startRelata(config: RelataConfig, options: StartOptions = {}): Promise<RelataRuntime> {
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  const datastore = options.datastore ?? (await createDatastore(config.datastore, logger));
  let grpc: GrpcServer | undefined;
  let http: HttpServer | undefined;
  let ops: OpsServer | undefined;
  let cache: DecisionCache | undefined;
  let authenticator: Authenticator | undefined;
  let clients: ClientsAuthMethod | undefined;
  const modelChecker = createWorkerModelChecker();
  let audit: AuditTrail | undefined;
  let retention: { stop(): void } | undefined;
  let sweeper: ExpirySweeper | undefined;
  try {
    await datastore.migrate();
    const metrics = createMetrics();
    cache = config.cache.enabled
      ? createDecisionCache(
          {
            l1MaxEntries: config.cache.l1MaxEntries,
            l1TtlMs: config.cache.l1TtlMs,
            l2TtlMs: config.cache.l2TtlMs,
            redisKeyPrefix: config.cache.redisKeyPrefix,
            stalenessBoundMs: config.cache.stalenessBoundMs,
            objectFloorMaxEntries: config.cache.objectFloorMaxEntries,
            subResultMaxEntries: config.cache.subResultMaxEntries,
            redisUrl: config.redisUrl,
          },
          {
            feed: createChangeFeed(datastore),
            onEvent: (event) => observeCacheEvent(event, metrics, logger),
          },
        )
      : undefined;
    const subResultsOf = cache;
    if (subResultsOf) metrics.trackSubResults(() => subResultsOf.subResultStats());
    // An injected datastore may not be the configured one: its decisions stay on the main thread's path.
    const decisionStore = options.datastore ? undefined : await decisionLogStore(config.datastore);
    audit = new AuditTrail({ config: config.audit, repository: datastore, decisionStore, sealOnWorker: true, metrics: createAuditMetrics(metrics.registry), logger });
    retention = startAuditRetention(datastore, config.audit.retentionDays, logger);
    // API clients: the method polls the datastore's change log; a change made through this
    // replica's service is applied here at once and, with Redis, announced to the other replicas.
    clients = config.auth.methods.includes('clients')
      ? createClientsAuthMethod({ ...options.clients, clients: datastore.apiClients, push: openClientChangeChannel(config, logger) })
      : undefined;
    const clientsMethod = clients;
    const onClientChange = clientsMethod ? (clientId: string) => clientsMethod.changed([clientId]) : undefined;
    const service = createRelataService({
      datastore, logger, limits: config.limits, cache, tokenSecret: config.tokenSecret, modelChecker: modelChecker.check,
      apiClients: { onChange: onClientChange },
      audit,
    });
    // Load (or create) the token key now: a datastore that cannot hold it fails the start, not a Write.
    await service.tokensReady();
    sweeper = new ExpirySweeper({ datastore, audit, cache, logger });
    sweeper.start(config.expirySweepIntervalMs);
    authenticator = buildAuthenticator(config.auth, metrics, logger, { clients: clientsMethod && (() => clientsMethod), ...options.authMethods });
    grpc = await startGrpcServer({
      service,
      logger,
      metrics,
      addr: config.grpcAddr,
      openfgaStatusCodes: config.grpcOpenfgaStatusCodes,
      requestTimeoutMs: config.requestTimeoutMs,
      authenticator,
      tls: config.tls,
      maxReceiveMessageLength: maxRequestBytes,
    });
    http = config.httpAddr
      ? await startHttpServer({ service, logger, metrics, addr: config.httpAddr, requestTimeoutMs: config.requestTimeoutMs, bodyLimitBytes: maxRequestBytes, benchNoopRoute: config.httpBenchNoopRoute, corsOrigins: config.httpCorsOrigins, authenticator, tls: config.tls, authzen: { ...config.authzen, maxEvaluations: config.limits.maxChecksPerBatchCheck } })
      : undefined;
    ops = config.metricsAddr ? await startOpsServer({ addr: config.metricsAddr, registry: metrics.registry, health: service.ready }) : undefined;
    if (ops) logger.info({ addr: config.metricsAddr, port: ops.port }, 'metrics and health endpoint listening');
    logger.info({ datastore: datastore.kind, cache: cache ? (config.redisUrl ? 'l1+redis' : 'l1') : 'off' }, 'relata started');

    let stopping: Promise<void> | undefined;
    const started = grpc;
    const startedHttp = http;
    const startedOps = ops;
    const startedCache = cache;
    const startedAuthenticator = authenticator;
    const startedAudit = audit;
    const startedRetention = retention;
    const startedSweeper = sweeper;
    return {
      config,
      logger,
      datastore,
      service,
      metrics,
      grpc: started,
      http: startedHttp,
      ops: startedOps,
      stop: () =>
        (stopping ??= (async () => {
          logger.info('shutting down');
          await Promise.all([started.stop(config.shutdownTimeoutMs), startedHttp?.stop(config.shutdownTimeoutMs)]);
          // After the calls drained, before the pool closes: the queued decisions are written.
          startedRetention?.stop();
          await startedSweeper.stop();
          await startedAudit.close();
          await startedAuthenticator.close();
          await startedOps?.close();
          await startedCache?.close();
          await modelChecker.close();
          await datastore.close();
          logger.info('stopped');
        })()),
    };
  } catch (error) {
    await grpc?.stop(0);
    await http?.stop(0);
    // The authenticator closes its methods; before it exists, the clients method (its Redis channel) is closed here.
    await (authenticator ?? clients)?.close();
    retention?.stop();
    await sweeper?.stop();
    await audit?.close().catch(() => undefined);
    await ops?.close();
    await cache?.close();
    await modelChecker.close();
    if (!options.datastore) await datastore.close().catch(() => undefined);
    throw error;
  }
}
