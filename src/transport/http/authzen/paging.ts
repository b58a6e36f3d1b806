// Search pagination (spec §8.2). Resource search passes Relata's own signed, snapshot-pinned
// ListObjectsPage tokens through. Subject and action searches compute their whole (bounded)
// answer and page it by offset: the token holds the offset and a digest of the request, so a
// token replayed with other entities or another limit is refused (the spec's SHOULD). The offset
// needs no signature: it only selects among answers the caller may ask for anyway.
import { createHash } from 'node:crypto';
import { ErrorCode, ValidationError } from '../../../model/index.js';
import { badRequest, field, optionalObject } from './wire.js';
import type { JsonObject } from './wire.js';

export const defaultLimit = 100;
export const maxLimit = 1000;
const maxTokenChars = 5120;

export interface PageRequest {
  token: string | undefined;
  /** Results per page. */
  limit: number;
}

export interface PageResponse {
  next_token: string;
  count: number;
  total?: number;
}

export function readPage(body: JsonObject): PageRequest {
  const page = optionalObject(field(body, 'page'), 'page');
  if (!page) return { token: undefined, limit: defaultLimit };
  const token = field(page, 'token');
  if (token !== undefined && token !== null && typeof token !== 'string') throw badRequest('page.token', 'value must be a string');
  if (typeof token === 'string' && (token.length > maxTokenChars || !/^[A-Za-z0-9\-_]*={0,2}$/.test(token))) throw badRequest('page.token', 'invalid token');
  const limit = field(page, 'limit');
  if (limit !== undefined && limit !== null && (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 0 || limit > maxLimit)) {
    throw new ValidationError(ErrorCode.PageSizeInvalid, `invalid page.limit: value must be an integer inside range [0, ${maxLimit}]`);
  }
  optionalObject(field(page, 'properties'), 'page.properties');
  // 0 asks for no particular size: the default.
  return { token: token || undefined, limit: typeof limit === 'number' && limit > 0 ? limit : defaultLimit };
}

/** A digest of what must not change between pages. */
export function requestDigest(parts: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 22);
}

const invalidToken = () => new ValidationError(ErrorCode.InvalidContinuationToken, 'invalid page.token: not issued for this request (entities and page.limit must stay the same between pages)');

function offsetOf(token: string | undefined, digest: string): number {
  if (!token) return 0;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw invalidToken();
  }
  if (!Array.isArray(parsed) || parsed.length !== 3 || parsed[0] !== 'az1' || !Number.isSafeInteger(parsed[1]) || (parsed[1] as number) < 0 || parsed[2] !== digest) throw invalidToken();
  return parsed[1] as number;
}

/** One page of a complete, ordered answer. */
export function pageOf<T>(all: readonly T[], page: PageRequest, digest: string): { results: T[]; page: PageResponse } {
  const offset = offsetOf(page.token, digest);
  const results = all.slice(offset, offset + page.limit);
  const next = offset + results.length;
  const nextToken = next < all.length ? Buffer.from(JSON.stringify(['az1', next, digest]), 'utf8').toString('base64url') : '';
  return { results, page: { next_token: nextToken, count: results.length, total: all.length } };
}
