// Method `oidc` over gRPC, against a local identity provider on 127.0.0.1 (discovery + JWKS,
// jose-generated keys), combined with `preshared` (RELATA_AUTHN_METHOD=preshared,oidc): every
// forged or stale token is UNAUTHENTICATED with the same coarse message, scopes from the token
// decide PERMISSION_DENIED, and key rotation and removal follow the JWKS.
import { status } from '@grpc/grpc-js';
import { exportSPKI, SignJWT } from 'jose';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../src/model/index.js';
import { signToken, startJwksServer, testKey, unsecuredToken, type JwksServer, type TestKey } from '../helpers/jwks-server.js';
import { bearer, counterValue, startAuthHarness, type AuthHarness } from './auth-harness.js';

const adminKey = 'admin-key-0123456789abcdef';
const maxAgeMs = 1000;
let idp: JwksServer;
let h: AuthHarness;
let rsa: TestKey;
let ec: TestKey;

beforeAll(async () => {
  rsa = await testKey('rsa-1', 'RS256');
  ec = await testKey('ec-2', 'ES256');
  idp = await startJwksServer([rsa]);
  h = await startAuthHarness(
    {
      RELATA_AUTHN_METHOD: 'oidc,preshared',
      RELATA_AUTHN_PRESHARED_KEYS: adminKey,
      RELATA_AUTHN_OIDC_ISSUER: idp.issuer,
      RELATA_AUTHN_OIDC_AUDIENCE: 'relata',
      RELATA_AUTHN_OIDC_JWKS_COOLDOWN_MS: '0',
      RELATA_AUTHN_OIDC_JWKS_MAX_AGE_MS: String(maxAgeMs),
      RELATA_AUTHN_SLOWDOWN_AFTER: '0',
    },
    bearer(adminKey),
  );
});

afterAll(async () => {
  await h?.close();
  await idp?.close();
});

const now = () => Math.floor(Date.now() / 1000);

async function checkWith(token: string) {
  return h.client(bearer(token)).call<{ allowed: boolean }>('Check', h.check());
}

async function refusalOf(token: string) {
  return h.client(bearer(token)).fail('Check', h.check());
}

const unauthenticated = { grpcCode: status.UNAUTHENTICATED, openfgaCode: ErrorCode.Unauthenticated, message: 'unauthenticated' };

describe('OIDC tokens over gRPC', () => {
  it('accepts a valid token found through discovery, next to a preshared key', async () => {
    expect((await checkWith(await signToken(rsa, idp.issuer, { scope: 'openid relata:check' }))).response.allowed).toBe(true);
    expect((await checkWith(adminKey)).response.allowed).toBe(true);
  });

  it('takes the principal from client_id when a token has no sub', async () => {
    expect((await checkWith(await signToken(rsa, idp.issuer, { sub: undefined, client_id: 'svc-1', scope: 'relata:check' }))).response.allowed).toBe(true);
    expect(await refusalOf(await signToken(rsa, idp.issuer, { sub: undefined, scope: 'relata:check' }))).toMatchObject(unauthenticated);
  });

  it.each([
    ['an expired token', { exp: now() - 60 }],
    ['a token valid only in the future (nbf)', { nbf: now() + 600 }],
    ['a token of another issuer', { iss: 'https://evil.example' }],
    ['a token for another audience', { aud: 'someone-else' }],
    ['a token without exp', { exp: undefined }],
  ])('refuses %s', async (_name, claims) => {
    expect(await refusalOf(await signToken(rsa, idp.issuer, { scope: 'relata:check', ...claims }))).toMatchObject(unauthenticated);
  });

  it('refuses a tampered signature and a tampered payload', async () => {
    const token = await signToken(rsa, idp.issuer, { scope: 'relata:check' });
    const [header, payload, signature] = token.split('.');
    const flipped = signature.slice(0, 10) + (signature[10] === 'A' ? 'B' : 'A') + signature.slice(11);
    expect(await refusalOf(`${header}.${payload}.${flipped}`)).toMatchObject(unauthenticated);
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), scope: 'relata:admin' })).toString('base64url');
    expect(await refusalOf(`${header}.${forged}.${signature}`)).toMatchObject(unauthenticated);
  });

  it('refuses alg none', async () => {
    expect(await refusalOf(unsecuredToken(idp.issuer))).toMatchObject(unauthenticated);
  });

  it('refuses HS256 signed with the public key as the HMAC secret', async () => {
    const secret = new TextEncoder().encode(await exportSPKI(rsa.publicKey));
    const token = await new SignJWT({ iss: idp.issuer, aud: 'relata', sub: 'mallory', exp: now() + 300, scope: 'relata:admin' })
      .setProtectedHeader({ alg: 'HS256', kid: rsa.kid })
      .sign(secret);
    expect(await refusalOf(token)).toMatchObject(unauthenticated);
  });

  it('counts token failures by coarse reason', async () => {
    const before = await counterValue(h.runtime, 'relata_auth_failures_total', { reason: 'expired' });
    await refusalOf(await signToken(rsa, idp.issuer, { exp: now() - 60 }));
    expect(await counterValue(h.runtime, 'relata_auth_failures_total', { reason: 'expired' })).toBe(before + 1);
    expect(await counterValue(h.runtime, 'relata_auth_successes_total', { kind: 'oidc' })).toBeGreaterThan(0);
  });
});

