// RELATA_AUTHN_*: which authentication methods a call may pass, validated at start.
//
// Secure by default: with RELATA_AUTHN_METHOD unset, calls need no credentials only while every
// API listener is on a loopback address; on any other address Relata refuses to start until a
// method is chosen. An explicit `none` on such an address starts, and the composition root logs a
// warning naming the exposed listeners. The metrics/health listener is not an API listener.
import { ConfigError, list, read, type Env } from './env.js';

export const authMethodNames = ['preshared', 'clients', 'oidc'] as const;
export type AuthMethodName = (typeof authMethodNames)[number];

/** Signature algorithms a JWT may use: asymmetric only (an HMAC key would be the public key anyone can fetch). */
export const oidcAlgorithms = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'] as const;

export interface OidcConfig {
  /** RELATA_AUTHN_OIDC_ISSUER: the `iss` tokens must carry; its discovery document names the JWKS. */
  issuer: string;
  /** RELATA_AUTHN_OIDC_AUDIENCE (comma list): a token's `aud` must contain one of them. */
  audience: string[];
  /** RELATA_AUTHN_OIDC_JWKS_URL; undefined = `jwks_uri` of `<issuer>/.well-known/openid-configuration`. */
  jwksUrl: string | undefined;
  /** RELATA_AUTHN_OIDC_CLOCK_TOLERANCE_S (default 5): skew allowed on exp/nbf/iat. */
  clockToleranceSec: number;
  /** RELATA_AUTHN_OIDC_ALGORITHMS (comma list, default all of `oidcAlgorithms`). */
  algorithms: string[];
  /** RELATA_AUTHN_OIDC_SCOPE_CLAIM (default `scope`): a space-separated string or an array of strings. */
  scopeClaim: string;
  /** RELATA_AUTHN_OIDC_JWKS_COOLDOWN_MS (default 30 s): least time between two JWKS fetches for unknown `kid`s. */
  jwksCooldownMs: number;
  /** RELATA_AUTHN_OIDC_JWKS_MAX_AGE_MS (default 10 min): after this the JWKS is refetched, so removed keys stop working. */
  jwksMaxAgeMs: number;
}

export interface AuthConfig {
  /** The methods a call may pass (any one suffices); empty = `none`, no credentials needed. */
  methods: AuthMethodName[];
  /** API listeners (variable=address) reachable from other hosts while `none` applies: logged as a warning at start. */
  exposedWithoutAuth: string[];
  /** RELATA_AUTHN_PRESHARED_KEYS, when `preshared` is a method. */
  presharedKeys: string[];
  oidc: OidcConfig | undefined;
  /** RELATA_AUTHN_SLOWDOWN_AFTER (default 10; 0 = never): failures per address per minute answered without delay. */
  slowdownAfter: number;
  /** RELATA_AUTHN_SLOWDOWN_MAX_DELAY_MS (default 2000): the longest delay of a refusal to a failing address. */
  slowdownMaxDelayMs: number;
}

const methodVariable = 'RELATA_AUTHN_METHOD';
const presharedVariable = 'RELATA_AUTHN_PRESHARED_KEYS';

/** Whether a listener `host:port` accepts only local connections. */
export function isLoopbackAddress(addr: string): boolean {
  const host = addr.slice(0, addr.lastIndexOf(':')).replace(/^\[(.*)\]$/, '$1').toLowerCase();
  return host === 'localhost' || host === '::1' || /^(::ffff:)?127(\.\d{1,3}){3}$/.test(host);
}

function methods(env: Env): AuthMethodName[] | 'none' | undefined {
  const names = list(env, methodVariable);
  if (names === undefined) return undefined;
  const allowed = `none, ${authMethodNames.join(', ')} or a comma list of the last three`;
  if (names.length === 0) throw new ConfigError(`${methodVariable} must be ${allowed}`);
  const lowered = names.map((name) => name.toLowerCase());
  if (lowered.includes('none')) {
    if (lowered.length > 1) throw new ConfigError(`${methodVariable}: none cannot be combined with other methods, got '${names.join(',')}'`);
    return 'none';
  }
  for (const name of lowered) {
    if (!(authMethodNames as readonly string[]).includes(name)) throw new ConfigError(`${methodVariable} must be ${allowed}, got '${name}'`);
  }
  if (new Set(lowered).size !== lowered.length) throw new ConfigError(`${methodVariable} names a method twice: '${names.join(',')}'`);
  return lowered as AuthMethodName[];
}

// Sent as `authorization: Bearer <key>`, so a key is an RFC 6750 b64token; 16+ characters so it cannot be guessed by trying.
const presharedKeyPattern = /^[A-Za-z0-9\-._~+/]{16,512}=*$/;

