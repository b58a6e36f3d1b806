// Tuples in the `fga` CLI's CSV layout: a header naming the columns user_type, user_id,
// user_relation, relation, object_type, object_id, condition_name, condition_context (any order;
// the last three optional), then one tuple per line. Cells may be double-quoted ("" escapes a
// quote); a condition context is a JSON object in one cell. CSV has no expiry column: a row with
// an `expires_at` cell is refused (never loaded as a permanent grant); use JSON lines or YAML.
import type { TupleKey } from '../../model/index.js';
import { TupleRecordError } from './tuple-record.js';

export const csvColumns = ['user_type', 'user_id', 'user_relation', 'relation', 'object_type', 'object_id', 'condition_name', 'condition_context'] as const;
const requiredColumns = ['user_type', 'user_id', 'relation', 'object_type', 'object_id'];

/** Splits one CSV row, honouring double-quoted cells (condition contexts hold commas). */
export function splitCsvRow(row: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < row.length; i++) {
    const char = row[i];
    if (quoted) {
      if (char === '"' && row[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      cells.push(cell);
      cell = '';
    } else cell += char;
  }
  if (quoted) throw new TupleRecordError('unterminated quoted cell');
  cells.push(cell);
  return cells;
}

/** The column positions of a header row; TupleRecordError when a required column is missing. */
export function csvHeader(row: string): Map<string, number> {
  const columns = new Map(splitCsvRow(row).map((name, i) => [name.trim(), i] as const));
  const missing = requiredColumns.filter((name) => !columns.has(name));
  if (missing.length > 0) throw new TupleRecordError(`the CSV header lacks the column(s) ${missing.join(', ')}`);
  return columns;
}

/** One data row as a tuple (shape only). */
export function csvTuple(header: Map<string, number>, row: string): TupleKey {
  const cells = splitCsvRow(row);
  const get = (name: string): string => {
    const at = header.get(name);
    return at === undefined ? '' : (cells[at] ?? '').trim();
  };
  const userRelation = get('user_relation');
  const tuple: TupleKey = {
    user: `${get('user_type')}:${get('user_id')}${userRelation ? `#${userRelation}` : ''}`,
    relation: get('relation'),
    object: `${get('object_type')}:${get('object_id')}`,
  };
  if (get('expires_at') !== '') throw new TupleRecordError("'expires_at' is not supported in CSV files (the tuple would lose its expiry); import it from a .jsonl or .yaml file");
  const condition = get('condition_name');
  const contextText = get('condition_context');
  if (condition) {
    let context: unknown;
    if (contextText) {
      try {
        context = JSON.parse(contextText);
      } catch {
        throw new TupleRecordError("'condition_context' is not valid JSON");
      }
      if (typeof context !== 'object' || context === null || Array.isArray(context)) throw new TupleRecordError("'condition_context' must be a JSON object");
    }
    tuple.condition = { name: condition, ...(context ? { context: context as Record<string, unknown> } : {}) };
  } else if (contextText) {
    throw new TupleRecordError("'condition_context' given without 'condition_name'");
  }
  return tuple;
}

function quote(cell: string): string {
  return /[",\r\n]/.test(cell) || cell !== cell.trim() ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/** A tuple as one CSV row in csvColumns' order. */
export function csvRow(key: TupleKey): string {
  const [userType, userRest] = splitOnce(key.user, ':');
  const [userId, userRelation] = splitOnce(userRest, '#');
  const [objectType, objectId] = splitOnce(key.object, ':');
  const context = key.condition?.context ? JSON.stringify(key.condition.context) : '';
  return [userType, userId, userRelation, key.relation, objectType, objectId, key.condition?.name ?? '', context].map(quote).join(',');
}

function splitOnce(value: string, separator: string): [string, string] {
  const at = value.indexOf(separator);
  return at < 0 ? [value, ''] : [value.slice(0, at), value.slice(at + 1)];
}
