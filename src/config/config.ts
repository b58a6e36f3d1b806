// Relata's one typed configuration, read from environment variables and validated once at start:
// a bad value stops the process with a message naming the variable, never a late surprise.
import { authConfig, type AuthConfig } from './auth.js';
import { ConfigError, read, type Env } from './env.js';
import { tlsConfig, type TlsMaterial } from './tls.js';

export { ConfigError } from './env.js';
import { httpAddrVariable, httpAddress, httpBenchNoopVariable, httpCorsOrigins, httpCorsOriginsVariable } from './http.js';
import type { CorsOrigins } from './http.js';
import { authzenConfig, type AuthzenConfig } from './authzen.js';

export type { AuthzenConfig } from './authzen.js';
import { loadAuditConfig, type AuditConfig } from './audit.js';
import { workersConfig } from './workers.js';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export type DatastoreConfig = (
  | { kind: 'postgres'; url: string; maxConnections: number; schema?: string }
  | { kind: 'pglite'; dataDir: string }
  | { kind: 'memory' }
) & {
  /** RELATA_CLOSURE_INDEX=on|off (default off): whether Check reads the closure index. */
  closureIndex?: boolean;
  /**
   * RELATA_CLOSURE_MAX_WORK_PER_WRITE: the most closure-index maintenance one write may do (index
   * rows and edges read); a write over it marks the kinds it changed stale instead (readers walk
   * them until `relata index rebuild`). 0 = writers never maintain the index: the default while
   * RELATA_CLOSURE_INDEX is off; unset while on = the backend's default.
   */
  closureMaxWorkPerWrite?: number;
  /**
   * RELATA_READ_COALESCING=on|off|N (SQL backends; unset = the backend's default, on): whether the
   * level reads of concurrent Checks of one store go together as one statement; N (1..16) = on
   * with N merged statements of a store in flight at once (on = 1).
   */
  readCoalescing?: boolean | { inFlight: number };
};

/**
 * Limits that protect the server from one expensive request. Their defaults (OpenFGA's) are
 * declared once, by the layer that owns each limit (src/service/limits.ts gathers them); the
 * config holds only the limits an environment variable sets.
 */
export interface LimitsConfig {
  /** Tuple changes (writes + deletes) per Write call. */
  maxTuplesPerWrite: number;
  /** Checks per BatchCheck call. */
  maxChecksPerBatchCheck: number;
  /** Assertions per WriteAssertions call. */
  maxAssertionsPerWrite: number;
  /** Page size when a request leaves it unset. */
  defaultPageSize: number;
  /** Rewrite depth before a request fails as too complex. */
  resolveNodeLimit: number;
  /** Concurrent storage reads per request. */
  maxConcurrentReads: number;
  /** ListObjects/ListUsers result cap. */
  listObjectsMaxResults: number;
  listUsersMaxResults: number;
  /** ListObjects/ListUsers deadline; partial results are returned when it is hit. */
  listDeadlineMs: number;
  /**
   * relata.v1 ListObjectsPage: changes a later page may undo to read the snapshot of the first
   * page; a continuation token older than that is refused and the listing starts over.
   */
  listPageMaxUndoChanges: number;
  /** Object ids of paged-listing answers kept per process so later pages are slices (0 = none). */
  listPageCacheMaxObjects: number;
  /** Authorization models kept in the per-process LRU (models are immutable). */
  modelCacheSize: number;
  /** A request's `context`: size of its JSON encoding, and keys plus list items at every depth. */
  maxContextBytes: number;
  maxContextEntries: number;
  /** CEL cost after which a condition evaluation fails (OpenFGA's maxConditionEvaluationCost). */
  maxConditionEvaluationCost: number;
  /** Type definitions per authorization model (OpenFGA's --max-types-per-authorization-model). */
  maxTypesPerAuthorizationModel: number;
  /** Bytes of an authorization model's protobuf encoding (OpenFGA's --max-authorization-model-size-in-bytes). */
  maxAuthorizationModelSizeBytes: number;
}

/**
 * The decision cache (see src/cache/options.ts for the semantics and the default of each field):
 * a field is undefined when its variable is unset, and the cache applies its own default.
 */
export interface CacheConfig {
  /** RELATA_CACHE_ENABLED (default true). */
  enabled: boolean;
  l1MaxEntries: number | undefined;
  l1TtlMs: number | undefined;
  l2TtlMs: number | undefined;
  redisKeyPrefix: string | undefined;
  /** MINIMIZE_LATENCY staleness bound across replicas. */
  stalenessBoundMs: number | undefined;
  /** Per-(relation, object) invalidation floors kept per process; beyond it invalidation widens safely. */
  objectFloorMaxEntries: number | undefined;
  /** RELATA_CACHE_SUBRESULT_MAX_ENTRIES: sub-problem results kept for reuse across Checks; 0 = off. */
  subResultMaxEntries: number | undefined;
}