function presharedKeys(env: Env, enabled: boolean): string[] {
  const keys = list(env, presharedVariable);
  if (!enabled) {
    if (keys !== undefined) throw new ConfigError(`${presharedVariable} is set but ${methodVariable} does not include preshared`);
    return [];
  }
  if (keys === undefined || keys.length === 0) throw new ConfigError(`${presharedVariable} must list at least one key when ${methodVariable} includes preshared`);
  keys.forEach((key, index) => {
    if (!presharedKeyPattern.test(key)) {
      throw new ConfigError(
        `${presharedVariable}: key #${index} must be 16 to 512 characters of A-Z a-z 0-9 - . _ ~ + / (e.g. \`openssl rand -base64 32\`)`,
      );
    }
  });
  return keys;
}

/** An https URL, or http on a loopback host (a local identity provider in development and tests). */
function url(env: Env, name: string): string | undefined {
  const value = read(env, name);
  if (value === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new ConfigError(`${name} must be a URL, got '${value}'`);
  }
  const local = isLoopbackAddress(`${parsed.hostname}:0`);
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && local)) {
    throw new ConfigError(`${name} must be an https:// URL (http:// only on a loopback host), got '${value}'`);
  }
  return value;
}

function boundedInteger(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) throw new ConfigError(`${name} must be an integer between ${min} and ${max}, got '${raw}'`);
  return Number(raw);
}

function algorithms(env: Env): string[] {
  const name = 'RELATA_AUTHN_OIDC_ALGORITHMS';
  const values = list(env, name);
  if (values === undefined) return [...oidcAlgorithms];
  if (values.length === 0) throw new ConfigError(`${name} must list at least one algorithm`);
  for (const value of values) {
    if (/^(none|HS\d+)$/i.test(value)) throw new ConfigError(`${name}: ${value} is not allowed (only asymmetric algorithms: ${oidcAlgorithms.join(', ')})`);
    if (!(oidcAlgorithms as readonly string[]).includes(value)) throw new ConfigError(`${name}: unknown algorithm '${value}' (allowed: ${oidcAlgorithms.join(', ')})`);
  }
  return values;
}

function oidc(env: Env, enabled: boolean): OidcConfig | undefined {
  const issuer = url(env, 'RELATA_AUTHN_OIDC_ISSUER');
  if (!enabled) {
    if (issuer !== undefined) throw new ConfigError(`RELATA_AUTHN_OIDC_ISSUER is set but ${methodVariable} does not include oidc`);
    return undefined;
  }
  if (issuer === undefined) throw new ConfigError(`RELATA_AUTHN_OIDC_ISSUER is required when ${methodVariable} includes oidc`);
  const audience = list(env, 'RELATA_AUTHN_OIDC_AUDIENCE');
  if (audience === undefined || audience.length === 0) throw new ConfigError(`RELATA_AUTHN_OIDC_AUDIENCE is required when ${methodVariable} includes oidc`);
  const scopeClaim = read(env, 'RELATA_AUTHN_OIDC_SCOPE_CLAIM') ?? 'scope';
  if (!/^[A-Za-z0-9_:.\-/]{1,128}$/.test(scopeClaim)) throw new ConfigError(`RELATA_AUTHN_OIDC_SCOPE_CLAIM must be a claim name, got '${scopeClaim}'`);
  return {
    issuer,
    audience,
    jwksUrl: url(env, 'RELATA_AUTHN_OIDC_JWKS_URL'),
    clockToleranceSec: boundedInteger(env, 'RELATA_AUTHN_OIDC_CLOCK_TOLERANCE_S', 5, 0, 300),
    algorithms: algorithms(env),
    scopeClaim,
    jwksCooldownMs: boundedInteger(env, 'RELATA_AUTHN_OIDC_JWKS_COOLDOWN_MS', 30_000, 0, 3_600_000),
    jwksMaxAgeMs: boundedInteger(env, 'RELATA_AUTHN_OIDC_JWKS_MAX_AGE_MS', 600_000, 1_000, 86_400_000),
  };
}

/** Reads RELATA_AUTHN_*; `listeners` maps each API listener's variable to its address. */
export function authConfig(env: Env, listeners: Record<string, string>): AuthConfig {
  const chosen = methods(env);
  const exposed = Object.entries(listeners)
    .filter(([, addr]) => !isLoopbackAddress(addr))
    .map(([name, addr]) => `${name}=${addr}`);
  if (chosen === undefined && exposed.length > 0) {
    throw new ConfigError(
      `${methodVariable} is not set and ${exposed.join(', ')} is reachable from other hosts: set ${methodVariable} to preshared, clients or oidc (or to none to serve without authentication)`,
    );
  }
  const active = chosen === undefined || chosen === 'none' ? [] : chosen;
  return {
    methods: active,
    exposedWithoutAuth: active.length === 0 ? exposed : [],
    presharedKeys: presharedKeys(env, active.includes('preshared')),
    oidc: oidc(env, active.includes('oidc')),
    slowdownAfter: boundedInteger(env, 'RELATA_AUTHN_SLOWDOWN_AFTER', 10, 0, 1_000_000),
    slowdownMaxDelayMs: boundedInteger(env, 'RELATA_AUTHN_SLOWDOWN_MAX_DELAY_MS', 2_000, 1, 60_000),
  };
}
