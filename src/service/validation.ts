// Request validation shared by the use cases: ids, page sizes, names and tuple strings. Each
// failure is a ValidationError whose message names the request field (as OpenFGA's do).
import { ErrorCode, ValidationError } from '../model/index.js';

// Crockford base32 as OpenFGA's API pattern has it (no I, L, O, U).
const ulidPattern = /^[ABCDEFGHJKMNPQRSTVWXYZ0-9]{26}$/;
const storeNamePattern = /^[a-zA-Z0-9\s.\-/^_&@]{3,64}$/;
const relationPattern = /^[^:#@\s]{1,50}$/;
const typePattern = /^[^:#@\s]{1,254}$/;
const objectPattern = /^[^\s]{2,256}$/;
const maxContinuationTokenBytes = 5120;

/** `value` if it matches `pattern`; else OpenFGA's message, which quotes the API's pattern (`shown`). */
function requireMatch(value: string | undefined, field: string, pattern: RegExp, shown = pattern.source): string {
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

export function requireUserString(value: string | undefined, field: string): string {
  if (!value || /\s/.test(value) || value.length < 2 || Buffer.byteLength(value) > 512) {
    throw new ValidationError(ErrorCode.ValidationError, `invalid ${field}: value does not match regex pattern "^[^\\s]{2,512}$"`);
  }
  return value;
}

export function maxItems(count: number, max: number, field: string, code = ErrorCode.ValidationError): void {
  if (count > max) throw new ValidationError(code, `invalid ${field}: value must contain no more than ${max} item(s)`);
}
