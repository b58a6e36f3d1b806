// google.protobuf well-known types <-> plain values: Struct <-> JSON object, Timestamp <-> Date,
// Int32Value <-> number.
import { ErrorCode, ValidationError, newDict } from '../../model/index.js';
import type { Int32Value__Output } from './generated/google/protobuf/Int32Value.js';
import type { ListValue__Output } from './generated/google/protobuf/ListValue.js';
import type { Struct, Struct__Output } from './generated/google/protobuf/Struct.js';
import type { Timestamp, Timestamp__Output } from './generated/google/protobuf/Timestamp.js';
import type { Value, Value__Output } from './generated/google/protobuf/Value.js';

export function structToJson(struct: Struct__Output | null | undefined): Record<string, unknown> | undefined {
  if (!struct) return undefined;
  // Field names are the caller's (`__proto__` included): a prototype-free object keeps each one a key.
  const out = newDict<unknown>();
  for (const [key, value] of Object.entries(struct.fields ?? {})) out[key] = valueToJson(value);
  return out;
}

function listToJson(list: ListValue__Output | null | undefined): unknown[] {
  return (list?.values ?? []).map(valueToJson);
}

function valueToJson(value: Value__Output | null | undefined): unknown {
  if (!value) return null;
  switch (value.kind) {
    case 'nullValue':
      return null;
    case 'numberValue':
      return value.numberValue ?? 0;
    case 'stringValue':
      return value.stringValue ?? '';
    case 'boolValue':
      return value.boolValue ?? false;
    case 'structValue':
      return structToJson(value.structValue) ?? {};
    case 'listValue':
      return listToJson(value.listValue);
    default:
      return null;
  }
}

export function jsonToStruct(json: Record<string, unknown> | undefined): Struct | null {
  if (!json) return null;
  const fields = newDict<Value>();
  for (const [key, value] of Object.entries(json)) fields[key] = jsonToValue(value);
  return { fields };
}

function jsonToValue(value: unknown): Value {
  if (value === null || value === undefined) return { nullValue: 'NULL_VALUE' };
  if (typeof value === 'number') return { numberValue: value };
  if (typeof value === 'bigint') return { numberValue: Number(value) };
  if (typeof value === 'string') return { stringValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  if (Array.isArray(value)) return { listValue: { values: value.map(jsonToValue) } };
  if (value instanceof Date) return { stringValue: value.toISOString() };
  if (typeof value === 'object') return { structValue: jsonToStruct(value as Record<string, unknown>) };
  return { stringValue: String(value) };
}

export function dateToTimestamp(date: Date): Timestamp {
  const ms = date.getTime();
  const seconds = Math.floor(ms / 1000);
  return { seconds: String(seconds), nanos: (ms - seconds * 1000) * 1_000_000 };
}

export function timestampToDate(ts: Timestamp__Output | null | undefined, field: string): Date | undefined {
  if (!ts) return undefined;
  const seconds = Number(ts.seconds);
  if (!Number.isFinite(seconds)) throw new ValidationError(ErrorCode.ValidationError, `invalid ${field}: not a timestamp`);
  if (seconds === 0 && !ts.nanos) return undefined;
  return new Date(seconds * 1000 + Math.floor((ts.nanos ?? 0) / 1_000_000));
}

export function int32Value(value: Int32Value__Output | null | undefined): number | undefined {
  return value ? value.value : undefined;
}
