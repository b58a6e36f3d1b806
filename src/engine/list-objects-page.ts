// Paged ListObjects (beyond OpenFGA): the full answer in id order, cut into pages. The token
// names the last object returned, so a page is stable at one consistency point and a client
// never sees an object twice, even if objects appear or vanish between pages.

import { ErrorCode, ValidationError } from '../model/index.js';
import type { ListObjectsRequest } from './api.js';
import type { ListEngineDeps } from './list-objects.js';
import { listObjects } from './list-objects.js';
import type { ListOptions } from './list-objects-limits.js';

export interface ListObjectsPageRequest {
  /** 1..1000. */
  pageSize: number;
  /** '' or absent for the first page. */
  continuationToken?: string;
}

export interface ListObjectsPage {
  objects: string[];
  /** '' on the last page. */
  continuationToken: string;
  /** True when a deadline cut the walk short, so later pages may be missing objects. */
  truncated: boolean;
}

interface PageToken {
  /** The last object of the previous page. */
  after: string;
  /** The request it belongs to, so a token is not replayed against another query. */
  query: string;
}

function queryKey(request: ListObjectsRequest): string {
  return `${request.type}#${request.relation}@${request.user}`;
}

export function encodePageToken(token: PageToken): string {
  return Buffer.from(JSON.stringify(token), 'utf8').toString('base64url');
}

export function decodePageToken(value: string, request: ListObjectsRequest): PageToken {
  const invalid = (): ValidationError => new ValidationError(ErrorCode.InvalidContinuationToken, `invalid 'continuation_token' value`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (typeof parsed !== 'object' || parsed === null) throw invalid();
  const { after, query } = parsed as Record<string, unknown>;
  if (typeof after !== 'string' || typeof query !== 'string' || query !== queryKey(request)) throw invalid();
  return { after, query };
}

/** Code-point order, the same in every runtime and locale. */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export async function listObjectsPage(
  deps: ListEngineDeps,
  request: ListObjectsRequest,
  page: ListObjectsPageRequest,
  options: ListOptions = {},
): Promise<ListObjectsPage> {
  if (!Number.isInteger(page.pageSize) || page.pageSize < 1 || page.pageSize > 1000) {
    throw new ValidationError(ErrorCode.PageSizeInvalid, `invalid 'page_size' value: ${page.pageSize} (must be 1..1000)`);
  }
  const after = page.continuationToken ? decodePageToken(page.continuationToken, request).after : undefined;
  // Every page needs the whole answer to know its place in the order, so no result limit here.
  const result = await listObjects(deps, request, { ...options, maxResults: options.maxResults ?? 0 });
  const sorted = result.objects.sort(compareIds);
  const start = after === undefined ? 0 : sorted.findIndex((object) => compareIds(object, after) > 0);
  const objects = start < 0 ? [] : sorted.slice(start, start + page.pageSize);
  const more = start >= 0 && start + page.pageSize < sorted.length;
  const last = objects[objects.length - 1];
  return {
    objects,
    continuationToken: more && last !== undefined ? encodePageToken({ after: last, query: queryKey(request) }) : '',
    truncated: result.truncated,
  };
}
