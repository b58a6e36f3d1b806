import { describe, expect, it } from 'vitest';
import { authConfig, isLoopbackAddress, oidcAlgorithms } from './auth.js';
import { ConfigError } from './env.js';
import { loadConfig } from './config.js';

const loopback = { RELATA_GRPC_ADDR: '127.0.0.1:8081', RELATA_HTTP_ADDR: '127.0.0.1:8080' };
const exposed = { RELATA_GRPC_ADDR: '0.0.0.0:8081', RELATA_HTTP_ADDR: '127.0.0.1:8080' };
const key = 'a-preshared-key-0123456789';
const oidcEnv = { RELATA_AUTHN_METHOD: 'oidc', RELATA_AUTHN_OIDC_ISSUER: 'https://id.example.com', RELATA_AUTHN_OIDC_AUDIENCE: 'relata' };

const failure = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
};

describe('isLoopbackAddress', () => {
  it.each([
    ['127.0.0.1:8081', true],
    ['127.1.2.3:1', true],
    ['localhost:8081', true],
    ['[::1]:8081', true],
    ['[::ffff:127.0.0.1]:80', true],
    ['0.0.0.0:8081', false],
    ['[::]:8081', false],
    ['10.0.0.1:8081', false],
    ['relata.internal:8081', false],
    ['128.0.0.1:1', false],
  ])('%s → %s', (addr, expected) => expect(isLoopbackAddress(addr)).toBe(expected));
});

describe('secure by default', () => {
  it('unset on loopback listeners: no credentials needed, nothing exposed', () => {
    expect(authConfig({}, loopback)).toMatchObject({ methods: [], exposedWithoutAuth: [], presharedKeys: [], oidc: undefined });
  });

  it('unset with a non-loopback listener: refuses to start, naming the variable and the listener', () => {
    const message = failure(() => authConfig({}, exposed));
    expect(message).toContain('RELATA_AUTHN_METHOD is not set');
    expect(message).toContain('RELATA_GRPC_ADDR=0.0.0.0:8081');
    expect(failure(() => loadConfig({ RELATA_HTTP_ADDR: '0.0.0.0:8080' }))).toContain('RELATA_HTTP_ADDR=0.0.0.0:8080');
  });

  it('the metrics listener does not count', () => {
    expect(loadConfig({ RELATA_METRICS_ADDR: '0.0.0.0:9091' }).auth.methods).toEqual([]);
  });

  it('explicit none on a non-loopback listener starts, with the exposed listeners to warn about', () => {
    expect(authConfig({ RELATA_AUTHN_METHOD: 'none' }, exposed)).toMatchObject({ methods: [], exposedWithoutAuth: ['RELATA_GRPC_ADDR=0.0.0.0:8081'] });
    expect(authConfig({ RELATA_AUTHN_METHOD: 'NONE' }, loopback).exposedWithoutAuth).toEqual([]);
  });

  it('a method on a non-loopback listener is fine', () => {
    expect(authConfig({ RELATA_AUTHN_METHOD: 'preshared', RELATA_AUTHN_PRESHARED_KEYS: key }, exposed).methods).toEqual(['preshared']);
  });
});

describe('RELATA_AUTHN_METHOD', () => {
  it('reads one method or a comma list', () => {
    expect(authConfig({ RELATA_AUTHN_METHOD: 'clients' }, loopback).methods).toEqual(['clients']);
    expect(authConfig({ ...oidcEnv, RELATA_AUTHN_METHOD: ' Preshared , oidc ', RELATA_AUTHN_PRESHARED_KEYS: key }, loopback).methods).toEqual(['preshared', 'oidc']);
  });

  it.each([
    ['basic', "RELATA_AUTHN_METHOD must be none, preshared, clients, oidc or a comma list of the last three, got 'basic'"],
    [',', 'RELATA_AUTHN_METHOD must be none'],
    ['none,preshared', 'RELATA_AUTHN_METHOD: none cannot be combined'],
    ['clients,clients', 'RELATA_AUTHN_METHOD names a method twice'],
  ])('refuses %s', (value, message) => expect(failure(() => authConfig({ RELATA_AUTHN_METHOD: value }, loopback))).toContain(message));
});

describe('RELATA_AUTHN_PRESHARED_KEYS', () => {
  it('reads the keys', () => {
    expect(authConfig({ RELATA_AUTHN_METHOD: 'preshared', RELATA_AUTHN_PRESHARED_KEYS: `${key}, ${key}x` }, loopback).presharedKeys).toEqual([key, `${key}x`]);
  });

  it.each([
    [{ RELATA_AUTHN_METHOD: 'preshared' }, 'RELATA_AUTHN_PRESHARED_KEYS must list at least one key'],
    [{ RELATA_AUTHN_METHOD: 'preshared', RELATA_AUTHN_PRESHARED_KEYS: ',' }, 'must list at least one key'],
    [{ RELATA_AUTHN_METHOD: 'preshared', RELATA_AUTHN_PRESHARED_KEYS: 'short' }, 'key #0 must be 16 to 512 characters'],
    [{ RELATA_AUTHN_METHOD: 'preshared', RELATA_AUTHN_PRESHARED_KEYS: `${key},has space in it 0123456789` }, 'key #1 must be'],
    [{ RELATA_AUTHN_METHOD: 'preshared', RELATA_AUTHN_PRESHARED_KEYS: 'k'.repeat(513) }, 'key #0 must be'],
    [{ RELATA_AUTHN_PRESHARED_KEYS: key }, 'RELATA_AUTHN_PRESHARED_KEYS is set but RELATA_AUTHN_METHOD does not include preshared'],
  ])('refuses %j', (env, message) => expect(failure(() => authConfig(env, loopback))).toContain(message));

  it('never echoes a key in a message', () => {
    expect(failure(() => authConfig({ RELATA_AUTHN_METHOD: 'preshared', RELATA_AUTHN_PRESHARED_KEYS: 'secret!secret!secret!' }, loopback))).not.toContain('secret');
  });
});

