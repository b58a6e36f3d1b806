// The checks OpenFGA makes before evaluating: the request's own tuple is validated loosely (any
// failure is a 2000 validation error), contextual tuples strictly, as if written (2027 for a
// tuple that breaks the model, 2000 for a condition problem).

import type { TupleKey } from '../model/index.js';
import {
  ErrorCode,
  InvalidTupleError,
  MAX_OBJECT_LENGTH,
  MAX_RELATION_LENGTH,
  MAX_USER_LENGTH,
  ValidationError,
  codePointLength,
  identifierTextProblem,
  preview,
  tupleModelProblem,
  utf8Length,
} from '../model/index.js';
import type { ModelIndex } from './model-index.js';

const objectPattern = /^[^:#@\s]+:[^#:\s]+$/;
const usersetPattern = /^[^:#@\s]+:[^#:*\s]+#[^:#@*\s]+$/;
const relationPattern = /^[^:#@*\s]+$/;

/** Why `user` is not a valid user for this model, or undefined when it is. */
function userProblem(model: ModelIndex, user: string): string | undefined {
  if (!user) return "the 'user' field is required";
  if (count(user, ':') !== 1 || count(user, '#') > 1) return `the 'user' field '${preview(user)}' is malformed`;
  const hash = user.indexOf('#');
  if (hash >= 0) {
    if (!usersetPattern.test(user)) return `the 'user' field '${preview(user)}' must be an object (type:id), a userset (type:id#relation) or a typed wildcard (type:*)`;
    const type = user.slice(0, user.indexOf(':'));
    const relation = user.slice(hash + 1);
    if (!model.hasType(type)) return `type '${preview(type)}' in the 'user' field is not defined in the authorization model`;
    if (!model.hasRelation(type, relation)) return `relation '${type}#${preview(relation)}' in the 'user' field is not defined in the authorization model`;
    return undefined;
  }
  if (!objectPattern.test(user)) return `the 'user' field '${preview(user)}' must be an object (type:id), a userset (type:id#relation) or a typed wildcard (type:*)`;
  const type = user.slice(0, user.indexOf(':'));
  if (!model.hasType(type)) return `type '${preview(type)}' in the 'user' field is not defined in the authorization model`;
  return undefined;
}

function objectProblem(model: ModelIndex, object: string, field = 'object'): string | undefined {
  if (!object) return `the '${field}' field is required`;
  if (!objectPattern.test(object)) return `the '${field}' field '${preview(object)}' must be of the form type:id`;
  const [type, id] = splitObject(object);
  if (id === '*') return `the '${field}' field cannot be a typed wildcard`;
  if (!model.hasType(type)) return `type '${preview(type)}' in the '${field}' field is not defined in the authorization model`;
  return undefined;
}

function relationProblem(model: ModelIndex, object: string, relation: string): string | undefined {
  if (!relation) return "the 'relation' field is required";
  if (!relationPattern.test(relation)) return `the 'relation' field '${preview(relation)}' is malformed`;
  const [type] = splitObject(object);
  if (!model.hasRelation(type, relation)) return `relation '${type}#${preview(relation)}' in the 'relation' field is not defined in the authorization model`;
  return undefined;
}

/** Validates the (object, relation, user) of a Check/Expand-like request: any problem is a 2000. */
export function validateRequestTuple(model: ModelIndex, key: { object: string; relation: string; user?: string }): void {
  // The API's field limits (OpenFGA checks them before anything else, as proto validation):
  // patterns count code points, the user's max_bytes counts UTF-8 bytes.
  const tooLong =
    codePointLength(key.object ?? '') > MAX_OBJECT_LENGTH
      ? `the 'object' field must be at most ${MAX_OBJECT_LENGTH} characters`
      : codePointLength(key.relation ?? '') > MAX_RELATION_LENGTH
        ? `the 'relation' field must be at most ${MAX_RELATION_LENGTH} characters`
        : utf8Length(key.user ?? '') > MAX_USER_LENGTH
          ? `the 'user' field must be at most ${MAX_USER_LENGTH} bytes`
          : undefined;
  if (tooLong) throw new ValidationError(ErrorCode.ValidationError, tooLong);
  requireIdentifierText(key.object, 'object');
  requireIdentifierText(key.relation, 'relation');
  requireIdentifierText(key.user, 'user');
  const problem =
    (key.user === undefined ? undefined : userProblem(model, key.user)) ??
    objectProblem(model, key.object) ??
    relationProblem(model, key.object, key.relation);
  if (problem) throw new ValidationError(ErrorCode.ValidationError, problem);
}

/** Throws ValidationError (2000) naming `field` when a request string holds a control character or a lone surrogate. */
export function requireIdentifierText(value: string | undefined, field: string): void {
  const problem = value ? identifierTextProblem(value) : undefined;
  if (problem) throw new ValidationError(ErrorCode.ValidationError, `invalid '${field}' value: ${problem}`);
}

/**
 * Validates a contextual tuple as a Write would (the model layer's rules): 2027 for a tuple the
 * model does not allow, 2000 for a problem with its condition (OpenFGA's
 * InvalidConditionalTupleError is a validation error, not an invalid tuple). The code follows
 * the problem's kind, never its text, which quotes names the caller chose.
 */
export function validateContextualTuple(model: ModelIndex, key: TupleKey): void {
  const problem = tupleModelProblem(model.typeSystem, key);
  if (!problem) return;
  const code = problem.kind === 'invalid-condition' ? ErrorCode.ValidationError : ErrorCode.InvalidTuple;
  throw new InvalidTupleError(key, problem, code);
}

function splitObject(value: string): [string, string] {
  const colon = value.indexOf(':');
  return colon < 0 ? [value, ''] : [value.slice(0, colon), value.slice(colon + 1)];
}

function count(value: string, char: string): number {
  let n = 0;
  for (const c of value) if (c === char) n += 1;
  return n;
}
