import { describe, expect, it } from 'vitest';
import { ErrorCode, UnavailableError } from '../model/index.js';
import type { AuthMethod, CallCredentials } from './authenticator.js';
import { anonymousPrincipal, bearerToken, createAuthenticator, type AuthObserver } from './create-authenticator.js';
import { AuthenticationError, ForbiddenError, RateLimitedError } from './errors.js';
import { anyStore, type Principal, type Scope } from './principal.js';

const call = (authorization: string | undefined, peerAddress = '192.0.2.1'): CallCredentials => ({ authorization, peerAddress });

const principal = (kind: Principal['kind'], id: string, scopes: Record<string, Scope[]>): Principal => ({
  kind,
  id,
  scopes: new Map(Object.entries(scopes).map(([store, list]) => [store, new Set(list)])),
});

/** A method that accepts `token` as `who`, refuses bearers starting with `refuse:` and ignores the rest. */
function fakeMethod(name: AuthMethod['name'], token: string, who: Principal, seen: string[] = []): AuthMethod {
  return {
    name,
    authenticate: async (bearer) => {
      seen.push(`${name}:${bearer}`);
      if (bearer === token) return who;
      if (bearer.startsWith(`refuse${name}`)) throw new AuthenticationError('bad_secret');
      return undefined;
    },
  };
}

function recorder(): AuthObserver & { events: string[] } {
  const events: string[] = [];
  return { events, observeAuthFailure: (reason) => events.push(`fail:${reason}`), observeAuthSuccess: (kind) => events.push(`ok:${kind}`) };
}

const refusal = async (promise: Promise<unknown>): Promise<unknown> => promise.then(() => expect.fail('expected a refusal'), (error: unknown) => error);

describe('bearerToken', () => {
  it.each([
    ['Bearer abc', 'abc'],
    ['bearer abc', 'abc'],
    ['BEARER   a.b-c_d~e+f/g==  ', 'a.b-c_d~e+f/g=='],
  ])('reads %j', (header, token) => expect(bearerToken(header)).toBe(token));

  it.each([undefined, '', 'Bearer', 'bearer   '])('%j is missing (bearer_token_missing)', (header) => {
    expect(() => bearerToken(header)).toThrow(expect.objectContaining({ reason: 'missing', code: ErrorCode.BearerTokenMissing }));
  });

  it.each(['Basic abc', 'abc', 'Bearer a b', 'Bearer a\u0000', 'Bearer é', 'Bearer ==', `Bearer ${'a'.repeat(9000)}`])('%j is malformed', (header) => {
    expect(() => bearerToken(header)).toThrow(expect.objectContaining({ reason: 'malformed', code: ErrorCode.Unauthenticated, message: 'unauthenticated' }));
  });

  it('bounds the header length', () => {
    expect(bearerToken(`Bearer ${'a'.repeat(93)}`, 100)).toHaveLength(93);
    expect(() => bearerToken(`Bearer ${'a'.repeat(94)}`, 100)).toThrow(AuthenticationError);
  });
});

