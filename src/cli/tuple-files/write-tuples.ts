// Writes tuples in the formats `relata tuples import` reads back (jsonl, csv, yaml).
import { stringify } from 'yaml';
import type { TupleKey } from '../../model/index.js';
import { csvColumns, csvRow } from './csv.js';
import type { TupleFileFormat } from './read-tuples.js';

/**
 * The tuple in the `fga` tuple file shape, with its keys in a stable order. An expiring grant
 * keeps its expiry as `expires_at` (RFC 3339; Relata's store-file extension): a reader that does
 * not know the field refuses the line rather than load a permanent grant.
 */
export function tupleRecord(key: TupleKey & { expiresAt?: Date }): TupleKey & { expires_at?: string } {
  const record: TupleKey & { expires_at?: string } = { user: key.user, relation: key.relation, object: key.object };
  if (key.condition) record.condition = { name: key.condition.name, ...(key.condition.context ? { context: key.condition.context } : {}) };
  if (key.expiresAt) record.expires_at = key.expiresAt.toISOString();
  return record;
}

/** CSV has no column for an expiry: refusing beats writing an expiring grant as a permanent one. */
function csvLine(key: TupleKey & { expiresAt?: Date }): string {
  if (key.expiresAt) throw new Error(`tuple ${key.object}#${key.relation}@${key.user} expires at ${key.expiresAt.toISOString()}: CSV has no column for expires_at; export as jsonl or yaml`);
  return `${csvRow(key)}\n`;
}

export interface TupleFileWriter {
  /** Text before the first tuple ('' when none). */
  readonly header: string;
  /** One tuple, with its trailing newline. */
  tuple(key: TupleKey & { expiresAt?: Date }): string;
}

export function tupleFileWriter(format: TupleFileFormat): TupleFileWriter {
  switch (format) {
    case 'jsonl':
      return { header: '', tuple: (key) => `${JSON.stringify(tupleRecord(key))}\n` };
    case 'csv':
      return { header: `${csvColumns.join(',')}\n`, tuple: csvLine };
    case 'yaml':
      return { header: '', tuple: (key) => stringify([tupleRecord(key)]) };
  }
}
