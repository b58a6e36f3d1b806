// Method `preshared` over gRPC with the official-proto client: a good key passes every RPC kind;
// a missing, wrong, garbled or oversized header is UNAUTHENTICATED with OpenFGA's code and a
// coarse message; gRPC health needs no credentials; failures are counted by reason; concurrent
// calls with mixed credentials each get their own answer.
import { status } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../src/model/index.js';
import { bearer, counterValue, startAuthHarness, type AuthHarness } from './auth-harness.js';

const keys = ['first-key-0123456789abcdef', 'second-key-0123456789abcdef'];
let h: AuthHarness;

beforeAll(async () => {
  // The slowdown of failing addresses is tested on its own (every call here comes from 127.0.0.1).
  h = await startAuthHarness({ RELATA_AUTHN_METHOD: 'preshared', RELATA_AUTHN_PRESHARED_KEYS: keys.join(','), RELATA_AUTHN_SLOWDOWN_AFTER: '0' }, bearer(keys[0]));
});

afterAll(async () => {
  await h?.close();
});

describe('preshared keys over gRPC', () => {
  it('accepts every listed key, on unary and streaming calls', async () => {
    for (const key of keys) {
      const client = h.client(bearer(key));
      expect((await client.call<{ allowed: boolean }>('Check', h.check())).response.allowed).toBe(true);
      const objects = await client.stream<{ object: string }>('StreamedListObjects', { store_id: h.storeId, type: 'document', relation: 'viewer', user: 'user:anne' });
      expect(objects.map((item) => item.object)).toEqual(['document:1']);
      expect((await client.call<{ stores: unknown[] }>('ListStores', {})).response.stores).toHaveLength(1);
    }
    // The scheme is case-insensitive (RFC 7235).
    expect((await h.client(`bearer ${keys[1]}`).call<{ allowed: boolean }>('Check', h.check())).response.allowed).toBe(true);
  });

  it('accepts relata.v1 calls with a key and refuses them without', async () => {
    const request = { store_id: h.storeId, type: 'document', relation: 'viewer', user: 'user:anne' };
    const ok = await h.client(bearer(keys[0]), { service: 'relata' }).call<{ objects: string[] }>('ListObjectsPage', request);
    expect(ok.response.objects).toEqual(['document:1']);
    const refused = await h.client(undefined, { service: 'relata' }).fail('ListObjectsPage', request);
    expect(refused.grpcCode).toBe(status.UNAUTHENTICATED);
  });

  it('refuses a missing header, or a scheme without token, with bearer_token_missing', async () => {
    const failure = await h.client().fail('Check', h.check());
    expect(failure).toMatchObject({ grpcCode: status.UNAUTHENTICATED, openfgaCode: ErrorCode.BearerTokenMissing });
    expect(await h.client('Bearer ').fail('Check', h.check())).toMatchObject({ grpcCode: status.UNAUTHENTICATED, openfgaCode: ErrorCode.BearerTokenMissing });
    const stream = h.client().stream('StreamedListObjects', { store_id: h.storeId, type: 'document', relation: 'viewer', user: 'user:anne' });
    await expect(stream).rejects.toMatchObject({ code: status.UNAUTHENTICATED });
  });

  it.each([
    ['a wrong key', bearer('wrong-key-0123456789abcdef')],
    ['a prefix of a good key', bearer(keys[0].slice(0, -1))],
    ['another scheme', `Basic ${Buffer.from(`x:${keys[0]}`).toString('base64')}`],
    ['no scheme', keys[0]],
    ['garbage after the token', `${bearer(keys[0])} extra`],
    ['a key with a space', `Bearer ${keys[0].slice(0, 5)} ${keys[0].slice(5)}`],
    ['an oversized header', bearer('k'.repeat(9000))],
  ])('refuses %s as unauthenticated, with a coarse message', async (_name, authorization) => {
    const failure = await h.client(authorization).fail('Check', h.check());
    expect(failure).toMatchObject({ grpcCode: status.UNAUTHENTICATED, openfgaCode: ErrorCode.Unauthenticated, message: 'unauthenticated' });
  });

  it('refuses before the request is looked at: an invalid request without credentials is UNAUTHENTICATED', async () => {
    const failure = await h.client().fail('Check', { store_id: 'not a store', tuple_key: {} });
    expect(failure.grpcCode).toBe(status.UNAUTHENTICATED);
  });

  it('serves gRPC health without credentials', async () => {
    const response = await new Promise<{ status: string }>((resolve, reject) =>
      (h.client().health as unknown as { Check(r: object, cb: (e: Error | null, r: { status: string }) => void): void }).Check({ service: '' }, (error, out) =>
        error ? reject(error) : resolve(out),
      ),
    );
    expect(response.status).toBe('SERVING');
  });

  it('counts failures by reason and successes by kind in /metrics', async () => {
    const before = await counterValue(h.runtime, 'relata_auth_failures_total', { reason: 'unknown_key' });
    const okBefore = await counterValue(h.runtime, 'relata_auth_successes_total', { kind: 'preshared' });
    await h.client(bearer('another-wrong-key-0123456789')).fail('Check', h.check());
    await h.client(bearer(keys[0])).call('Check', h.check());
    expect(await counterValue(h.runtime, 'relata_auth_failures_total', { reason: 'unknown_key' })).toBe(before + 1);
    expect(await counterValue(h.runtime, 'relata_auth_successes_total', { kind: 'preshared' })).toBe(okBefore + 1);
    expect(await counterValue(h.runtime, 'relata_auth_failures_total', { reason: 'missing' })).toBeGreaterThan(0);
  });

  it('answers 200 concurrent calls with mixed credentials, each by its own credential', async () => {
    const good = h.client(bearer(keys[1]));
    const bad = h.client(bearer('bad-key-0123456789abcdefgh'));
    const none = h.client();
    const outcomes = await Promise.all(
      Array.from({ length: 200 }, (_, i) => {
        const client = [good, bad, none][i % 3];
        return client.call<{ allowed: boolean }>('Check', h.check()).then(
          (out) => `ok:${out.response.allowed}`,
          (error: { code: number }) => `code:${error.code}`,
        );
      }),
    );
    outcomes.forEach((outcome, i) => expect(outcome).toBe(i % 3 === 0 ? 'ok:true' : `code:${status.UNAUTHENTICATED}`));
  });
});

