import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('has working defaults: pglite ./data on 127.0.0.1:8081', () => {
    const config = loadConfig({});
    expect(config.datastore).toEqual({ kind: 'pglite', dataDir: './data', closureIndex: false, closureMaxWorkPerWrite: 0 });
    expect(config.grpcAddr).toBe('127.0.0.1:8081');
    expect(config.metricsAddr).toBe('127.0.0.1:9091');
    expect(config.redisUrl).toBeUndefined();
    expect(config.logLevel).toBe('info');
    // Unset limits and cache fields stay unset: the owning layer applies its own default.
    expect(config.limits).toEqual({});
    expect(config.cache).toEqual({
      enabled: true,
      l1MaxEntries: undefined,
      l1TtlMs: undefined,
      l2TtlMs: undefined,
      redisKeyPrefix: undefined,
      stalenessBoundMs: undefined,
      objectFloorMaxEntries: undefined,
      subResultMaxEntries: undefined,
    });
  });

  it('reads RELATA_READ_COALESCING (unset = the backend default) as on, off or statements in flight', () => {
    expect(loadConfig({ RELATA_DATASTORE_URL: 'memory' }).datastore.readCoalescing).toBeUndefined();
    expect(loadConfig({ RELATA_DATASTORE_URL: 'memory', RELATA_READ_COALESCING: 'on' }).datastore.readCoalescing).toBe(true);
    expect(loadConfig({ RELATA_DATASTORE_URL: 'memory', RELATA_READ_COALESCING: 'off' }).datastore.readCoalescing).toBe(false);
    expect(loadConfig({ RELATA_DATASTORE_URL: 'memory', RELATA_READ_COALESCING: '0' }).datastore.readCoalescing).toBe(false);
    expect(loadConfig({ RELATA_DATASTORE_URL: 'memory', RELATA_READ_COALESCING: '2' }).datastore.readCoalescing).toEqual({ inFlight: 2 });
    expect(() => loadConfig({ RELATA_READ_COALESCING: '17' })).toThrow(/RELATA_READ_COALESCING/);
    expect(() => loadConfig({ RELATA_READ_COALESCING: 'maybe' })).toThrow(/RELATA_READ_COALESCING/);
  });

  it('reads RELATA_CLOSURE_INDEX (off unless set on) and refuses other values', () => {
    expect(loadConfig({ RELATA_DATASTORE_URL: 'memory' }).datastore.closureIndex).toBe(false);
    expect(loadConfig({ RELATA_DATASTORE_URL: 'memory', RELATA_CLOSURE_INDEX: 'off' }).datastore.closureIndex).toBe(false);
    expect(loadConfig({ RELATA_DATASTORE_URL: 'pglite:/x', RELATA_CLOSURE_INDEX: 'on' }).datastore.closureIndex).toBe(true);
    expect(() => loadConfig({ RELATA_CLOSURE_INDEX: 'sometimes' })).toThrow(/RELATA_CLOSURE_INDEX/);
  });

  it('reads RELATA_CLOSURE_MAX_WORK_PER_WRITE: 0 (no maintenance) while the index is off, the backend default while on', () => {
    expect(loadConfig({ RELATA_DATASTORE_URL: 'memory' }).datastore.closureMaxWorkPerWrite).toBe(0);
    expect(loadConfig({ RELATA_DATASTORE_URL: 'memory', RELATA_CLOSURE_INDEX: 'on' }).datastore.closureMaxWorkPerWrite).toBeUndefined();
    expect(loadConfig({ RELATA_CLOSURE_INDEX: 'on', RELATA_CLOSURE_MAX_WORK_PER_WRITE: '500' }).datastore.closureMaxWorkPerWrite).toBe(500);
    // Set explicitly, writers maintain the index even while the server does not read it.
    expect(loadConfig({ RELATA_CLOSURE_MAX_WORK_PER_WRITE: '500' }).datastore.closureMaxWorkPerWrite).toBe(500);
    expect(() => loadConfig({ RELATA_CLOSURE_MAX_WORK_PER_WRITE: '-1' })).toThrow(/RELATA_CLOSURE_MAX_WORK_PER_WRITE/);
    expect(() => loadConfig({ RELATA_CLOSURE_MAX_WORK_PER_WRITE: 'lots' })).toThrow(/RELATA_CLOSURE_MAX_WORK_PER_WRITE/);
    expect(() => loadConfig({ RELATA_CLOSURE_MAX_WORK_PER_WRITE: '1e12' })).toThrow(/RELATA_CLOSURE_MAX_WORK_PER_WRITE/);
  });

  it('reads every backend', () => {
    expect(loadConfig({ RELATA_DATASTORE_URL: 'memory' }).datastore).toEqual({ kind: 'memory', closureIndex: false, closureMaxWorkPerWrite: 0 });
    expect(loadConfig({ RELATA_DATASTORE_URL: 'pglite:/var/relata' }).datastore).toEqual({ kind: 'pglite', dataDir: '/var/relata', closureIndex: false, closureMaxWorkPerWrite: 0 });
    expect(loadConfig({ RELATA_DATASTORE_URL: 'postgres://u@h:5432/db', RELATA_DATASTORE_SCHEMA: 'tenant_1' }).datastore).toEqual({
      kind: 'postgres',
      url: 'postgres://u@h:5432/db',
      maxConnections: 20,
      schema: 'tenant_1',
      closureIndex: false,
      closureMaxWorkPerWrite: 0,
    });
  });

  it('reads limits, metrics switch and log level', () => {
    const config = loadConfig({
      RELATA_MAX_TUPLES_PER_WRITE: '10',
      RELATA_METRICS_ADDR: 'off',
      RELATA_LOG_LEVEL: 'DEBUG',
      RELATA_GRPC_ADDR: '[::1]:0',
      RELATA_GRPC_OPENFGA_STATUS_CODES: 'true',
    });
    expect(config.limits).toEqual({ maxTuplesPerWrite: 10 });
    expect(config.metricsAddr).toBeUndefined();
    expect(config.logLevel).toBe('debug');
    expect(config.grpcAddr).toBe('[::1]:0');
    expect(config.grpcOpenfgaStatusCodes).toBe(true);
  });

  it('reads the model limits', () => {
    const config = loadConfig({ RELATA_MAX_TYPES_PER_AUTHORIZATION_MODEL: '200', RELATA_MAX_AUTHORIZATION_MODEL_SIZE_BYTES: '1048576' });
    expect(config.limits).toMatchObject({ maxTypesPerAuthorizationModel: 200, maxAuthorizationModelSizeBytes: 1_048_576 });
  });

  it.each([
    ['RELATA_DATASTORE_URL', 'mysql://x'],
    ['RELATA_DATASTORE_URL', 'pglite:'],
    ['RELATA_GRPC_ADDR', '8081'],
    ['RELATA_GRPC_ADDR', 'host:99999'],
    ['RELATA_METRICS_ADDR', 'nope'],
    ['RELATA_LOG_LEVEL', 'loud'],
    ['RELATA_REDIS_URL', 'http://redis'],
    ['RELATA_MAX_TUPLES_PER_WRITE', 'ten'],
    ['RELATA_MAX_TUPLES_PER_WRITE', '0'],
    ['RELATA_DEFAULT_PAGE_SIZE', '101'],
    ['RELATA_MAX_TYPES_PER_AUTHORIZATION_MODEL', '0'],
    ['RELATA_MAX_AUTHORIZATION_MODEL_SIZE_BYTES', '100'],
    ['RELATA_MAX_AUTHORIZATION_MODEL_SIZE_BYTES', '1MiB'],
    ['RELATA_CACHE_ENABLED', 'maybe'],
    ['RELATA_DATASTORE_SCHEMA', 'a;b'],
  ])('rejects %s=%s naming the variable', (name, value) => {
    const env: Record<string, string> = { [name]: value };
    if (name === 'RELATA_DATASTORE_SCHEMA') env.RELATA_DATASTORE_URL = 'postgres://u@h/db';
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(name);
  });

  it('reads RELATA_TOKEN_SECRET, refusing a weak one without echoing it', () => {
    expect(loadConfig({}).tokenSecret).toBeUndefined();
    const secret = 'Zq7v3Kp9-Lm2Xr8Tn4Wb6Yc1Hd5Gf0Js';
    expect(loadConfig({ RELATA_TOKEN_SECRET: secret }).tokenSecret).toBe(secret);
    for (const weak of ['short-secret', 'a'.repeat(64), 'abababababababababababababababababab', 'x'.repeat(5000)]) {
      expect(() => loadConfig({ RELATA_TOKEN_SECRET: weak })).toThrow(ConfigError);
      expect(() => loadConfig({ RELATA_TOKEN_SECRET: weak })).toThrow(/RELATA_TOKEN_SECRET must be 32 to 4096 characters/);
      expect(() => loadConfig({ RELATA_TOKEN_SECRET: weak })).toThrow(/^(?!.*short-secret)/);
    }
  });

  it('never echoes a password in its error', () => {
    expect(() => loadConfig({ RELATA_DATASTORE_URL: 'mysql://user:secret@host/db' })).toThrow(/^(?!.*secret)/);
  });
});

