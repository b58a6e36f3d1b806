// One tuple as the `fga` CLI's tuple files hold it ({user, relation, object, condition?}, plus
// Relata's `expires_at`), checked for shape only: what the fields mean is the model's business,
// and whether the expiry is a valid future time the import's (it validates both).
import type { TupleKey } from '../../model/index.js';

/** A tuple of a file; `expiresAt` is the line's `expires_at` text, unparsed. */
export type TupleFileRecord = TupleKey & { expiresAt?: string };

/** A line (or YAML item) that is not a tuple; the reader adds the line number. */
export class TupleRecordError extends Error {}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const allowedKeys = new Set(['user', 'relation', 'object', 'condition', 'expires_at']);

/** A parsed JSON / YAML value as a TupleKey, or TupleRecordError naming the field. */
export function toTupleRecord(value: unknown): TupleFileRecord {
  if (!isObject(value)) throw new TupleRecordError('expected an object with user, relation and object');
  for (const key of Object.keys(value)) if (!allowedKeys.has(key)) throw new TupleRecordError(`unknown field '${key.slice(0, 64)}'`);
  for (const field of ['user', 'relation', 'object'] as const) {
    if (typeof value[field] !== 'string' || value[field] === '') throw new TupleRecordError(`'${field}' must be a non-empty string`);
  }
  const tuple: TupleFileRecord = { user: value.user as string, relation: value.relation as string, object: value.object as string };
  const condition = value.condition;
  if (condition !== undefined && condition !== null) {
    if (!isObject(condition) || typeof condition.name !== 'string' || condition.name === '') throw new TupleRecordError("'condition.name' must be a non-empty string");
    for (const key of Object.keys(condition)) if (key !== 'name' && key !== 'context') throw new TupleRecordError(`unknown field 'condition.${key.slice(0, 64)}'`);
    if (condition.context !== undefined && condition.context !== null && !isObject(condition.context)) throw new TupleRecordError("'condition.context' must be an object");
    tuple.condition = { name: condition.name, ...(isObject(condition.context) ? { context: condition.context } : {}) };
  }
  const expiresAt = value.expires_at;
  if (expiresAt !== undefined && expiresAt !== null) {
    // A YAML timestamp may arrive as a Date when a schema with timestamps was used.
    if (expiresAt instanceof Date && Number.isFinite(expiresAt.getTime())) tuple.expiresAt = expiresAt.toISOString();
    else if (typeof expiresAt === 'string' && expiresAt !== '') tuple.expiresAt = expiresAt;
    else throw new TupleRecordError("'expires_at' must be an RFC 3339 timestamp string, e.g. 2030-01-01T00:00:00Z");
  }
  return tuple;
}
