// Paged ListObjects (beyond OpenFGA): the full answer in id order, cut into pages after the last
// object a client has seen. Pages are stable when every page reads the same snapshot of the store
// (the service pins a revision in its continuation token and reads through a snapshot reader), so
// a client sees each object once even while the store changes between pages. The sorted answer of
// a snapshot never changes, so the service may keep it and serve later pages by slicing.
import { ErrorCode, ValidationError } from '../model/index.js';
import type { ListObjectsRequest } from './api.js';
import type { ListEngineDeps } from './list-objects.js';
import { listObjects } from './list-objects.js';
import type { ListOptions } from './list-objects-limits.js';

export const maxListObjectsPageSize = 1000;

export interface ListObjectsPageRequest {
  /** 1..maxListObjectsPageSize. */
  pageSize: number;
  /** The last object of the previous page; absent for the first page. */
  after?: string;
}

export interface ListObjectsPage {
  objects: string[];
  /** Whether objects follow the last one of this page. */
  more: boolean;
  /** True when a deadline cut the walk short, so this and later pages may be missing objects. */
  truncated: boolean;
}

export interface SortedAnswer {
  /** Every object, in code point order. */
  objects: readonly string[];
  truncated: boolean;
}

export function validatePageSize(pageSize: number): void {
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > maxListObjectsPageSize) {
    throw new ValidationError(ErrorCode.PageSizeInvalid, `invalid 'page_size' value: ${pageSize} (must be 1..${maxListObjectsPageSize})`);
  }
}

/** Code-point order, the same in every runtime and locale. */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The whole answer in id order (no result cap: a page needs the whole answer to know its place). */
export async function listObjectsSorted(deps: ListEngineDeps, request: ListObjectsRequest, options: ListOptions = {}): Promise<SortedAnswer> {
  const result = await listObjects(deps, request, { ...options, maxResults: 0 });
  return { objects: result.objects.sort(compareIds), truncated: result.truncated };
}

/** The page of a sorted answer after `page.after` (which need not be in it any more). */
export function pageOf(answer: SortedAnswer, page: ListObjectsPageRequest): ListObjectsPage {
  validatePageSize(page.pageSize);
  const { objects } = answer;
  let start = 0;
  if (page.after !== undefined) {
    let high = objects.length;
    while (start < high) {
      const middle = (start + high) >>> 1;
      if (compareIds(objects[middle]!, page.after) <= 0) start = middle + 1;
      else high = middle;
    }
  }
  return { objects: objects.slice(start, start + page.pageSize), more: start + page.pageSize < objects.length, truncated: answer.truncated };
}

export async function listObjectsPage(
  deps: ListEngineDeps,
  request: ListObjectsRequest,
  page: ListObjectsPageRequest,
  options: ListOptions = {},
): Promise<ListObjectsPage> {
  validatePageSize(page.pageSize);
  return pageOf(await listObjectsSorted(deps, request, options), page);
}
