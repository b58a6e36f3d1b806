// Tuple validation at the service edge: the shape of a tuple before anything else, and the
// model's type restrictions and conditions for tuples that will be stored (the model module's
// rules, with OpenFGA's codes: 2027 invalid tuple, 2021 type / 2022 relation not found).
import type { TupleKey } from '../model/index.js';
import { validateTupleAgainstModel, validateTupleForWrite, validateTupleKey } from '../model/tuple-validation.js';
import { validateRequestTuple } from '../engine/index.js';
import type { ResolvedModel } from './model-resolver.js';
import { missingField, requireTupleKeyFields } from './validation.js';

/** Syntax only (no model): what a delete must look like. */
export function validateTupleShape(key: TupleKey): void {
  validateTupleKey(key);
}

/** A tuple about to be written (or used as a contextual tuple). */
export function checkWriteTuple(resolved: ResolvedModel, key: TupleKey): void {
  validateTupleAgainstModel(resolved.typeSystem, key);
}

/** validateTupleShape then checkWriteTuple, the syntax checked once: the same error. */
export function checkWriteTupleWhole(resolved: ResolvedModel, key: TupleKey): void {
  validateTupleForWrite(resolved.typeSystem, key);
}

/** An assertion's key is checked like a Check request; its contextual tuples like writes. */
export function checkAssertionForModel(resolved: ResolvedModel, key: TupleKey, contextual: readonly TupleKey[]): void {
  validateRequestTuple(resolved.engine.model, key);
  for (const tuple of contextual) checkWriteTuple(resolved, tuple);
}

export function validateAssertionKey(key: { object: string; relation: string; user: string }, field: string): void {
  for (const part of ['object', 'relation', 'user'] as const) if (!key[part]) throw missingField(`${field}.${part}`);
  requireTupleKeyFields(key, field);
}