export interface RelataConfig {
  datastore: DatastoreConfig;
  /** host:port of the gRPC listener; port 0 picks a free port. */
  grpcAddr: string;
  /** host:port of the HTTP/JSON API (RELATA_HTTP_ADDR); undefined when disabled (`off`). */
  httpAddr: string | undefined;
  /** RELATA_HTTP_BENCH_NOOP_ROUTE: serve the bench's no-op HTTP route (off by default). */
  httpBenchNoopRoute: boolean;
  /** RELATA_HTTP_CORS_ORIGINS: browser origins allowed cross-origin (empty = none; `*` only with authentication). */
  httpCorsOrigins: CorsOrigins;
  /** host:port of the HTTP /metrics + /healthz listener; undefined when disabled. */
  metricsAddr: string | undefined;
  redisUrl: string | undefined;
  /**
   * RELATA_TOKEN_SECRET: the key that signs consistency and continuation tokens; undefined = a
   * random key generated on first start and kept in the datastore (shared by its replicas).
   */
  tokenSecret: string | undefined;
  logLevel: LogLevel;
  /** Bound on draining in-flight calls at shutdown before they are cancelled. */
  shutdownTimeoutMs: number;
  /** Bound on one unary call's evaluation (OpenFGA's request timeout); 0 = client deadline only. */
  requestTimeoutMs: number;
  /**
   * When true, error statuses carry OpenFGA's numeric code as the gRPC status code (what OpenFGA
   * itself does); when false (default) they carry the standard gRPC code, and the OpenFGA code
   * travels in the `openfga-error-code` trailer.
   */
  grpcOpenfgaStatusCodes: boolean;
  /** Only the limits set by a variable; the rest take their owning layer's default. */
  limits: Partial<LimitsConfig>;
  cache: CacheConfig;
  /** RELATA_AUTHN_*: how callers prove who they are (see src/config/auth.ts). */
  auth: AuthConfig;
  /** RELATA_TLS_*: the loaded certificate material, undefined = plaintext. */
  tls: TlsMaterial | undefined;
  authzen: AuthzenConfig;
  /** RELATA_AUDIT_* (src/config/audit.ts). */
  audit: AuditConfig;
  /** RELATA_EXPIRY_SWEEP_INTERVAL_MS: how often expired tuples are deleted (0 = never; reads hide them anyway). */
  expirySweepIntervalMs: number;
  /** RELATA_WORKERS (src/config/workers.ts): server processes behind the ports; 1 = no cluster. */
  workers: number;
}


