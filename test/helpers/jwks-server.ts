// A local identity provider for tests: an HTTP server on 127.0.0.1 serving an OIDC discovery
// document and a JWKS whose keys a test can rotate, counting JWKS fetches; and token signing.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';

export interface TestKey {
  kid: string;
  alg: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  jwk: JWK;
}

export async function testKey(kid: string, alg: 'RS256' | 'ES256' | 'EdDSA'): Promise<TestKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { kid, alg, privateKey, publicKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

export interface JwksServer {
  issuer: string;
  jwksUrl: string;
  /** The keys served from now on. */
  keys: TestKey[];
  /** JWKS fetches so far. */
  readonly fetches: number;
  close(): Promise<void>;
}

export async function startJwksServer(keys: TestKey[]): Promise<JwksServer> {
  let fetches = 0;
  const state = { keys };
  const server: Server = createServer((request, response) => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    response.setHeader('content-type', 'application/json');
    if (request.url === '/.well-known/openid-configuration') {
      response.end(JSON.stringify({ issuer: base, jwks_uri: `${base}/jwks` }));
    } else if (request.url === '/jwks') {
      fetches++;
      response.end(JSON.stringify({ keys: state.keys.map((key) => key.jwk) }));
    } else {
      response.statusCode = 404;
      response.end('{}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    jwksUrl: `${issuer}/jwks`,
    get keys() {
      return state.keys;
    },
    set keys(next) {
      state.keys = next;
    },
    get fetches() {
      return fetches;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A signed token: `claims` over defaults (issuer, audience `relata`, sub `alice`, expiring in 5 minutes). */
export async function signToken(key: TestKey, issuer: string, claims: JWTPayload = {}, header: Record<string, unknown> = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ iss: issuer, aud: 'relata', sub: 'alice', iat: now, exp: now + 300, ...claims })
    .setProtectedHeader({ alg: key.alg, kid: key.kid, ...header })
    .sign(key.privateKey);
}

const base64url = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** An unsecured JWT (`alg: none`, empty signature). */
export function unsecuredToken(issuer: string, claims: JWTPayload = {}): string {
  const now = Math.floor(Date.now() / 1000);
  return `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ iss: issuer, aud: 'relata', sub: 'mallory', exp: now + 300, scope: 'relata:admin relata:check', ...claims })}.`;
}
