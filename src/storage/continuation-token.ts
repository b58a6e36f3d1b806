// Continuation tokens: opaque to clients, base64url of the last key returned, tagged with what
// they page through so that a token of one listing is rejected by another.
import { identifierTextProblem } from '../model/index.js';
import { invalidContinuationToken } from './errors.js';
import type { KeyTuple } from './tuple-columns.js';

/** Revisions are PostgreSQL bigint: a larger one in a token is malformed, not an internal error. */
export const maxRevision = 2n ** 63n - 1n;

export type TokenKind = 'tuples' | 'stores' | 'models' | 'changes' | 'api-clients' | 'audit';

export function encodeToken(kind: TokenKind, key: readonly string[]): string {
  return Buffer.from(JSON.stringify([kind, ...key]), 'utf8').toString('base64url');
}

/** The key inside a token of `kind` with `length` parts; throws InvalidContinuationToken otherwise. */
function decodeToken(kind: TokenKind, token: string, length: number): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw invalidContinuationToken();
  }
  if (!Array.isArray(parsed) || parsed.length !== length + 1 || parsed[0] !== kind) throw invalidContinuationToken();
  const key = parsed.slice(1);
  // A forged token may carry NUL or a lone surrogate, which the SQL drivers refuse: the caller's error.
  if (!key.every((part): part is string => typeof part === 'string' && !identifierTextProblem(part))) throw invalidContinuationToken();
  return key;
}

/** The revision inside a ReadChanges token. */
export function decodeRevisionToken(token: string): bigint {
  const [revision] = decodeToken('changes', token, 1);
  if (!/^\d{1,19}$/.test(revision) || BigInt(revision) > maxRevision) throw invalidContinuationToken();
  return BigInt(revision);
}

export function encodeRevisionToken(revision: bigint): string {
  return encodeToken('changes', [revision.toString()]);
}

// What the token of each listing holds, the same for every backend.

/** ListStores: the id of the last store returned. */
export function encodeStoreToken(store: { id: string }): string {
  return encodeToken('stores', [store.id]);
}

export function decodeStoreToken(token: string): string {
  return decodeToken('stores', token, 1)[0];
}

/** API clients (by id): the id of the last client returned. */
export function encodeApiClientToken(client: { id: string }): string {
  return encodeToken('api-clients', [client.id]);
}

export function decodeApiClientToken(token: string): string {
  return decodeToken('api-clients', token, 1)[0];
}

/** ListAuthorizationModels (newest first): the id of the last model returned. */
export function encodeModelToken(model: { id?: string }): string {
  return encodeToken('models', [model.id ?? '']);
}

export function decodeModelToken(token: string): string {
  return decodeToken('models', token, 1)[0];
}

/** Read: the six key columns of the last tuple returned, in storage order. */
export function encodeTupleToken(key: KeyTuple): string {
  return encodeToken('tuples', key);
}

export function decodeTupleToken(token: string): KeyTuple {
  return decodeToken('tuples', token, 6) as KeyTuple;
}

/** ReadChanges: the revision of the last change returned, or the caller's token on an empty page. */
export function nextChangesToken(items: readonly { revision: bigint }[], requestToken: string | undefined): string {
  const last = items.at(-1);
  return last ? encodeRevisionToken(last.revision) : (requestToken ?? '');
}

/** Audit queries (newest first): the id of the last record returned. */
export function encodeAuditToken(record: { id: bigint }): string {
  return encodeToken('audit', [record.id.toString()]);
}

export function decodeAuditToken(token: string): bigint {
  const [id] = decodeToken('audit', token, 1);
  if (!/^\d{1,19}$/.test(id) || BigInt(id) > maxRevision) throw invalidContinuationToken();
  return BigInt(id);
}