const logLevels: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function integer(env: Env, name: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(`${name} must be an integer, got '${raw}'`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(`${name} must be between ${min} and ${max}, got ${value}`);
  return value;
}

/** Like `integer`, but undefined when the variable is unset: the consumer's default applies. */
function optionalInteger(env: Env, name: string, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  return read(env, name) === undefined ? undefined : integer(env, name, 0, min, max);
}

/** Drops unset entries so that spreading the result over defaults keeps the defaults. */
function definedOnly<T extends object>(values: { [K in keyof T]: T[K] | undefined }): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/** The spellings every on/off setting accepts; undefined for anything else. */
function booleanValue(raw: string): boolean | undefined {
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  return undefined;
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  const value = booleanValue(raw);
  if (value === undefined) throw new ConfigError(`${name} must be true or false, got '${raw}'`);
  return value;
}

/** `host:port`, port 0..65535; IPv6 hosts in brackets (`[::1]:8081`). */
function address(env: Env, name: string, fallback: string): string {
  const value = read(env, name) ?? fallback;
  const match = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/.exec(value);
  if (!match || Number(match[2]) > 65535) throw new ConfigError(`${name} must be host:port (e.g. 127.0.0.1:8081), got '${value}'`);
  return value;
}

function datastore(env: Env): DatastoreConfig {
  const backend = datastoreBackend(env);
  // Off unless asked for: on the GitHub-like bench the index answered the Check mix slower than
  // the walk (docs/benchmarks.md, "Closure index as the fast path").
  const closureIndex = boolean(env, 'RELATA_CLOSURE_INDEX', false);
  // A server that does not read the index does not pay for it on writes either: its writers only
  // mark the kinds they change stale, so turning the index on later needs `relata index rebuild`.
  const maxWork = optionalInteger(env, 'RELATA_CLOSURE_MAX_WORK_PER_WRITE', 0, 1_000_000_000) ?? (closureIndex ? undefined : 0);
  const readCoalescing = coalescing(env, 'RELATA_READ_COALESCING');
  return { ...backend, closureIndex, ...(maxWork === undefined ? {} : { closureMaxWorkPerWrite: maxWork }), ...(readCoalescing === undefined ? {} : { readCoalescing }) };
}

/** on|off (as `boolean`) or a number of statements in flight, 1..16; undefined when unset. */
function coalescing(env: Env, name: string): DatastoreConfig['readCoalescing'] {
  const raw = read(env, name);
  if (raw === undefined) return undefined;
  const invalid = `${name} must be on, off or a number of statements in flight from 1 to 16, got '${raw}'`;
  if (/^\d+$/.test(raw)) {
    const inFlight = Number(raw);
    if (inFlight > 16) throw new ConfigError(invalid);
    return inFlight === 0 ? false : { inFlight };
  }
  const value = booleanValue(raw);
  if (value === undefined) throw new ConfigError(invalid);
  return value;
}

function datastoreBackend(env: Env): DatastoreConfig {
  const name = 'RELATA_DATASTORE_URL';
  const value = read(env, name) ?? 'pglite:./data';
  if (value === 'memory' || value === 'memory:') return { kind: 'memory' };
  if (value.startsWith('pglite:')) {
    const dataDir = value.slice('pglite:'.length);
    if (!dataDir) throw new ConfigError(`${name}: pglite needs a directory, e.g. pglite:./data`);
    return { kind: 'pglite', dataDir };
  }
  if (value.startsWith('postgres://') || value.startsWith('postgresql://')) {
    try {
      new URL(value);
    } catch {
      throw new ConfigError(`${name} is not a valid postgres URL`);
    }
    const schema = read(env, 'RELATA_DATASTORE_SCHEMA');
    if (schema !== undefined && !/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema)) {
      throw new ConfigError(`RELATA_DATASTORE_SCHEMA must be a plain SQL identifier, got '${schema}'`);
    }
    return { kind: 'postgres', url: value, maxConnections: integer(env, 'RELATA_DATASTORE_MAX_CONNECTIONS', 20, 1, 1000), schema };
  }
  throw new ConfigError(`${name} must be postgres://..., pglite:<dir> or memory, got '${value.replace(/\/\/[^@]*@/, '//***@')}'`);
}

function logLevel(env: Env): LogLevel {
  const value = (read(env, 'RELATA_LOG_LEVEL') ?? 'info').toLowerCase();
  if (!(logLevels as readonly string[]).includes(value)) {
    throw new ConfigError(`RELATA_LOG_LEVEL must be one of ${logLevels.join(', ')}, got '${value}'`);
  }
  return value as LogLevel;
}

function metricsAddress(env: Env): string | undefined {
  const raw = read(env, 'RELATA_METRICS_ADDR');
  if (raw !== undefined && /^(off|false|none|disabled)$/i.test(raw)) return undefined;
  return address(env, 'RELATA_METRICS_ADDR', '127.0.0.1:9091');
}

