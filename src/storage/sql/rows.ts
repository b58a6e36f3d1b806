// Row <-> value mapping for the SQL backends: the one place that narrows the drivers' untyped rows.
import type { AuthorizationModel } from '../../model/index.js';
import type { StoreRecord } from '../datastore.js';
import type { TupleColumns } from '../tuple-columns.js';
import type { SqlRow } from './sql-client.js';

/** Key columns as six parallel arrays, for `unnest($n::text[], ...)` batch statements. */
export function keyArrays(tuples: readonly TupleColumns[]): string[][] {
  const arrays: string[][] = [[], [], [], [], [], []];
  for (const t of tuples) {
    arrays[0].push(t.objectType);
    arrays[1].push(t.objectId);
    arrays[2].push(t.relation);
    arrays[3].push(t.userType);
    arrays[4].push(t.userId);
    arrays[5].push(t.userRelation);
  }
  return arrays;
}

export function conditionArrays(tuples: readonly TupleColumns[]): [(string | null)[], (string | null)[]] {
  return [
    tuples.map((t) => t.conditionName ?? null),
    tuples.map((t) => (t.conditionContext ? JSON.stringify(t.conditionContext) : null)),
  ];
}

function asContext(value: unknown): Record<string, unknown> | undefined {
  if (value === null || value === undefined) return undefined;
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
  // An empty context reads as none (without allocating a key list on the hot path).
  for (const _ in parsed) return parsed as Record<string, unknown>;
  return undefined;
}

/**
 * A tuple row selected with the columns of the `tuple` table (or the changelog). The engine's
 * reads leave out the object type and relation they filter on and pass them instead.
 */
export function rowToColumns(row: SqlRow, objectType = row.object_type as string, relation = row.relation as string): TupleColumns {
  const columns: TupleColumns = {
    objectType,
    objectId: row.object_id as string,
    relation,
    userType: row.user_type as string,
    userId: row.user_id as string,
    userRelation: row.user_relation as string,
  };
  return withCondition(columns, row);
}

/** Adds the row's condition (`condition_name`, `condition_context`) and expiry (`expires_at`, when selected) to key columns known otherwise. */
export function withCondition(columns: TupleColumns, row: SqlRow): TupleColumns {
  if (row.condition_name) {
    columns.conditionName = row.condition_name as string;
    const context = asContext(row.condition_context);
    if (context) columns.conditionContext = context;
  }
  if (row.expires_at !== null && row.expires_at !== undefined) columns.expiresAt = asDate(row.expires_at).getTime();
  return columns;
}

/** Expiries as one array for `$n::timestamptz[]` (null = never). */
export function expiryArray(tuples: readonly TupleColumns[]): (string | null)[] {
  return tuples.map((t) => (t.expiresAt === undefined ? null : new Date(t.expiresAt).toISOString()));
}

export function asDate(value: unknown): Date {
  return value instanceof Date ? value : new Date(String(value));
}

export function rowToStore(row: SqlRow): StoreRecord {
  return { id: row.id as string, name: row.name as string, createdAt: asDate(row.created_at), updatedAt: asDate(row.updated_at) };
}

export function rowToModel(row: SqlRow): AuthorizationModel {
  const json: unknown = typeof row.json === 'string' ? JSON.parse(row.json) : row.json;
  return { ...(json as AuthorizationModel), id: row.id as string };
}

export function asBigint(value: unknown): bigint {
  if (value === null || value === undefined) return 0n;
  return BigInt(value as string | number | bigint);
}
