// Writes tuples in the formats `relata tuples import` reads back (jsonl, csv, yaml).
import { stringify } from 'yaml';
import type { TupleKey } from '../../model/index.js';
import { csvColumns, csvRow } from './csv.js';
import type { TupleFileFormat } from './read-tuples.js';

/** The tuple in the `fga` tuple file shape, with its keys in a stable order. */
export function tupleRecord(key: TupleKey): TupleKey {
  const record: TupleKey = { user: key.user, relation: key.relation, object: key.object };
  if (key.condition) record.condition = { name: key.condition.name, ...(key.condition.context ? { context: key.condition.context } : {}) };
  return record;
}

export interface TupleFileWriter {
  /** Text before the first tuple ('' when none). */
  readonly header: string;
  /** One tuple, with its trailing newline. */
  tuple(key: TupleKey): string;
}

export function tupleFileWriter(format: TupleFileFormat): TupleFileWriter {
  switch (format) {
    case 'jsonl':
      return { header: '', tuple: (key) => `${JSON.stringify(tupleRecord(key))}\n` };
    case 'csv':
      return { header: `${csvColumns.join(',')}\n`, tuple: (key) => `${csvRow(key)}\n` };
    case 'yaml':
      return { header: '', tuple: (key) => stringify([tupleRecord(key)]) };
  }
}
