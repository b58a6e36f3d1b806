// Tokens handed to callers (consistency and continuation tokens) come back from them, so they are
// signed: HMAC-SHA256 with a key every replica shares, over the token's kind, the store it
// belongs to and its payload. A token Relata did not issue, or issued for another kind of call or
// another store, does not verify.
//
// Format v1, base64url without padding: version (1 byte) | kind (1 byte) | payload | tag (16 bytes),
// where tag = HMAC-SHA256(key, "relata-token" 0 | version | kind | len(store) | store | payload), cut to
// 128 bits (as RFC 4868 does for HMAC-SHA256 in IPsec). The store id is in the tag, not the token.
import { createHmac, timingSafeEqual } from 'node:crypto';

export type SignedTokenKind = 'consistency' | 'read' | 'changes' | 'stores' | 'models' | 'page' | 'audit' | 'clients';

const kindCodes: Record<SignedTokenKind, number> = { consistency: 1, read: 2, changes: 3, stores: 4, models: 5, page: 6, audit: 7, clients: 8 };
const version = 1;
const tagBytes = 16;
const headerBytes = 2;
const domain = Buffer.from('relata-token\0', 'utf8');

/** Shortest acceptable signing key, in bytes. */
export const minTokenKeyBytes = 32;

export class TokenSigner {
  private readonly key: Buffer;

  constructor(key: Buffer) {
    if (key.length < minTokenKeyBytes) throw new Error(`token signing key must have at least ${minTokenKeyBytes} bytes`);
    this.key = Buffer.from(key);
  }

  /** `store`: the store id the token is valid for ('' for tokens of no store, e.g. ListStores). */
  sign(kind: SignedTokenKind, store: string, payload: Buffer): string {
    const header = Buffer.from([version, kindCodes[kind]]);
    return Buffer.concat([header, payload, this.tag(header, store, payload)]).toString('base64url');
  }

  /**
   * The payload of a token this key signed for `kind` and `store`; undefined for anything else
   * (malformed, edited, truncated, another kind or store, longer than `maxChars`).
   */
  verify(kind: SignedTokenKind, store: string, token: string, maxChars: number): Buffer | undefined {
    if (token.length > maxChars || !/^[A-Za-z0-9_-]+$/.test(token)) return undefined;
    const bytes = Buffer.from(token, 'base64url');
    // Non-canonical base64url (stray trailing bits) decodes like another string: refuse it.
    if (bytes.length < headerBytes + tagBytes || bytes.toString('base64url') !== token) return undefined;
    const header = bytes.subarray(0, headerBytes);
    if (header[0] !== version || header[1] !== kindCodes[kind]) return undefined;
    const payload = bytes.subarray(headerBytes, bytes.length - tagBytes);
    const tag = bytes.subarray(bytes.length - tagBytes);
    return timingSafeEqual(tag, this.tag(header, store, payload)) ? Buffer.from(payload) : undefined;
  }

  private tag(header: Buffer, store: string, payload: Buffer): Buffer {
    const storeBytes = Buffer.from(store, 'utf8');
    const storeLength = Buffer.alloc(4);
    storeLength.writeUInt32BE(storeBytes.length);
    return createHmac('sha256', this.key)
      .update(domain)
      .update(header)
      .update(storeLength)
      .update(storeBytes)
      .update(payload)
      .digest()
      .subarray(0, tagBytes);
  }
}
