// Page arithmetic shared by the backends: every listing fetches one item more than the page to
// know whether a continuation token is due, so the last page carries ''.
import type { Page, PageRequest } from './datastore.js';

export function pageSize(page: PageRequest): number {
  return Math.max(1, Math.floor(page.pageSize));
}

/** `rows` holds up to pageSize + 1 items. */
export function toPage<T>(rows: T[], page: PageRequest, token: (last: T) => string): Page<T> {
  const size = pageSize(page);
  if (rows.length <= size) return { items: rows, continuationToken: '' };
  const items = rows.slice(0, size);
  return { items, continuationToken: token(items[items.length - 1]) };
}
