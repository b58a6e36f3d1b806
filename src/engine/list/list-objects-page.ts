// Paged ListObjects (beyond OpenFGA): the full answer in id order, cut into pages after the last
// object a client has seen. Pages are stable when every page reads the same snapshot of the store
// (the service pins a revision in its continuation token and reads through a snapshot reader), so
// a client sees each object once even while the store changes between pages. The sorted answer of
// a snapshot never changes, so the service may keep it and serve later pages by slicing.
import { ErrorCode, ValidationError } from '../../model/index.js';
import type { ListObjectsRequest } from '../api.js';
import type { ConditionFailure, ListEngineDeps } from './list-objects.js';
import { collectListObjects } from './list-objects.js';
import type { ListOptions } from './list-limits.js';

export const maxListObjectsPageSize = 1000;

export interface ListObjectsPageRequest {
  /** 1..maxListObjectsPageSize. */
  pageSize: number;
  /** The last object of the previous page; absent for the first page. */
  after?: string;
}

export interface ListObjectsPage {
  objects: string[];
  /**
   * Candidates in this page's range of ids (after the previous page, up to the last object of
   * this one, or to the end on the last page) left out because their condition could not be
   * evaluated, e.g. for a missing context parameter.
   */
  conditionFailures: ConditionFailure[];
  /** Whether objects follow the last one of this page. */
  more: boolean;
  /** True when a deadline cut the walk short, so this and later pages may be missing objects. */
  truncated: boolean;
}

export interface SortedAnswer {
  /** Every object, in code point order. */
  objects: readonly string[];
  /** In code point order of their object. */
  conditionFailures: readonly ConditionFailure[];
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
  const result = await collectListObjects(deps, request, { ...options, maxResults: 0 });
  return {
    objects: result.objects.sort(compareIds),
    conditionFailures: result.conditionFailures.sort((a, b) => compareIds(a.object, b.object)),
    truncated: result.truncated,
  };
}

/** The page of a sorted answer after `page.after` (which need not be in it any more). */
export function pageOf(answer: SortedAnswer, page: ListObjectsPageRequest): ListObjectsPage {
  validatePageSize(page.pageSize);
  const { objects } = answer;
  const start = page.after === undefined ? 0 : firstAfter(objects, page.after, (id) => id);
  const end = start + page.pageSize;
  const more = end < objects.length;
  const failures = answer.conditionFailures;
  const failuresStart = page.after === undefined ? 0 : firstAfter(failures, page.after, (f) => f.object);
  const failuresEnd = more ? firstAfter(failures, objects[end - 1]!, (f) => f.object) : failures.length;
  return { objects: objects.slice(start, end), conditionFailures: failures.slice(failuresStart, failuresEnd), more, truncated: answer.truncated };
}

/** Index of the first item whose id sorts after `after` (binary search). */
function firstAfter<T>(sorted: readonly T[], after: string, idOf: (item: T) => string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compareIds(idOf(sorted[middle]!), after) <= 0) low = middle + 1;
    else high = middle;
  }
  return low;
}