describe('slowdown of a failing address', () => {
  it('delays refusals past the threshold and then answers RESOURCE_EXHAUSTED with retry-after', async () => {
    const slow = await startAuthHarness(
      { RELATA_AUTHN_METHOD: 'preshared', RELATA_AUTHN_PRESHARED_KEYS: keys[0], RELATA_AUTHN_SLOWDOWN_AFTER: '2', RELATA_AUTHN_SLOWDOWN_MAX_DELAY_MS: '1500' },
      bearer(keys[0]),
    );
    try {
      const wrong = slow.client(bearer('wrong-key-0123456789abcdef'));
      for (let i = 0; i < 2; i++) expect((await wrong.fail('Check', slow.check())).grpcCode).toBe(status.UNAUTHENTICATED);
      // Past the threshold: 40 concurrent guesses; at most 16 may wait for their (delayed) refusal, the rest are refused at once.
      const failures = await Promise.all(Array.from({ length: 40 }, () => wrong.fail('Check', slow.check())));
      const limited = failures.filter((failure) => failure.grpcCode === status.RESOURCE_EXHAUSTED);
      expect(failures.filter((failure) => failure.grpcCode === status.UNAUTHENTICATED)).toHaveLength(16);
      expect(limited).toHaveLength(24);
      expect(Number(limited[0].metadata?.get('retry-after')[0])).toBeGreaterThanOrEqual(1);
      expect(await counterValue(slow.runtime, 'relata_auth_failures_total', { reason: 'rate_limited' })).toBe(24);
      // A valid key from the same address is never delayed or refused.
      expect((await slow.client(bearer(keys[0])).call<{ allowed: boolean }>('Check', slow.check())).response.allowed).toBe(true);
    } finally {
      await slow.close();
    }
  });
});
