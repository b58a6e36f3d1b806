// Request validation shared by the use cases: ids, page sizes, names and tuple strings. Each
// failure is a ValidationError whose message names the request field (as OpenFGA's do).
import { ErrorCode, ValidationError, identifierTextProblem, utf8Length } from '../model/index.js';

// Crockford base32 as OpenFGA's API pattern has it (no I, L, O, U).
const ulidPattern = /^[ABCDEFGHJKMNPQRSTVWXYZ0-9]{26}$/;
const storeNamePattern = /^[a-zA-Z0-9\s.\-/^_&@]{3,64}$/;
const relationPattern = /^[^:#@\s]{1,50}$/;
const typePattern = /^[^:#@\s]{1,254}$/;
const objectPattern = /^[^\s]{2,256}$/;
// An Object message's id (ListUsers): OpenFGA's pattern bounds the characters, not the length.
const objectIdPattern = /^[^#:\s]+$/;
const maxContinuationTokenBytes = 5120;
const maxUserBytes = 512;

/** OpenFGA's wording for a required field the request left empty. */
export function missingField(field: string): ValidationError {
  return new ValidationError(ErrorCode.ValidationError, `invalid ${field}: value is required`);
}

/** Throws naming `field` when `value` holds a control character or a lone surrogate (see model/identifier.ts). */
export function requireIdentifierText(value: string | undefined, field: string): void {
  const problem = value ? identifierTextProblem(value) : undefined;
  if (problem) throw new ValidationError(ErrorCode.ValidationError, `invalid ${field}: ${problem}`);
}

/** `value` if it matches `pattern`; else OpenFGA's message, which quotes the API's pattern (`shown`). */
function requireMatch(value: string | undefined, field: string, pattern: RegExp, shown = pattern.source): string {
  requireIdentifierText(value, field);
  if (!value || !pattern.test(value)) {
    throw new ValidationError(ErrorCode.ValidationError, `invalid ${field}: value does not match regex pattern "${shown}"`);
  }
  return value;
}

export function requireUlid(value: string | undefined, field: string): string {
  return requireMatch(value, field, ulidPattern);
}

/** An optional ULID (e.g. authorization_model_id): '' and undefined mean "not given". */
export function optionalUlid(value: string | undefined, field: string): string | undefined {
  return value ? requireUlid(value, field) : undefined;
}

export function requireStoreName(value: string | undefined, field = 'name'): string {
  return requireMatch(value, field, storeNamePattern, '^[a-zA-Z0-9\\s\\.\\-\\/^_&@]{3,64}$');
}

export function pageSize(value: number | undefined, defaultSize: number, field = 'page_size', max = 100): number {
  if (value === undefined || value === 0) return defaultSize;
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new ValidationError(ErrorCode.PageSizeInvalid, `invalid ${field}: value must be inside range [1, ${max}]`);
  }
  return value;
}

export function continuationToken(value: string | undefined, field = 'continuation_token'): string | undefined {
  if (!value) return undefined;
  if (Buffer.byteLength(value) > maxContinuationTokenBytes || !/^[A-Za-z0-9\-_]+={0,2}$/.test(value)) {
    throw new ValidationError(ErrorCode.InvalidContinuationToken, `invalid ${field}: invalid continuation token`);
  }
  return value;
}

export function requireRelation(value: string | undefined, field: string): string {
  return requireMatch(value, field, relationPattern);
}

export function requireType(value: string | undefined, field: string): string {
  return requireMatch(value, field, typePattern);
}

export function requireObjectString(value: string | undefined, field: string): string {
  return requireMatch(value, field, objectPattern);
}

export function requireObjectId(value: string | undefined, field: string): string {
  return requireMatch(value, field, objectIdPattern, '[^#:\\s]+$');
}

export function requireUserString(value: string | undefined, field: string): string {
  requireIdentifierText(value, field);
  if (!value || /\s/.test(value) || value.length < 2 || utf8Length(value) > maxUserBytes) {
    throw new ValidationError(ErrorCode.ValidationError, `invalid ${field}: value does not match regex pattern "^[^\\s]{2,512}$"`);
  }
  return value;
}

export function maxItems(count: number, max: number, field: string, code = ErrorCode.ValidationError): void {
  if (count > max) throw new ValidationError(code, `invalid ${field}: value must contain no more than ${max} item(s)`);
}

/**
 * The API rules of a request's own tuple key (OpenFGA's TupleKeyWithoutCondition, checked before
 * anything else): object and relation patterns when given, user at most 512 UTF-8 bytes, and
 * no control characters or lone surrogates anywhere. `field` is e.g. `tuple_key`.
 */
export function requireTupleKeyFields(key: { object?: string; relation?: string; user?: string }, field: string): void {
  if (key.object) requireObjectString(key.object, `${field}.object`);
  if (key.relation) requireRelation(key.relation, `${field}.relation`);
  if (key.user) requireUserBytes(key.user, `${field}.user`);
}

/** A user field the API bounds only by size (`max_bytes: 512`), and by the identifier text rule. */
export function requireUserBytes(value: string, field: string): void {
  requireIdentifierText(value, field);
  if (utf8Length(value) > maxUserBytes) {
    throw new ValidationError(ErrorCode.ValidationError, `invalid ${field}: value length must be at most ${maxUserBytes} bytes`);
  }
}
