// Reads of the store as it was at an earlier revision R, from its current tuples and the changes
// committed after R (an undo log). For each tuple the first change after R tells its state at R:
// a delete means it existed then (with the condition the delete carries), a write means it did
// not (a tuple is written only where none exists). Every changed tuple is hidden from the current
// reads and the ones that existed at R are added back.
import { OverlayTupleReader } from './overlay-reader.js';
import { tupleIdentity } from '../../model/index.js';
import type { RelationTuple } from '../../model/index.js';
import type { TupleReader } from './tuple-reader.js';

export interface UndoableChange {
  tuple: RelationTuple;
  operation: 'write' | 'delete';
  revision: bigint;
}

/**
 * `changesAfterSnapshot`: every change of the store after the snapshot's revision, in any order.
 * `nowMs`: the request's instant; a tuple added back is left out when it has expired by then (a
 * snapshot never revives an expired grant, e.g. one the sweeper deleted after the revision).
 */
export function snapshotReader(current: TupleReader, changesAfterSnapshot: readonly UndoableChange[], nowMs = Date.now()): TupleReader {
  if (changesAfterSnapshot.length === 0) return current;
  const oldestFirst = [...changesAfterSnapshot].sort(oldestFirstOrder);
  const firstChange = new Map<string, UndoableChange>();
  for (const change of oldestFirst) {
    const identity = tupleIdentity(change.tuple);
    if (!firstChange.has(identity)) firstChange.set(identity, change);
  }
  const existedAtSnapshot = [...firstChange.values()]
    .filter((c) => c.operation === 'delete' && (c.tuple.expiresAt === undefined || c.tuple.expiresAt > nowMs))
    .map((c) => c.tuple);
  return new OverlayTupleReader(current, { added: existedAtSnapshot, hidden: new Set(firstChange.keys()) });
}

/** By revision; within one revision a delete comes first (a replaced tuple is deleted, then written). */
function oldestFirstOrder(a: UndoableChange, b: UndoableChange): number {
  if (a.revision !== b.revision) return a.revision < b.revision ? -1 : 1;
  return a.operation === b.operation ? 0 : a.operation === 'delete' ? -1 : 1;
}
