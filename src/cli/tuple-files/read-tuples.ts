// Reads a tuple file, each tuple with its line number, so that a bad line is reported as
// `file:line: message`. JSON lines and CSV are streamed (memory bounded by the chunk read and the
// longest line); YAML is one document and is parsed whole. Tuples come in chunks (those of one
// read), not one by one: an async step per tuple cost the import more than the parsing. A bad
// line ends its chunk: the tuples before it come first, then the error.
import { createReadStream, readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { isMap, isNode, isSeq, LineCounter, parseDocument } from 'yaml';
import { csvHeader, csvTuple } from './csv.js';
import { TupleRecordError, toTupleRecord } from './tuple-record.js';
import type { TupleFileRecord } from './tuple-record.js';

export type TupleFileFormat = 'jsonl' | 'csv' | 'yaml';
export const tupleFileFormats: readonly TupleFileFormat[] = ['jsonl', 'csv', 'yaml'];

/** A line longer than this is refused rather than buffered (a tuple is at most a few KiB). */
export const maxLineBytes = 1024 * 1024;

export interface TupleLine {
  /** 1-based line of the file where the tuple starts. */
  line: number;
  key: TupleFileRecord;
}

/** A file that cannot be read as tuples: `line` is 0 when the problem is not on one line. */
export class TupleFileError extends Error {
  constructor(readonly file: string, readonly line: number, readonly reason: string) {
    super(line > 0 ? `${file}:${line}: ${reason}` : `${file}: ${reason}`);
    this.name = 'TupleFileError';
  }
}

/** The format named by `--format`, else by the file's extension. */
export function tupleFileFormat(file: string, explicit?: string): TupleFileFormat {
  const name = (explicit ?? extname(file).slice(1)).toLowerCase();
  if (name === 'jsonl' || name === 'ndjson') return 'jsonl';
  if (name === 'csv') return 'csv';
  if (name === 'yaml' || name === 'yml') return 'yaml';
  const hint = explicit ? `--format '${explicit}'` : `extension '${extname(file) || '(none)'}'`;
  throw new TupleFileError(file, 0, `unknown tuple file format (${hint}); use .jsonl, .csv, .yaml or --format jsonl|csv|yaml`);
}

interface Line {
  line: number;
  text: string;
}

/** Lines of a file with their numbers, one read's worth at a time, streamed with back-pressure (no trailing \r). */
export async function* readLines(file: string, onBytes?: (bytes: number) => void): AsyncGenerator<Line[]> {
  let pending = '';
  let line = 0;
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 256 * 1024 })) {
    const text = chunk as string;
    onBytes?.(Buffer.byteLength(text));
    const lines: Line[] = [];
    let start = 0;
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', start)) {
      const piece = pending + text.slice(start, at);
      pending = '';
      start = at + 1;
      line++;
      if (piece.length > maxLineBytes) {
        yield lines;
        throw new TupleFileError(file, line, `line longer than ${maxLineBytes} bytes`);
      }
      lines.push({ line, text: piece.endsWith('\r') ? piece.slice(0, -1) : piece });
    }
    yield lines;
    pending += text.slice(start);
    if (pending.length > maxLineBytes) throw new TupleFileError(file, line + 1, `line longer than ${maxLineBytes} bytes`);
  }
  if (pending !== '') yield [{ line: line + 1, text: pending.endsWith('\r') ? pending.slice(0, -1) : pending }];
}

function atLine<T>(file: string, line: number, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof TupleRecordError) throw new TupleFileError(file, line, error.message);
    if (error instanceof SyntaxError) throw new TupleFileError(file, line, `invalid JSON: ${error.message}`);
    throw error;
  }
}

/** The tuples of a chunk of lines; a bad line: the tuples before it are yielded, then its error thrown. */
function* parseLines(lines: readonly Line[], parse: (line: Line) => TupleLine | undefined): Generator<TupleLine[]> {
  const out: TupleLine[] = [];
  try {
    for (const line of lines) {
      const tuple = parse(line);
      if (tuple) out.push(tuple);
    }
  } catch (error) {
    if (out.length > 0) yield out;
    throw error;
  }
  if (out.length > 0) yield out;
}

async function* readJsonl(file: string, fromLine: number, onBytes?: (bytes: number) => void): AsyncGenerator<TupleLine[]> {
  const parse = ({ line, text }: Line): TupleLine | undefined =>
    line < fromLine || text.trim() === '' ? undefined : { line, key: atLine(file, line, () => toTupleRecord(JSON.parse(text))) };
  for await (const lines of readLines(file, onBytes)) yield* parseLines(lines, parse);
}

async function* readCsv(file: string, fromLine: number, onBytes?: (bytes: number) => void): AsyncGenerator<TupleLine[]> {
  let header: Map<string, number> | undefined;
  const parse = ({ line, text }: Line): TupleLine | undefined => {
    if (text.trim() === '') return undefined;
    if (!header) {
      header = atLine(file, line, () => csvHeader(text));
      return undefined;
    }
    if (line < fromLine) return undefined;
    const columns = header;
    return { line, key: atLine(file, line, () => csvTuple(columns, text)) };
  };
  for await (const lines of readLines(file, onBytes)) yield* parseLines(lines, parse);
}

/** A YAML list of tuples, or a store file's `tuples:` list. */
function* readYaml(file: string, fromLine: number, onBytes?: (bytes: number) => void): Generator<TupleLine[]> {
  const text = readFileSync(file, 'utf8');
  onBytes?.(Buffer.byteLength(text));
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  const [first] = doc.errors;
  if (first) throw new TupleFileError(file, lines.linePos(first.pos[0]).line, first.message.split('\n')[0]);
  const list: unknown = isMap(doc.contents) ? doc.contents.get('tuples', true) : doc.contents;
  if (list === null || list === undefined) return;
  if (!isSeq(list)) throw new TupleFileError(file, 0, 'expected a list of tuples (or a store file with a tuples: list)');
  // One item at a time: a tuple's line is known only from its node.
  for (const item of list.items) {
    const range = isNode(item) ? item.range : undefined;
    const line = range ? lines.linePos(range[0]).line : 0;
    if (line < fromLine) continue;
    const value: unknown = isNode(item) ? item.toJSON() : item;
    yield [{ line, key: atLine(file, line, () => toTupleRecord(value)) }];
  }
}

export interface ReadTupleFileOptions {
  /** Skip the tuples that start before this line (a resumed import); default 1. */
  fromLine?: number;
  /** Called with the size of every chunk read, for a progress bar. */
  onBytes?: (bytes: number) => void;
}

/** The file's tuples in file order, in chunks (see the header). */
export function readTupleFile(file: string, format: TupleFileFormat, options: ReadTupleFileOptions = {}): AsyncIterable<TupleLine[]> | Iterable<TupleLine[]> {
  const fromLine = options.fromLine ?? 1;
  if (format === 'jsonl') return readJsonl(file, fromLine, options.onBytes);
  if (format === 'csv') return readCsv(file, fromLine, options.onBytes);
  return readYaml(file, fromLine, options.onBytes);
}
