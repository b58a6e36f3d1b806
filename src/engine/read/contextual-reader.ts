// Contextual tuples: a request's own tuples overlaid on the store's, so that the evaluator sees
// one graph. A contextual tuple equal to a stored one replaces it (its condition is the one the
// caller sent for this request).
import type { TupleKey } from '../../model/index.js';
import { OverlayTupleReader } from './overlay-reader.js';
import { toRelationTuple, tupleIdentity } from '../../model/index.js';
import type { RelationTuple } from '../../model/index.js';
import type { TupleReader } from './tuple-reader.js';

export class ContextualTupleReader extends OverlayTupleReader {
  /** `tuples` must already be validated; malformed keys are skipped rather than guessed at. */
  constructor(inner: TupleReader, tuples: readonly TupleKey[]) {
    super(inner, { added: dedupe(tuples.map(toRelationTuple).filter((t): t is RelationTuple => t !== undefined)) });
  }
}

function dedupe(tuples: RelationTuple[]): RelationTuple[] {
  const seen = new Map<string, RelationTuple>();
  for (const t of tuples) if (!seen.has(tupleIdentity(t))) seen.set(tupleIdentity(t), t);
  return [...seen.values()];
}
