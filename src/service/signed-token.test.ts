import { describe, expect, it } from 'vitest';
import { TokenSigner, minTokenKeyBytes } from './signed-token.js';

const key = Buffer.from('k'.repeat(16) + 'ey-for-unit-tests-only!!', 'utf8');
const signer = new TokenSigner(key);
const store = '01HZZZZZZZZZZZZZZZZZZZZZZZ';
const payload = Buffer.from('1234567', 'ascii');
const max = 256;

describe('TokenSigner', () => {
  it('round-trips a payload for its kind and store, as url-safe base64 without padding', () => {
    const token = signer.sign('consistency', store, payload);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(signer.verify('consistency', store, token, max)).toEqual(payload);
    expect(new TokenSigner(Buffer.from(key)).verify('consistency', store, token, max)).toEqual(payload);
    const empty = signer.sign('stores', '', Buffer.alloc(0));
    expect(signer.verify('stores', '', empty, max)).toEqual(Buffer.alloc(0));
  });

  it('refuses a token with any one byte changed, and with any bit of any byte flipped', () => {
    const token = signer.sign('read', store, Buffer.from('some storage token bytes'));
    const bytes = Buffer.from(token, 'base64url');
    for (let i = 0; i < bytes.length; i++) {
      for (let bit = 0; bit < 8; bit++) {
        const edited = Buffer.from(bytes);
        edited[i] ^= 1 << bit;
        expect(signer.verify('read', store, edited.toString('base64url'), max)).toBeUndefined();
      }
    }
  });

  it('refuses a token of another kind, another store, or signed with another key', () => {
    const token = signer.sign('read', store, payload);
    expect(signer.verify('changes', store, token, max)).toBeUndefined();
    expect(signer.verify('consistency', store, token, max)).toBeUndefined();
    expect(signer.verify('read', '01HYYYYYYYYYYYYYYYYYYYYYYY', token, max)).toBeUndefined();
    expect(signer.verify('read', '', token, max)).toBeUndefined();
    const other = new TokenSigner(Buffer.from('another-key-of-at-least-32-bytes!!', 'utf8'));
    expect(other.verify('read', store, token, max)).toBeUndefined();
  });

  it('keeps the store and the payload apart in the signature (no shifting bytes between them)', () => {
    const token = signer.sign('read', 'ab', Buffer.from('c'));
    expect(signer.verify('read', 'a', token, max)).toBeUndefined();
    const shifted = Buffer.from(token, 'base64url');
    expect(signer.verify('read', 'abc', Buffer.concat([shifted.subarray(0, 2), shifted.subarray(3)]).toString('base64url'), max)).toBeUndefined();
  });

  it('refuses truncated, extended, oversized, non-canonical and malformed tokens', () => {
    const token = signer.sign('consistency', store, payload);
    for (let length = 0; length < token.length; length++) expect(signer.verify('consistency', store, token.slice(0, length), max)).toBeUndefined();
    expect(signer.verify('consistency', store, `${token}A`, max)).toBeUndefined();
    expect(signer.verify('consistency', store, `${token}==`, max)).toBeUndefined();
    expect(signer.verify('consistency', store, token.replace(/-/g, '+').replace(/_/g, '/') + ' ', max)).toBeUndefined();
    expect(signer.verify('consistency', store, token, token.length - 1)).toBeUndefined();
    const big = signer.sign('read', store, Buffer.alloc(10_000, 1));
    expect(signer.verify('read', store, big, 5120)).toBeUndefined();
    for (const garbage of ['', '1234', 'garbage', '!!!!', 'A'.repeat(100), '\u0000'.repeat(40), 'é'.repeat(40)]) {
      expect(signer.verify('consistency', store, garbage, max)).toBeUndefined();
    }
  });

  it('refuses a token whose last character carries stray bits (another string decoding to the same bytes)', () => {
    const tokens = ['a', 'ab', 'abcd', 'abcde'].map((p) => signer.sign('read', store, Buffer.from(p)));
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    for (const token of tokens) {
      for (const c of alphabet) {
        const variant = token.slice(0, -1) + c;
        if (variant === token) continue;
        expect(signer.verify('read', store, variant, max)).toBeUndefined();
      }
    }
  });

  it('needs a key of at least 32 bytes', () => {
    expect(() => new TokenSigner(Buffer.alloc(minTokenKeyBytes - 1, 7))).toThrow(/at least 32 bytes/);
  });
});