function redisUrl(env: Env): string | undefined {
  const value = read(env, 'RELATA_REDIS_URL');
  if (value === undefined) return undefined;
  if (!/^rediss?:\/\//.test(value)) throw new ConfigError(`RELATA_REDIS_URL must start with redis:// or rediss://`);
  return value;
}

/** At least 32 characters, not one short pattern repeated: it is an HMAC key. */
function tokenSecret(env: Env): string | undefined {
  const value = read(env, 'RELATA_TOKEN_SECRET');
  if (value === undefined) return undefined;
  if (value.length < 32 || value.length > 4096 || new Set(value).size < 8) {
    throw new ConfigError(
      'RELATA_TOKEN_SECRET must be 32 to 4096 characters with at least 8 distinct ones (e.g. `openssl rand -base64 32`); unset, a key is generated and kept in the datastore',
    );
  }
  return value;
}

/** Reads the configuration; throws ConfigError naming the first bad variable. */
export function loadConfig(env: Env = process.env): RelataConfig {
  const grpcAddr = address(env, 'RELATA_GRPC_ADDR', '127.0.0.1:8081');
  const httpAddr = httpAddress(env[httpAddrVariable], (fallback) => address(env, httpAddrVariable, fallback));
  // Every API listener counts for secure-by-default; the metrics listener is exempt (health and metrics stay open).
  const auth = authConfig(env, { RELATA_GRPC_ADDR: grpcAddr, ...(httpAddr ? { RELATA_HTTP_ADDR: httpAddr } : {}) });
  const store = datastore(env);
  return {
    datastore: store,
    workers: workersConfig(env, store.kind),
    grpcAddr,
    httpAddr,
    httpBenchNoopRoute: boolean(env, httpBenchNoopVariable, false),
    httpCorsOrigins: httpCorsOrigins(env[httpCorsOriginsVariable], auth.methods.length > 0, (message) => new ConfigError(message)),
    metricsAddr: metricsAddress(env),
    redisUrl: redisUrl(env),
    tokenSecret: tokenSecret(env),
    logLevel: logLevel(env),
    shutdownTimeoutMs: integer(env, 'RELATA_SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
    requestTimeoutMs: integer(env, 'RELATA_REQUEST_TIMEOUT_MS', 10_000, 0, 600_000),
    expirySweepIntervalMs: integer(env, 'RELATA_EXPIRY_SWEEP_INTERVAL_MS', 60_000, 0, 86_400_000),
    grpcOpenfgaStatusCodes: boolean(env, 'RELATA_GRPC_OPENFGA_STATUS_CODES', false),
    limits: definedOnly<LimitsConfig>({
      maxTuplesPerWrite: optionalInteger(env, 'RELATA_MAX_TUPLES_PER_WRITE', 1, 100_000),
      maxChecksPerBatchCheck: optionalInteger(env, 'RELATA_MAX_CHECKS_PER_BATCH_CHECK', 1, 10_000),
      maxAssertionsPerWrite: optionalInteger(env, 'RELATA_MAX_ASSERTIONS_PER_WRITE', 1, 10_000),
      defaultPageSize: optionalInteger(env, 'RELATA_DEFAULT_PAGE_SIZE', 1, 100),
      resolveNodeLimit: optionalInteger(env, 'RELATA_RESOLVE_NODE_LIMIT', 1, 1000),
      maxConcurrentReads: optionalInteger(env, 'RELATA_MAX_CONCURRENT_READS', 1, 10_000),
      listObjectsMaxResults: optionalInteger(env, 'RELATA_LIST_OBJECTS_MAX_RESULTS', 1, 1_000_000),
      listUsersMaxResults: optionalInteger(env, 'RELATA_LIST_USERS_MAX_RESULTS', 1, 1_000_000),
      listDeadlineMs: optionalInteger(env, 'RELATA_LIST_DEADLINE_MS', 1, 600_000),
      listPageMaxUndoChanges: optionalInteger(env, 'RELATA_LIST_PAGE_MAX_UNDO_CHANGES', 0, 10_000_000),
      listPageCacheMaxObjects: optionalInteger(env, 'RELATA_LIST_PAGE_CACHE_MAX_OBJECTS', 0, 100_000_000),
      modelCacheSize: optionalInteger(env, 'RELATA_MODEL_CACHE_SIZE', 1, 1_000_000),
      maxContextBytes: optionalInteger(env, 'RELATA_MAX_CONTEXT_BYTES', 1024, 4 * 1024 * 1024),
      maxContextEntries: optionalInteger(env, 'RELATA_MAX_CONTEXT_ENTRIES', 10, 1_000_000),
      // OpenFGA refuses a limit below its default of 100.
      maxConditionEvaluationCost: optionalInteger(env, 'RELATA_MAX_CONDITION_EVALUATION_COST', 100, 1_000_000_000),
      maxTypesPerAuthorizationModel: optionalInteger(env, 'RELATA_MAX_TYPES_PER_AUTHORIZATION_MODEL', 1, 100_000),
      maxAuthorizationModelSizeBytes: optionalInteger(env, 'RELATA_MAX_AUTHORIZATION_MODEL_SIZE_BYTES', 1024, 64 * 1024 * 1024),
    }),
    cache: {
      enabled: boolean(env, 'RELATA_CACHE_ENABLED', true),
      l1MaxEntries: optionalInteger(env, 'RELATA_CACHE_L1_MAX_ENTRIES', 0, 100_000_000),
      l1TtlMs: optionalInteger(env, 'RELATA_CACHE_L1_TTL_MS', 1, 86_400_000),
      l2TtlMs: optionalInteger(env, 'RELATA_CACHE_L2_TTL_MS', 1, 86_400_000),
      redisKeyPrefix: read(env, 'RELATA_REDIS_KEY_PREFIX'),
      stalenessBoundMs: optionalInteger(env, 'RELATA_CACHE_STALENESS_MS', 1, 3_600_000),
      objectFloorMaxEntries: optionalInteger(env, 'RELATA_CACHE_OBJECT_FLOOR_MAX_ENTRIES', 1, 100_000_000),
      subResultMaxEntries: optionalInteger(env, 'RELATA_CACHE_SUBRESULT_MAX_ENTRIES', 0, 100_000_000),
    },
    auth,
    tls: tlsConfig(env),
    authzen: authzenConfig(env, (message) => new ConfigError(message)),
    audit: loadAuditConfig(env),
  };
}
