// Validation of relation tuples: first their syntax (`type:id`, relation, the three user forms,
// OpenFGA's length limits), then against a model's type system (type and relation exist, the
// user's type / wildcard / userset and the tuple's condition are allowed by the relation's
// directly related user types). Reasons and codes follow OpenFGA (pkg/tuple, internal/validation).

import { ErrorCode, ValidationError } from './errors.js';
import { codePointLength, identifierTextProblem, jsonTextProblem, preview, utf8Length } from './identifier.js';
import { isValidRelationName } from './naming-rules.js';
import type { TupleKey } from './tuple.js';
import { TypeSystem } from './type-system.js';
import type { UserTypeRef } from './type-system.js';
import type { AuthorizationModel } from './types.js';

export const MAX_OBJECT_LENGTH = 256;
export const MAX_RELATION_LENGTH = 50;
export const MAX_USER_LENGTH = 512;

const OBJECT = /^[^:#\s]+:[^#:\s]+$/;
const RELATION = /^[^:#@\s]+$/;
const USER_ID = /^[^:#\s]+$/;
const USERSET = /^[^:#\s]+:[^#:\s]+#[^:#\s]+$/;
const CONDITION_NAME = /^[^*\s]{1,50}$/;

/**
 * Why a tuple was rejected. OpenFGA answers every one of them with InvalidTuple (2027) on writes
 * and contextual tuples; `kind` lets an API that reports some problems separately pick its code
 * without reading the (caller-influenced) reason: TypeNotFound (2021) / RelationNotFound (2022)
 * through `tupleProblemCode`, ObjectTooLong / RelationTooLong on writes, and a condition problem
 * (OpenFGA's InvalidConditionalTupleError) as a validation error on contextual tuples.
 */
export type TupleProblemKind =
  | 'invalid-tuple'
  | 'type-not-found'
  | 'relation-not-found'
  | 'object-too-long'
  | 'relation-too-long'
  | 'invalid-condition';

export interface TupleProblem {
  kind: TupleProblemKind;
  reason: string;
}

const CODES: Record<TupleProblemKind, ErrorCode> = {
  'invalid-tuple': ErrorCode.InvalidTuple,
  'type-not-found': ErrorCode.TypeNotFound,
  'relation-not-found': ErrorCode.RelationNotFound,
  'object-too-long': ErrorCode.ObjectTooLong,
  'relation-too-long': ErrorCode.RelationTooLong,
  'invalid-condition': ErrorCode.InvalidTuple,
};

/** The distinct OpenFGA code of a problem kind (2027 / 2021 / 2022 / 2043 / 2044). */
export function tupleProblemCode(kind: TupleProblemKind): ErrorCode {
  return CODES[kind];
}

/** A rejected tuple: `Invalid tuple 'object#relation@user'. Reason: …` (OpenFGA's wording). */
export class InvalidTupleError extends ValidationError {
  readonly kind: TupleProblemKind;
  readonly reason: string;
  readonly tupleKey: TupleKey;

  constructor(key: TupleKey, problem: TupleProblem, code: ErrorCode = ErrorCode.InvalidTuple) {
    super(code, `Invalid tuple '${tupleKeyString(key)}'. Reason: ${problem.reason}`);
    this.name = 'InvalidTupleError';
    this.kind = problem.kind;
    this.reason = problem.reason;
    this.tupleKey = key;
  }
}

// Each part is cut short: the tuple comes from the caller and may be 64 KiB long.
function tupleKeyString(key: TupleKey): string {
  return `${preview(key.object)}#${preview(key.relation)}@${preview(key.user)}`;
}

const invalid = (reason: string): TupleProblem => ({ kind: 'invalid-tuple', reason });
const conditionProblem = (reason: string): TupleProblem => ({ kind: 'invalid-condition', reason });

/** A problem of the text itself (control character, lone surrogate) in one of the key's fields. */
function textProblem(key: TupleKey): TupleProblem | undefined {
  for (const field of ['object', 'relation', 'user'] as const) {
    const problem = identifierTextProblem(key[field]);
    if (problem) return invalid(`the '${field}' field ${problem}`);
  }
  const name = key.condition?.name;
  const problem = typeof name === 'string' ? identifierTextProblem(name) : undefined;
  return problem ? conditionProblem(`the 'condition.name' field ${problem}`) : undefined;
}

/** Syntax problems of a tuple key (no model needed), or undefined when well-formed. */
export function tupleKeySyntaxProblem(key: TupleKey): TupleProblem | undefined {
  const { object, relation, user } = key;
  if (typeof object !== 'string' || object === '') return invalid("the 'object' field is required");
  if (typeof relation !== 'string' || relation === '') return invalid("the 'relation' field is required");
  if (typeof user !== 'string' || user === '') return invalid("the 'user' field is required");
  // Lengths as OpenFGA's API counts them: patterns in code points, the user's max_bytes in UTF-8.
  // A string has at most as many code points as UTF-16 units and at most 3 UTF-8 bytes per unit,
  // so short strings (nearly all) are not walked.
  if (object.length > MAX_OBJECT_LENGTH && codePointLength(object) > MAX_OBJECT_LENGTH) {
    return { kind: 'object-too-long', reason: `the 'object' field must be at most ${MAX_OBJECT_LENGTH} characters` };
  }
  if (relation.length > MAX_RELATION_LENGTH && codePointLength(relation) > MAX_RELATION_LENGTH) {
    return { kind: 'relation-too-long', reason: `the 'relation' field must be at most ${MAX_RELATION_LENGTH} characters` };
  }
  if (user.length * 3 > MAX_USER_LENGTH && utf8Length(user) > MAX_USER_LENGTH) return invalid(`the 'user' field must be at most ${MAX_USER_LENGTH} bytes`);
  const text = textProblem(key);
  if (text) return text;
  if (!isValidUserString(user)) return invalid("the 'user' field is malformed");
  if (!OBJECT.test(object)) return invalid("invalid 'object' field format");
  if (!RELATION.test(relation) || !isValidRelationName(relation)) return invalid("the 'relation' field is malformed");
  const condition = key.condition;
  if (condition !== undefined) {
    if (typeof condition?.name !== 'string' || !CONDITION_NAME.test(condition.name)) return conditionProblem("the 'condition.name' field is malformed");
    const context: unknown = condition.context;
    if (context !== undefined && (typeof context !== 'object' || context === null || Array.isArray(context))) {
      return conditionProblem("the 'condition.context' field must be an object");
    }
    const contextText = jsonTextProblem(context);
    if (contextText) return conditionProblem(`the 'condition.context' field ${contextText}`);
  }
  return undefined;
}

function isValidUserString(user: string): boolean {
  // At most one ':' and one '#' (single UTF-16 units, so no code point walk is needed).
  const colon = user.indexOf(':');
  const hash = user.indexOf('#');
  if (colon !== user.lastIndexOf(':') || hash !== user.lastIndexOf('#')) return false;
  // The one form the separators allow: `id` (or `*`), `type:id`, or `type:id#relation`.
  if (colon < 0) return hash < 0 && USER_ID.test(user);
  return hash < 0 ? OBJECT.test(user) : USERSET.test(user);
}

// A syntax problem's code: ObjectTooLong / RelationTooLong have their own, the rest InvalidTuple.
const syntaxCode = (kind: TupleProblemKind): ErrorCode => (kind === 'object-too-long' || kind === 'relation-too-long' ? tupleProblemCode(kind) : ErrorCode.InvalidTuple);

/** Throws InvalidTupleError (code InvalidTuple 2027) when the key is not a well-formed tuple. */
export function validateTupleKey(key: TupleKey): void {
  const problem = tupleKeySyntaxProblem(key);
  if (problem) throw new InvalidTupleError(key, problem, syntaxCode(problem.kind));
}

/** Parses a syntactically valid user string into its type reference (`user`, `user:*`, `group#member`). */
function userTypeRef(user: string): UserTypeRef & { id: string } {
  const hash = user.indexOf('#');
  const objectPart = hash >= 0 ? user.slice(0, hash) : user;
  const colon = objectPart.indexOf(':');
  const type = colon >= 0 ? objectPart.slice(0, colon) : '';
  const id = colon >= 0 ? objectPart.slice(colon + 1) : objectPart;
  if (hash >= 0) return { type, id, relation: user.slice(hash + 1) };
  return id === '*' ? { type, id, wildcard: true } : { type, id };
}

/**
 * Model problems of a well-formed tuple key, in OpenFGA's order: user, object, relation,
 * tupleset restrictions, type restrictions, condition. Undefined when the tuple may be written.
 */
export function tupleModelProblem(ts: TypeSystem, key: TupleKey): TupleProblem | undefined {
  const syntax = tupleKeySyntaxProblem(key);
  if (syntax) return syntax;
  const user = userTypeRef(key.user);
  if (!user.type) {
    return invalid("the 'user' field must be an object (e.g. document:1), an 'object#relation' or a typed wildcard (e.g. group:*)");
  }
  if (!ts.hasType(user.type)) return { kind: 'type-not-found', reason: `type '${preview(user.type)}' not found` };
  if (user.relation && !ts.hasRelation(user.type, user.relation)) {
    return { kind: 'relation-not-found', reason: `relation '${user.type}#${preview(user.relation)}' not found` };
  }

  const colon = key.object.indexOf(':');
  const objectType = key.object.slice(0, colon);
  if (key.object.slice(colon + 1) === '*') return invalid("the 'object' field cannot reference a typed wildcard");
  if (!ts.hasType(objectType)) return { kind: 'type-not-found', reason: `type '${preview(objectType)}' not found` };
  const relation = ts.relation(objectType, key.relation);
  if (!relation) return { kind: 'relation-not-found', reason: `relation '${objectType}#${preview(key.relation)}' not found` };

  const target = `${objectType}#${key.relation}`;
  if (relation.tupleset) {
    if (!('this' in relation.rewrite)) return invalid(`unexpected rewrite encountered with tupelset relation '${target}'`);
    if (user.relation) return invalid(`unexpected userset encountered with tupelset relation '${target}'`);
    if (user.wildcard) return invalid(`unexpected wildcard relationship with tupleset relation '${target}'`);
  }

  if (relation.directlyRelatedUserTypes.length === 0) {
    return invalid(`relation '${target}' is not directly assignable (it has no type restrictions)`);
  }
  const matching = ts.matchingRestrictions(objectType, key.relation, user);
  if (matching.length === 0) {
    if (user.relation) return invalid(`type '${user.type}#${user.relation}' is not an allowed type restriction for '${target}'`);
    if (user.wildcard) return invalid(`the typed wildcard '${preview(key.user)}' is not an allowed type restriction for '${target}'`);
    return invalid(`type '${user.type}' is not an allowed type restriction for '${target}'`);
  }

  const conditionName = key.condition?.name;
  if (!conditionName) {
    if (!matching.some((ref) => !ref.condition)) return conditionProblem(`condition is missing: '${target}' requires a condition for '${preview(key.user)}'`);
    return undefined;
  }
  const condition = ts.condition(conditionName);
  if (!condition) return conditionProblem(`undefined condition '${preview(conditionName)}'`);
  if (!matching.some((ref) => ref.condition === conditionName)) return conditionProblem('invalid condition for type restriction');
  for (const param of Object.keys(key.condition?.context ?? {})) {
    if (!Object.hasOwn(condition.parameters ?? {}, param)) return conditionProblem(`found invalid context parameter: ${preview(param)}`);
  }
  return undefined;
}

/**
 * validateTupleKey, then validateTupleAgainstModel with its default code, in one pass (the syntax
 * is checked once): the same error the two calls throw. The bulk import's check per tuple.
 */
export function validateTupleForWrite(ts: TypeSystem, key: TupleKey): void {
  const problem = tupleModelProblem(ts, key);
  // A model problem is never of a too-long kind: syntaxCode gives it InvalidTuple, as validateTupleAgainstModel does.
  if (problem) throw new InvalidTupleError(key, problem, syntaxCode(problem.kind));
}

/**
 * Throws InvalidTupleError when the tuple may not be written under the model, with code
 * InvalidTuple 2027 as OpenFGA's Write and contextual tuples do (pass `code` to answer
 * otherwise, e.g. ValidationError 2000 for a Check request's own tuple key).
 */
export function validateTupleAgainstModel(model: TypeSystem | AuthorizationModel, key: TupleKey, code?: ErrorCode): void {
  const ts = model instanceof TypeSystem ? model : new TypeSystem(model);
  const problem = tupleModelProblem(ts, key);
  if (problem) throw new InvalidTupleError(key, problem, code);
}