describe('scopes from the token', () => {
  it('allows what the scope claim grants and refuses the rest with PERMISSION_DENIED', async () => {
    const storeRead = h.client(bearer(await signToken(rsa, idp.issuer, { scope: `relata:store:${h.storeId}:read` })));
    expect((await storeRead.call<{ tuples: unknown[] }>('Read', { store_id: h.storeId })).response.tuples).toHaveLength(1);
    const denied = await storeRead.fail('Check', h.check());
    expect(denied).toMatchObject({ grpcCode: status.PERMISSION_DENIED, openfgaCode: ErrorCode.Forbidden });
    // Per-store grants do not reach other stores nor the store-less ListStores.
    expect((await storeRead.fail('Read', { store_id: '01HZZZZZZZZZZZZZZZZZZZZZZZ' })).grpcCode).toBe(status.PERMISSION_DENIED);
    expect((await storeRead.fail('ListStores', {})).grpcCode).toBe(status.PERMISSION_DENIED);
  });

  it('maps relata:<scope> to every store and ignores other namespaces', async () => {
    const checker = h.client(bearer(await signToken(rsa, idp.issuer, { scope: 'openid relata:check other:write' })));
    expect((await checker.call<{ allowed: boolean }>('Check', h.check())).response.allowed).toBe(true);
    const write = { store_id: h.storeId, writes: { tuple_keys: [{ object: 'document:2', relation: 'viewer', user: 'user:bob' }] } };
    expect((await checker.fail('Write', write)).grpcCode).toBe(status.PERMISSION_DENIED);
    expect((await checker.fail('CreateStore', { name: 'x' })).grpcCode).toBe(status.PERMISSION_DENIED);
    const noScopes = h.client(bearer(await signToken(rsa, idp.issuer)));
    expect((await noScopes.fail('Check', h.check())).grpcCode).toBe(status.PERMISSION_DENIED);
    const writer = h.client(bearer(await signToken(rsa, idp.issuer, { scope: `relata:store:${h.storeId}:write` })));
    await writer.call('Write', write);
  });
});

describe('key rotation', () => {
  it('refetches the JWKS for an unknown kid: refused before the rotation, accepted after', async () => {
    const token = await signToken(ec, idp.issuer, { scope: 'relata:check' });
    const fetches = idp.fetches;
    expect(await refusalOf(token)).toMatchObject(unauthenticated);
    expect(idp.fetches).toBeGreaterThan(fetches);
    idp.keys = [rsa, ec];
    expect((await checkWith(token)).response.allowed).toBe(true);
  });

  it('refuses a key removed from the JWKS once the cached set is older than its max age', async () => {
    idp.keys = [rsa, ec];
    const token = await signToken(rsa, idp.issuer, { scope: 'relata:check' });
    expect((await checkWith(token)).response.allowed).toBe(true);
    idp.keys = [ec];
    await sleep(maxAgeMs + 200);
    expect(await refusalOf(token)).toMatchObject(unauthenticated);
  });
});

describe('JWKS refetch cooldown', () => {
  it('fetches the JWKS at most once per cooldown however many unknown kids arrive', async () => {
    const provider = await startJwksServer([rsa]);
    const server = await startAuthHarness(
      {
        RELATA_AUTHN_METHOD: 'preshared,oidc',
        RELATA_AUTHN_PRESHARED_KEYS: adminKey,
        RELATA_AUTHN_OIDC_ISSUER: provider.issuer,
        RELATA_AUTHN_OIDC_JWKS_URL: provider.jwksUrl,
        RELATA_AUTHN_OIDC_AUDIENCE: 'other,relata',
        RELATA_AUTHN_OIDC_JWKS_COOLDOWN_MS: '60000',
        RELATA_AUTHN_SLOWDOWN_AFTER: '0',
      },
      bearer(adminKey),
    );
    try {
      expect((await server.client(bearer(await signToken(rsa, provider.issuer, { scope: 'relata:check' }))).call<{ allowed: boolean }>('Check', server.check())).response.allowed).toBe(true);
      const fetched = provider.fetches;
      const unknown = await Promise.all(
        Array.from({ length: 20 }, async (_, i) => server.client(bearer(await signToken({ ...ec, kid: `unknown-${i}` }, provider.issuer, { scope: 'relata:check' }))).fail('Check', server.check())),
      );
      expect(unknown.every((failure) => failure.grpcCode === status.UNAUTHENTICATED)).toBe(true);
      expect(provider.fetches).toBe(fetched);
    } finally {
      await server.close();
      await provider.close();
    }
  });
});

describe('an unreachable identity provider', () => {
  it('fails OIDC calls closed as UNAVAILABLE, while preshared keys keep working', async () => {
    const gone = await startJwksServer([rsa]);
    const issuer = gone.issuer;
    await gone.close();
    const server = await startAuthHarness(
      {
        RELATA_AUTHN_METHOD: 'preshared,oidc',
        RELATA_AUTHN_PRESHARED_KEYS: adminKey,
        RELATA_AUTHN_OIDC_ISSUER: issuer,
        RELATA_AUTHN_OIDC_AUDIENCE: 'relata',
        RELATA_AUTHN_SLOWDOWN_AFTER: '0',
      },
      bearer(adminKey),
    );
    try {
      const token = await signToken(rsa, issuer, { scope: 'relata:check' });
      const failure = await server.client(bearer(token)).fail('Check', server.check());
      expect(failure.grpcCode).toBe(status.UNAVAILABLE);
      expect(failure.message).not.toContain('127.0.0.1');
      expect((await server.client(bearer(adminKey)).call<{ allowed: boolean }>('Check', server.check())).response.allowed).toBe(true);
    } finally {
      await server.close();
    }
  });
});
