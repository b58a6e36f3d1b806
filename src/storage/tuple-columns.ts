// The column form of a tuple key, shared by every backend, so that parsing, ordering and the
// condition-equality rule are decided once.
import { ErrorCode, ValidationError, parseObject, preview } from '../model/index.js';
import type { TupleKey } from '../model/index.js';
import { toRelationTuple, toTupleKey } from '../model/index.js';
import type { RelationTuple } from '../model/index.js';

/** A tuple key split into the columns storage keys and indexes on: the engine's tuple shape. */
export type TupleColumns = RelationTuple;

/** The six key columns in storage order: (object_type, object_id, relation, user_type, user_id, user_relation). */
export type KeyTuple = [string, string, string, string, string, string];

/** The columns of a tuple key (with its expiry, when it has one), or a ValidationError naming the first malformed field. */
export function toColumns(key: TupleKey & { expiresAt?: Date }): TupleColumns {
  const columns = key.relation ? toRelationTuple(key) : undefined;
  if (columns) {
    if (key.expiresAt !== undefined) {
      const ms = key.expiresAt instanceof Date ? key.expiresAt.getTime() : Number.NaN;
      if (!Number.isFinite(ms)) throw new ValidationError(ErrorCode.InvalidTuple, `invalid 'expires_at' field: not a valid time (object '${preview(key.object)}')`);
      columns.expiresAt = ms;
    }
    return columns;
  }
  if (!parseObject(key.object)) throw new ValidationError(ErrorCode.InvalidTuple, `invalid 'object' field: '${preview(key.object)}' is not of the form type:id`);
  if (!key.relation) throw new ValidationError(ErrorCode.InvalidTuple, `invalid 'relation' field: it is empty (object '${preview(key.object)}')`);
  throw new ValidationError(ErrorCode.InvalidTuple, `invalid 'user' field: '${preview(key.user)}' is not of the form type:id or type:id#relation`);
}

export function keyTuple(c: TupleColumns): KeyTuple {
  return [c.objectType, c.objectId, c.relation, c.userType, c.userId, c.userRelation];
}

/** Identity of a tuple, condition excluded (a tuple exists at most once whatever its condition). */
export function keyString(c: TupleColumns): string {
  return keyTuple(c).join('\u0000');
}

/**
 * Code point order, which is also UTF-8 byte order: what PostgreSQL's "C" collation gives the
 * SQL backends, so every backend pages through tuples in the same order.
 */
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x < y ? -1 : 1;
    if (x > 0xffff) i++;
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

export function compareKeys(a: KeyTuple, b: KeyTuple): number {
  for (let i = 0; i < a.length; i++) {
    const c = compareText(a[i], b[i]);
    if (c !== 0) return c;
  }
  return 0;
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => compareText(a, b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

type ConditionColumns = Pick<TupleColumns, 'conditionName' | 'conditionContext'>;

/** OpenFGA's rule for on_duplicate 'ignore': same condition name and an equal context (none = {}). */
export function sameCondition(a: ConditionColumns, b: ConditionColumns): boolean {
  if ((a.conditionName ?? '') !== (b.conditionName ?? '')) return false;
  return canonicalJson(a.conditionContext ?? {}) === canonicalJson(b.conditionContext ?? {});
}

/** The tuple key of stored columns, with its expiry as a Date when it has one. */
export function toExpiringKey(c: TupleColumns): TupleKey & { expiresAt?: Date } {
  const key: TupleKey & { expiresAt?: Date } = toTupleKey(c);
  if (c.expiresAt !== undefined) key.expiresAt = new Date(c.expiresAt);
  return key;
}

/** Whether a tuple has expired at `nowMs` (an expiry is exclusive: at the instant it is gone). */
export function isExpired(c: Pick<TupleColumns, 'expiresAt'>, nowMs: number): boolean {
  return c.expiresAt !== undefined && c.expiresAt <= nowMs;
}

export function requireDistinct(keys: readonly TupleColumns[], field: 'writes' | 'deletes'): void {
  const seen = new Set<string>();
  for (const c of keys) {
    const id = keyString(c);
    if (seen.has(id)) {
      const k = toTupleKey(c);
      throw new ValidationError(
        ErrorCode.CannotAllowDuplicateTuplesInOneRequest,
        `duplicate tuple in '${field}': user: '${k.user}', relation: '${k.relation}', object: '${k.object}'`,
      );
    }
    seen.add(id);
  }
}
