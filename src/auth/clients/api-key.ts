// The API client key: `rk_<client id>_<secret>`, where the client id is the client's ULID (26
// Crockford base32 characters) and the secret is 32 random bytes in base64url (43 characters).
// The id lets the server find the client's record without a scan; the secret is checked against
// the slow hash stored with it. A key has exactly one length, so anything else is refused by a
// length and pattern check before any database or KDF work.
import { randomBytes } from 'node:crypto';

export const apiKeyPrefix = 'rk_';
const idLength = 26;
const secretBytes = 32;
const secretLength = 43;
export const apiKeyLength = apiKeyPrefix.length + idLength + 1 + secretLength;
const keyPattern = /^rk_([0-9A-HJKMNP-TV-Z]{26})_([A-Za-z0-9_-]{43})$/;
export const clientIdPattern = /^[0-9A-HJKMNP-TV-Z]{26}$/;

export interface ParsedApiKey {
  clientId: string;
  secret: string;
}

/** A fresh secret: 256 bits from the CSPRNG. */
export function generateSecret(): string {
  return randomBytes(secretBytes).toString('base64url');
}

export function formatApiKey(clientId: string, secret: string): string {
  return `${apiKeyPrefix}${clientId}_${secret}`;
}

/** Whether `bearer` claims to be an API client key (the `clients` method's to accept or refuse). */
export function looksLikeApiKey(bearer: string): boolean {
  return bearer.startsWith(apiKeyPrefix);
}

/** The key's parts; undefined when it is not exactly a well-formed key. */
export function parseApiKey(bearer: string): ParsedApiKey | undefined {
  if (bearer.length !== apiKeyLength) return undefined;
  const match = keyPattern.exec(bearer);
  return match ? { clientId: match[1], secret: match[2] } : undefined;
}
