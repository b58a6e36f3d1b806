// Decides what a WriteTuples request changes, given the tuples of the request that already
// exist. Shared by every backend so that duplicate/missing handling is one rule everywhere:
// deletes first, then writes; policy 'error' throws on a duplicate write or a missing delete;
// 'ignore' skips them, except a duplicate whose condition differs, which is still an error.
import type { WriteTuplesRequest } from './datastore.js';
import { TupleAlreadyExistsError, TupleNotFoundError } from './errors.js';
import { isExpired, keyString, requireDistinct, sameCondition, toColumns } from './tuple-columns.js';
import type { TupleColumns } from './tuple-columns.js';

export interface ParsedWrite {
  writes: TupleColumns[];
  deletes: TupleColumns[];
}

export interface WritePlan {
  /** The stored rows to delete (with their conditions, for the changelog). */
  deletes: TupleColumns[];
  writes: TupleColumns[];
}

/** Parses and validates a request before any I/O (bad input never reaches the store). */
export function parseWrite(request: WriteTuplesRequest): ParsedWrite {
  const writes = request.writes.map(toColumns);
  const deletes = request.deletes.map(toColumns);
  requireDistinct(writes, 'writes');
  requireDistinct(deletes, 'deletes');
  return { writes, deletes };
}

/** `existing` maps keyString -> stored row, for the request's keys that exist now. */
export function planWrite(request: WriteTuplesRequest, parsed: ParsedWrite, existing: ReadonlyMap<string, TupleColumns>): WritePlan {
  const plan: WritePlan = { deletes: [], writes: [] };
  const deleted = new Set<string>();
  const nowMs = (request.now ?? new Date()).getTime();
  // A stored tuple expired at the request's instant is absent for it. Its row may still be there
  // (the sweeper has not run): a write of the same key deletes it first, on the changelog too.
  const expired = new Map<string, TupleColumns>();
  for (const [id, stored] of existing) if (isExpired(stored, nowMs)) expired.set(id, stored);
  for (const [i, key] of parsed.deletes.entries()) {
    const id = keyString(key);
    const stored = expired.has(id) ? undefined : existing.get(id);
    if (stored) {
      plan.deletes.push(stored);
      deleted.add(id);
    } else if (request.onMissing !== 'ignore') {
      throw new TupleNotFoundError(request.deletes[i]);
    }
  }
  for (const [i, key] of parsed.writes.entries()) {
    const id = keyString(key);
    const gone = expired.get(id);
    if (gone) {
      plan.deletes.push(gone);
      plan.writes.push(key);
      continue;
    }
    const stored = deleted.has(id) ? undefined : existing.get(id);
    if (!stored) plan.writes.push(key);
    else if (request.onDuplicate !== 'ignore' || !sameCondition(stored, key) || stored.expiresAt !== key.expiresAt) throw new TupleAlreadyExistsError(request.writes[i]);
  }
  return plan;
}