describe('createAuthenticator', () => {
  const alice = principal('client', 'alice', { [anyStore]: ['check'] });
  const bob = principal('oidc', 'bob', { store1: ['read', 'write'] });

  it('without required credentials, everyone is the full-access anonymous principal', async () => {
    const auth = createAuthenticator({ methods: [], required: false });
    expect(auth.required).toBe(false);
    await expect(auth.authenticate(call(undefined))).resolves.toBe(anonymousPrincipal);
    await expect(auth.authenticate(call('garbage'))).resolves.toBe(anonymousPrincipal);
    expect(() => auth.authorize(anonymousPrincipal, 'DeleteStore', 'store1')).not.toThrow();
    expect(() => auth.authorize(anonymousPrincipal, 'CreateStore', undefined)).not.toThrow();
  });

  it('refuses to require credentials without a method', () => {
    expect(() => createAuthenticator({ methods: [], required: true })).toThrow('needs at least one method');
  });

  it('passes a call any method accepts, asking them in order until one claims the bearer', async () => {
    const seen: string[] = [];
    const observer = recorder();
    const auth = createAuthenticator({ methods: [fakeMethod('clients', 'ka', alice, seen), fakeMethod('oidc', 'kb', bob, seen)], required: true, observer });
    await expect(auth.authenticate(call('Bearer ka'))).resolves.toBe(alice);
    await expect(auth.authenticate(call('Bearer kb'))).resolves.toBe(bob);
    expect(seen).toEqual(['clients:ka', 'clients:kb', 'oidc:kb']);
    expect(observer.events).toEqual(['ok:client', 'ok:oidc']);
  });

  it('stops at the method that refuses its own credential', async () => {
    const seen: string[] = [];
    const auth = createAuthenticator({ methods: [fakeMethod('clients', 'ka', alice, seen), fakeMethod('oidc', 'kb', bob, seen)], required: true });
    expect(await refusal(auth.authenticate(call('Bearer refuseclients')))).toMatchObject({ reason: 'bad_secret' });
    expect(seen).toEqual(['clients:refuseclients']);
  });

  it('refuses what no method claims, missing and malformed headers, counting each reason', async () => {
    const observer = recorder();
    const auth = createAuthenticator({ methods: [fakeMethod('preshared', 'ka', alice)], required: true, observer });
    expect(await refusal(auth.authenticate(call('Bearer other')))).toMatchObject({ reason: 'unknown_key', message: 'unauthenticated' });
    expect(await refusal(auth.authenticate(call(undefined)))).toMatchObject({ reason: 'missing' });
    expect(await refusal(auth.authenticate(call('Token x')))).toMatchObject({ reason: 'malformed' });
    expect(observer.events).toEqual(['fail:unknown_key', 'fail:missing', 'fail:malformed']);
  });

  it('passes a rate limit and an identity provider failure through, without slowing the address down', async () => {
    const observer = recorder();
    const limited: AuthMethod = { name: 'clients', authenticate: async () => Promise.reject(new RateLimitedError(250)) };
    const down: AuthMethod = { name: 'oidc', authenticate: async () => Promise.reject(new UnavailableError('down')) };
    const auth = createAuthenticator({ methods: [limited], required: true, observer, slowdown: { threshold: 0, baseDelayMs: 10_000 } });
    expect(await refusal(auth.authenticate(call('Bearer x')))).toMatchObject({ retryAfterMs: 250 });
    expect(observer.events).toEqual(['fail:rate_limited']);
    const broken = createAuthenticator({ methods: [down], required: true, slowdown: { threshold: 0, baseDelayMs: 10_000 } });
    expect(await refusal(broken.authenticate(call('Bearer x')))).toBeInstanceOf(UnavailableError);
  });

  it('authorizes by the operation table: store scopes for store calls, `*` for store-less ones', () => {
    const observer = recorder();
    const auth = createAuthenticator({ methods: [fakeMethod('oidc', 'x', bob)], required: true, observer });
    expect(() => auth.authorize(bob, 'Read', 'store1')).not.toThrow();
    expect(() => auth.authorize(bob, 'Write', 'store1')).not.toThrow();
    expect(() => auth.authorize(bob, 'Check', 'store1')).toThrow(ForbiddenError);
    expect(() => auth.authorize(bob, 'Read', 'store2')).toThrow(ForbiddenError);
    expect(() => auth.authorize(bob, 'Read', undefined)).toThrow(ForbiddenError);
    // Without a store, or for a store-less call, the refusal names the grant on every store it needs.
    expect(() => auth.authorize(bob, 'Read', undefined)).toThrow(/Read without a store_id needs the 'read' scope on every store/);
    // ListStores for a caller with only per-store grants: refused, not filtered.
    expect(() => auth.authorize(bob, 'ListStores', undefined)).toThrow(/ListStores needs the 'read' scope on every store/);
    expect(() => auth.authorize(alice, 'Check', 'any-store')).not.toThrow();
    expect(() => auth.authorize(alice, 'CreateStore', undefined)).toThrow(ForbiddenError);
    // A store call naming `*` is not a wildcard grant.
    expect(() => auth.authorize(bob, 'Read', anyStore)).toThrow(ForbiddenError);
    expect(observer.events.filter((event) => event === 'fail:forbidden')).toHaveLength(7);
  });

  it('closes every method', async () => {
    const closed: string[] = [];
    const method = (name: AuthMethod['name']): AuthMethod => ({ name, authenticate: async () => undefined, close: async () => void closed.push(name) });
    await createAuthenticator({ methods: [method('preshared'), method('oidc')], required: true }).close();
    expect(closed.sort()).toEqual(['oidc', 'preshared']);
  });

  it('slows down an address that keeps failing, and only that address', async () => {
    const auth = createAuthenticator({
      methods: [fakeMethod('preshared', 'good', alice)],
      required: true,
      slowdown: { threshold: 2, baseDelayMs: 1, maxDelayMs: 5, maxPending: 2 },
    });
    for (let i = 0; i < 2; i++) expect(await refusal(auth.authenticate(call('Bearer bad', '198.51.100.7')))).toBeInstanceOf(AuthenticationError);
    const burst = await Promise.all(Array.from({ length: 6 }, () => refusal(auth.authenticate(call('Bearer bad', '198.51.100.7')))));
    expect(burst.filter((error) => error instanceof RateLimitedError)).toHaveLength(4);
    expect(burst.filter((error) => error instanceof AuthenticationError)).toHaveLength(2);
    // Another address, and good credentials from the failing one, are not affected.
    expect(await refusal(auth.authenticate(call('Bearer bad', '198.51.100.8')))).toBeInstanceOf(AuthenticationError);
    await expect(auth.authenticate(call('Bearer good', '198.51.100.7'))).resolves.toBe(alice);
  });
});