describe('RELATA_AUTHN_OIDC_*', () => {
  it('has defaults: asymmetric algorithms, the scope claim, jose-like JWKS timings', () => {
    expect(authConfig(oidcEnv, loopback).oidc).toEqual({
      issuer: 'https://id.example.com',
      audience: ['relata'],
      jwksUrl: undefined,
      clockToleranceSec: 5,
      algorithms: [...oidcAlgorithms],
      scopeClaim: 'scope',
      jwksCooldownMs: 30_000,
      jwksMaxAgeMs: 600_000,
    });
  });

  it('reads every variable', () => {
    const oidc = authConfig(
      {
        ...oidcEnv,
        RELATA_AUTHN_OIDC_AUDIENCE: 'a,b',
        RELATA_AUTHN_OIDC_JWKS_URL: 'http://127.0.0.1:9000/jwks',
        RELATA_AUTHN_OIDC_CLOCK_TOLERANCE_S: '30',
        RELATA_AUTHN_OIDC_ALGORITHMS: 'ES256,EdDSA',
        RELATA_AUTHN_OIDC_SCOPE_CLAIM: 'scp',
        RELATA_AUTHN_OIDC_JWKS_COOLDOWN_MS: '1000',
        RELATA_AUTHN_OIDC_JWKS_MAX_AGE_MS: '60000',
      },
      loopback,
    ).oidc;
    expect(oidc).toMatchObject({ audience: ['a', 'b'], jwksUrl: 'http://127.0.0.1:9000/jwks', clockToleranceSec: 30, algorithms: ['ES256', 'EdDSA'], scopeClaim: 'scp', jwksCooldownMs: 1000, jwksMaxAgeMs: 60000 });
  });

  it.each([
    [{ RELATA_AUTHN_OIDC_ISSUER: undefined }, 'RELATA_AUTHN_OIDC_ISSUER is required'],
    [{ RELATA_AUTHN_OIDC_AUDIENCE: undefined }, 'RELATA_AUTHN_OIDC_AUDIENCE is required'],
    [{ RELATA_AUTHN_OIDC_ISSUER: 'not a url' }, 'RELATA_AUTHN_OIDC_ISSUER must be a URL'],
    [{ RELATA_AUTHN_OIDC_ISSUER: 'http://id.example.com' }, 'RELATA_AUTHN_OIDC_ISSUER must be an https:// URL'],
    [{ RELATA_AUTHN_OIDC_JWKS_URL: 'ftp://id.example.com/jwks' }, 'RELATA_AUTHN_OIDC_JWKS_URL must be an https:// URL'],
    [{ RELATA_AUTHN_OIDC_ALGORITHMS: 'none' }, 'RELATA_AUTHN_OIDC_ALGORITHMS: none is not allowed'],
    [{ RELATA_AUTHN_OIDC_ALGORITHMS: 'RS256,HS256' }, 'RELATA_AUTHN_OIDC_ALGORITHMS: HS256 is not allowed'],
    [{ RELATA_AUTHN_OIDC_ALGORITHMS: 'hs512' }, 'hs512 is not allowed'],
    [{ RELATA_AUTHN_OIDC_ALGORITHMS: 'RS1' }, "unknown algorithm 'RS1'"],
    [{ RELATA_AUTHN_OIDC_CLOCK_TOLERANCE_S: '-1' }, 'RELATA_AUTHN_OIDC_CLOCK_TOLERANCE_S must be an integer between 0 and 300'],
    [{ RELATA_AUTHN_OIDC_CLOCK_TOLERANCE_S: '3600' }, 'between 0 and 300'],
    [{ RELATA_AUTHN_OIDC_JWKS_MAX_AGE_MS: '10' }, 'RELATA_AUTHN_OIDC_JWKS_MAX_AGE_MS must be an integer between 1000'],
    [{ RELATA_AUTHN_OIDC_SCOPE_CLAIM: 'a b' }, 'RELATA_AUTHN_OIDC_SCOPE_CLAIM must be a claim name'],
    [{ RELATA_AUTHN_METHOD: 'preshared', RELATA_AUTHN_PRESHARED_KEYS: key }, 'RELATA_AUTHN_OIDC_ISSUER is set but RELATA_AUTHN_METHOD does not include oidc'],
  ])('refuses %j', (override, message) => expect(failure(() => authConfig({ ...oidcEnv, ...override }, loopback))).toContain(message));
});

describe('failure slowdown', () => {
  it('has defaults and reads its variables', () => {
    expect(authConfig({}, loopback)).toMatchObject({ slowdownAfter: 10, slowdownMaxDelayMs: 2000 });
    expect(authConfig({ RELATA_AUTHN_SLOWDOWN_AFTER: '0', RELATA_AUTHN_SLOWDOWN_MAX_DELAY_MS: '500' }, loopback)).toMatchObject({ slowdownAfter: 0, slowdownMaxDelayMs: 500 });
    expect(failure(() => authConfig({ RELATA_AUTHN_SLOWDOWN_AFTER: 'x' }, loopback))).toContain('RELATA_AUTHN_SLOWDOWN_AFTER must be an integer');
    expect(failure(() => authConfig({ RELATA_AUTHN_SLOWDOWN_MAX_DELAY_MS: '0' }, loopback))).toContain('RELATA_AUTHN_SLOWDOWN_MAX_DELAY_MS');
  });
});
