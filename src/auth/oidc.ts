// Method `oidc`: JWT bearer tokens signed by the issuer's keys (jose). The JWKS comes from
// RELATA_AUTHN_OIDC_JWKS_URL or the issuer's discovery document, through jose's remote key set:
// an unknown `kid` refetches it at most once per `jwksCooldownMs`, and it is refetched anyway
// once older than `jwksMaxAgeMs`, which bounds how long a key removed by the issuer still works.
//
// The principal's id is `sub`, else `client_id` (RFC 9068 access tokens), else `azp`: `sub` is
// the subject the issuer vouches for in both ID tokens and access tokens; the other two name the
// client only when a provider leaves `sub` out of client-credentials tokens.
// Refusals are coarse (`unauthenticated`); the precise class of failure goes to the reason label.
import { createRemoteJWKSet, customFetch, errors, jwtVerify } from 'jose';
import type { JWTPayload, JWTVerifyGetKey } from 'jose';
import { UnavailableError } from '../model/index.js';
import type { AuthMethod } from './authenticator.js';
import { boundedFetch } from './bounded-fetch.js';
import { AuthenticationError } from './errors.js';
import { scopesFromClaim } from './oidc-scopes.js';
import type { Principal } from './principal.js';

export interface OidcOptions {
  issuer: string;
  audience: readonly string[];
  jwksUrl?: string;
  clockToleranceSec: number;
  algorithms: readonly string[];
  scopeClaim: string;
  jwksCooldownMs: number;
  jwksMaxAgeMs: number;
  /** Bound on one fetch of the discovery document or the JWKS. */
  fetchTimeoutMs?: number;
}

/** Longest principal id taken from a token (it names the caller in logs and audit records). */
export const maxPrincipalIdLength = 256;

// A JWS in compact form: three base64url segments. Anything else is not this method's.
const compactJws = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/** Errors that mean "this token is not good" (anything else is the identity provider failing). */
const tokenErrors = [
  errors.JWTExpired,
  errors.JWTClaimValidationFailed,
  errors.JWTInvalid,
  errors.JWSInvalid,
  errors.JWSSignatureVerificationFailed,
  errors.JOSEAlgNotAllowed,
  errors.JOSENotSupported,
  errors.JWKSNoMatchingKey,
  errors.JWKSMultipleMatchingKeys,
];

function refusal(error: unknown): Error {
  if (error instanceof errors.JWTExpired) return new AuthenticationError('expired');
  if (tokenErrors.some((kind) => error instanceof kind)) return new AuthenticationError('invalid_token');
  return new UnavailableError('the identity provider is unavailable: try again later', { cause: error });
}

function principalId(payload: JWTPayload): string {
  for (const claim of ['sub', 'client_id', 'azp']) {
    const value = payload[claim];
    if (typeof value === 'string' && value !== '' && value.length <= maxPrincipalIdLength) return value;
  }
  throw new AuthenticationError('invalid_token');
}

/** The JWKS URL from the discovery document, whose `issuer` must be the configured one (OIDC Discovery §4.3). */
async function discoverJwksUrl(issuer: string, timeoutMs: number): Promise<URL> {
  const response = await boundedFetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(timeoutMs) });
  if (response.status !== 200) throw new Error(`discovery document: HTTP ${response.status}`);
  const document = (await response.json()) as { issuer?: unknown; jwks_uri?: unknown };
  if (document.issuer !== issuer) throw new Error('discovery document: its issuer is not RELATA_AUTHN_OIDC_ISSUER');
  if (typeof document.jwks_uri !== 'string') throw new Error('discovery document: no jwks_uri');
  const url = new URL(document.jwks_uri);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && new URL(issuer).protocol === 'http:')) throw new Error('discovery document: jwks_uri is not https');
  return url;
}

export function createOidcMethod(options: OidcOptions): AuthMethod {
  const timeoutMs = options.fetchTimeoutMs ?? 5_000;
  const jwksOptions = {
    cooldownDuration: options.jwksCooldownMs,
    cacheMaxAge: options.jwksMaxAgeMs,
    timeoutDuration: timeoutMs,
    [customFetch]: (url: string, init: RequestInit) => boundedFetch(url, init),
  };
  let keys: JWTVerifyGetKey | undefined = options.jwksUrl ? createRemoteJWKSet(new URL(options.jwksUrl), jwksOptions) : undefined;
  // Discovery runs on first use (the issuer need not be up for Relata to start); a failure is
  // retried no sooner than the JWKS cooldown, so an outage does not turn every call into a fetch.
  let discovery: Promise<JWTVerifyGetKey> | undefined;
  let discoveryFailedAt = -Infinity;
  const keySet = async (): Promise<JWTVerifyGetKey> => {
    if (keys) return keys;
    if (!discovery) {
      if (Date.now() - discoveryFailedAt < options.jwksCooldownMs) throw new Error('discovery failed recently');
      discovery = discoverJwksUrl(options.issuer, timeoutMs).then(
        (url) => (keys = createRemoteJWKSet(url, jwksOptions)),
        (error: unknown) => {
          discovery = undefined;
          discoveryFailedAt = Date.now();
          throw error;
        },
      );
    }
    return discovery;
  };
  const verifyOptions = {
    issuer: options.issuer,
    audience: [...options.audience],
    algorithms: [...options.algorithms],
    clockTolerance: options.clockToleranceSec,
    requiredClaims: ['exp'],
  };

  return {
    name: 'oidc',
    async authenticate(bearer): Promise<Principal | undefined> {
      if (!compactJws.test(bearer)) return undefined;
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(bearer, await keySet(), verifyOptions));
      } catch (error) {
        throw refusal(error);
      }
      return { kind: 'oidc', id: principalId(payload), scopes: scopesFromClaim(payload[options.scopeClaim]) };
    },
  };
}
