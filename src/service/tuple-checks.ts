// Tuple validation at the service edge: the shape of a tuple string before anything else, and
// the model's type restrictions for tuples that will be stored (the same rules the engine applies
// to contextual tuples, so that a tuple Write accepts is one Check can use).
import { ErrorCode, ValidationError } from '../model/index.js';
import type { TupleKey } from '../model/index.js';
import { ModelIndex } from '../engine/model-index.js';
import { validateContextualTuple, validateRequestTuple } from '../engine/request-validation.js';
import type { ResolvedModel } from './model-resolver.js';

const objectPattern = /^[^:#@\s]+:[^#:\s]+$/;
const relationPattern = /^[^:#@*\s]{1,50}$/;
const userPattern = /^[^:#@\s]+:[^#:\s]+(#[^:#@*\s]+)?$/;

export function engineModel(resolved: ResolvedModel): ModelIndex {
  return resolved.memo('engine-model-index', (model) => new ModelIndex(model));
}

/** Shape only (no model): what a delete or an assertion key must look like. */
export function validateTupleShape(key: { object: string; relation: string; user: string }, field: string): void {
  const describe = `'${key.object}#${key.relation}@${key.user}'`;
  if (!key.object || !objectPattern.test(key.object) || key.object.length > 256) {
    throw new ValidationError(ErrorCode.InvalidTuple, `Invalid tuple ${describe}. Reason: invalid ${field}.object: must be of the form type:id`);
  }
  if (!key.relation || !relationPattern.test(key.relation)) {
    throw new ValidationError(ErrorCode.InvalidTuple, `Invalid tuple ${describe}. Reason: invalid ${field}.relation`);
  }
  if (!key.user || !userPattern.test(key.user) || Buffer.byteLength(key.user) > 512) {
    throw new ValidationError(ErrorCode.InvalidTuple, `Invalid tuple ${describe}. Reason: invalid ${field}.user: must be type:id, type:id#relation or type:*`);
  }
}

/** A tuple about to be written: the model's type restrictions and conditions (2027 / 2000). */
export function checkWriteTuple(resolved: ResolvedModel, key: TupleKey): void {
  validateContextualTuple(engineModel(resolved), key);
}

export function validateAssertionKey(key: { object: string; relation: string; user: string }, field: string): void {
  if (!key.object || !key.relation || !key.user) {
    throw new ValidationError(ErrorCode.ValidationError, `invalid ${field}: object, relation and user are required`);
  }
}

/** An assertion's key is checked like a Check request; its contextual tuples like writes. */
export function checkAssertionForModel(resolved: ResolvedModel, key: TupleKey, contextual: readonly TupleKey[]): void {
  validateRequestTuple(engineModel(resolved), key);
  for (const tuple of contextual) checkWriteTuple(resolved, tuple);
}
