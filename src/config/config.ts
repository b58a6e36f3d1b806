// Relata's one typed configuration, read from environment variables and validated once at start:
// a bad value stops the process with a message naming the variable, never a late surprise.

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export type DatastoreConfig =
  | { kind: 'postgres'; url: string; maxConnections: number; schema?: string }
  | { kind: 'pglite'; dataDir: string }
  | { kind: 'memory' };

/** Limits that protect the server from one expensive request (OpenFGA's defaults). */
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

/** The decision cache (see src/cache/options.ts for the semantics of each field). */
export interface CacheConfig {
  /** RELATA_CACHE_ENABLED (default true). */
  enabled: boolean;
  l1MaxEntries: number;
  l1TtlMs: number;
  l2TtlMs: number;
  redisKeyPrefix: string;
  /** MINIMIZE_LATENCY staleness bound across replicas. */
  stalenessBoundMs: number;
  /** Per-(relation, object) invalidation floors kept per process; beyond it invalidation widens safely. */
  objectFloorMaxEntries: number;
}

export interface RelataConfig {
  datastore: DatastoreConfig;
  /** host:port of the gRPC listener; port 0 picks a free port. */
  grpcAddr: string;
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
  limits: LimitsConfig;
  cache: CacheConfig;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export const defaultLimits: LimitsConfig = {
  maxTuplesPerWrite: 100,
  maxChecksPerBatchCheck: 50,
  maxAssertionsPerWrite: 100,
  defaultPageSize: 50,
  resolveNodeLimit: 25,
  maxConcurrentReads: 50,
  listObjectsMaxResults: 1000,
  listUsersMaxResults: 1000,
  listDeadlineMs: 3000,
  listPageMaxUndoChanges: 10_000,
  listPageCacheMaxObjects: 1_000_000,
  modelCacheSize: 1000,
  maxContextBytes: 256 * 1024,
  maxContextEntries: 10_000,
  maxConditionEvaluationCost: 100,
  maxTypesPerAuthorizationModel: 100,
  maxAuthorizationModelSizeBytes: 256 * 1024,
};

const logLevels: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

type Env = Record<string, string | undefined>;

function read(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

function integer(env: Env, name: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(`${name} must be an integer, got '${raw}'`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(`${name} must be between ${min} and ${max}, got ${value}`);
  return value;
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got '${raw}'`);
}

/** `host:port`, port 0..65535; IPv6 hosts in brackets (`[::1]:8081`). */
function address(env: Env, name: string, fallback: string): string {
  const value = read(env, name) ?? fallback;
  const match = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/.exec(value);
  if (!match || Number(match[2]) > 65535) throw new ConfigError(`${name} must be host:port (e.g. 127.0.0.1:8081), got '${value}'`);
  return value;
}

function datastore(env: Env): DatastoreConfig {
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
  return {
    datastore: datastore(env),
    grpcAddr: address(env, 'RELATA_GRPC_ADDR', '127.0.0.1:8081'),
    metricsAddr: metricsAddress(env),
    redisUrl: redisUrl(env),
    tokenSecret: tokenSecret(env),
    logLevel: logLevel(env),
    shutdownTimeoutMs: integer(env, 'RELATA_SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
    requestTimeoutMs: integer(env, 'RELATA_REQUEST_TIMEOUT_MS', 10_000, 0, 600_000),
    grpcOpenfgaStatusCodes: boolean(env, 'RELATA_GRPC_OPENFGA_STATUS_CODES', false),
    limits: {
      maxTuplesPerWrite: integer(env, 'RELATA_MAX_TUPLES_PER_WRITE', defaultLimits.maxTuplesPerWrite, 1, 100_000),
      maxChecksPerBatchCheck: integer(env, 'RELATA_MAX_CHECKS_PER_BATCH_CHECK', defaultLimits.maxChecksPerBatchCheck, 1, 10_000),
      maxAssertionsPerWrite: integer(env, 'RELATA_MAX_ASSERTIONS_PER_WRITE', defaultLimits.maxAssertionsPerWrite, 1, 10_000),
      defaultPageSize: integer(env, 'RELATA_DEFAULT_PAGE_SIZE', defaultLimits.defaultPageSize, 1, 100),
      resolveNodeLimit: integer(env, 'RELATA_RESOLVE_NODE_LIMIT', defaultLimits.resolveNodeLimit, 1, 1000),
      maxConcurrentReads: integer(env, 'RELATA_MAX_CONCURRENT_READS', defaultLimits.maxConcurrentReads, 1, 10_000),
      listObjectsMaxResults: integer(env, 'RELATA_LIST_OBJECTS_MAX_RESULTS', defaultLimits.listObjectsMaxResults, 1, 1_000_000),
      listUsersMaxResults: integer(env, 'RELATA_LIST_USERS_MAX_RESULTS', defaultLimits.listUsersMaxResults, 1, 1_000_000),
      listDeadlineMs: integer(env, 'RELATA_LIST_DEADLINE_MS', defaultLimits.listDeadlineMs, 1, 600_000),
      listPageMaxUndoChanges: integer(env, 'RELATA_LIST_PAGE_MAX_UNDO_CHANGES', defaultLimits.listPageMaxUndoChanges, 0, 10_000_000),
      listPageCacheMaxObjects: integer(env, 'RELATA_LIST_PAGE_CACHE_MAX_OBJECTS', defaultLimits.listPageCacheMaxObjects, 0, 100_000_000),
      modelCacheSize: integer(env, 'RELATA_MODEL_CACHE_SIZE', defaultLimits.modelCacheSize, 1, 1_000_000),
      maxContextBytes: integer(env, 'RELATA_MAX_CONTEXT_BYTES', defaultLimits.maxContextBytes, 1024, 4 * 1024 * 1024),
      maxContextEntries: integer(env, 'RELATA_MAX_CONTEXT_ENTRIES', defaultLimits.maxContextEntries, 10, 1_000_000),
      // OpenFGA refuses a limit below its default of 100.
      maxConditionEvaluationCost: integer(env, 'RELATA_MAX_CONDITION_EVALUATION_COST', defaultLimits.maxConditionEvaluationCost, 100, 1_000_000_000),
      maxTypesPerAuthorizationModel: integer(env, 'RELATA_MAX_TYPES_PER_AUTHORIZATION_MODEL', defaultLimits.maxTypesPerAuthorizationModel, 1, 100_000),
      maxAuthorizationModelSizeBytes: integer(env, 'RELATA_MAX_AUTHORIZATION_MODEL_SIZE_BYTES', defaultLimits.maxAuthorizationModelSizeBytes, 1024, 64 * 1024 * 1024),
    },
    cache: {
      enabled: boolean(env, 'RELATA_CACHE_ENABLED', true),
      l1MaxEntries: integer(env, 'RELATA_CACHE_L1_MAX_ENTRIES', 100_000, 0, 100_000_000),
      l1TtlMs: integer(env, 'RELATA_CACHE_L1_TTL_MS', 60_000, 1, 86_400_000),
      l2TtlMs: integer(env, 'RELATA_CACHE_L2_TTL_MS', 300_000, 1, 86_400_000),
      redisKeyPrefix: read(env, 'RELATA_REDIS_KEY_PREFIX') ?? 'relata:',
      stalenessBoundMs: integer(env, 'RELATA_CACHE_STALENESS_MS', 1_000, 1, 3_600_000),
      objectFloorMaxEntries: integer(env, 'RELATA_CACHE_OBJECT_FLOOR_MAX_ENTRIES', 100_000, 1, 100_000_000),
    },
  };
}
