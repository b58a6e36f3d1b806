// Paged ListObjects (beyond OpenFGA): the full answer in id order, cut into pages after the last
// object a client has seen. Pages are stable when every page reads the same snapshot of the store
// (the service pins a revision in its continuation token and reads through a snapshot reader), so
// a client sees each object once even while the store changes between pages.
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
  if (!Number.isInteger(page.pageSize) || page.pageSize < 1 || page.pageSize > maxListObjectsPageSize) {
    throw new ValidationError(ErrorCode.PageSizeInvalid, `invalid 'page_size' value: ${page.pageSize} (must be 1..${maxListObjectsPageSize})`);
  }
  // Every page needs the whole answer to know its place in the order, so no result limit here.
  const result = await listObjects(deps, request, { ...options, maxResults: 0 });
  const after = page.after;
  const following = after === undefined ? result.objects : result.objects.filter((object) => compareIds(object, after) > 0);
  const sorted = following.sort(compareIds);
  return { objects: sorted.slice(0, page.pageSize), more: sorted.length > page.pageSize, truncated: result.truncated };
}