describe('loadConfig: condition limits', () => {
  it('reads the request context bounds and the CEL cost limit', () => {
    const limits = loadConfig({
      RELATA_MAX_CONTEXT_BYTES: '65536',
      RELATA_MAX_CONTEXT_ENTRIES: '500',
      RELATA_MAX_CONDITION_EVALUATION_COST: '250',
    }).limits;
    expect([limits.maxContextBytes, limits.maxContextEntries, limits.maxConditionEvaluationCost]).toEqual([65536, 500, 250]);
  });

  it('refuses a cost limit below OpenFGA’s minimum and unbounded contexts', () => {
    expect(() => loadConfig({ RELATA_MAX_CONDITION_EVALUATION_COST: '99' })).toThrow(/RELATA_MAX_CONDITION_EVALUATION_COST must be between 100/);
    expect(() => loadConfig({ RELATA_MAX_CONTEXT_BYTES: '999999999' })).toThrow(ConfigError);
    expect(() => loadConfig({ RELATA_MAX_CONTEXT_ENTRIES: 'many' })).toThrow(/RELATA_MAX_CONTEXT_ENTRIES must be an integer/);
  });
});

describe('RELATA_HTTP_ADDR', () => {
  it('defaults to OpenFGA port on loopback, takes host:port, and turns off', () => {
    expect(loadConfig({}).httpAddr).toBe('127.0.0.1:8080');
    expect(loadConfig({ RELATA_HTTP_ADDR: '0.0.0.0:18080', RELATA_AUTHN_METHOD: 'none' }).httpAddr).toBe('0.0.0.0:18080');
    // Secure by default: the HTTP listener counts like gRPC's.
    expect(() => loadConfig({ RELATA_HTTP_ADDR: '0.0.0.0:18080' })).toThrow(/RELATA_HTTP_ADDR=0\.0\.0\.0:18080 is reachable/);
    expect(loadConfig({ RELATA_HTTP_ADDR: 'off' }).httpAddr).toBeUndefined();
    expect(loadConfig({ RELATA_HTTP_ADDR: 'Disabled' }).httpAddr).toBeUndefined();
    expect(() => loadConfig({ RELATA_HTTP_ADDR: 'localhost' })).toThrow(/RELATA_HTTP_ADDR must be host:port/);
    expect(() => loadConfig({ RELATA_HTTP_ADDR: '127.0.0.1:70000' })).toThrow(/RELATA_HTTP_ADDR/);
  });
});
