// The main thread's side of the import's reader thread (tuple-reader-worker.ts): its batches as
// an async iterable, a file or model problem as the TupleFileError the main thread would have
// thrown. The thread is ended when the iteration ends, however it ends.
import type { AuthorizationModel } from '../../model/index.js';
import { startModuleWorker } from '../../runtime/module-worker.js';
import { TupleFileError } from '../tuple-files/read-tuples.js';
import type { TupleFileFormat } from '../tuple-files/read-tuples.js';
import type { ReadBatch } from './read-batches.js';
import type { TupleFileRecord } from '../tuple-files/tuple-record.js';

export interface TupleReaderInput {
  file: string;
  format: TupleFileFormat;
  batchSize: number;
  fromLine?: number;
  /** The model every tuple is checked against (the import session's). */
  model: AuthorizationModel;
  /** Batches read ahead of the main thread at most (memory: maxAhead × batchSize tuples). */
  maxAhead: number;
}

/**
 * A batch as it crosses to the main thread: its keys as one string, four fields a tuple (object,
 * relation, user, and the JSON of its condition and expiry or ''), and its lines as a transferred
 * array. Cloning 5,000 key objects cost the main thread ~0.35 µs a tuple, splitting this ~0.1.
 * The separator cannot occur in the first three fields (the reader checked them: no control
 * characters) nor in JSON text.
 */
export interface PackedBatch {
  keys: string;
  lines: Float64Array;
  read: number;
  duplicates: number;
  bytes: number;
}

const separator = '\n';

export function packBatch(batch: ReadBatch): PackedBatch {
  const fields: string[] = [];
  for (const key of batch.keys) {
    const extra = key.condition !== undefined || key.expiresAt !== undefined ? JSON.stringify([key.condition ?? null, key.expiresAt ?? null]) : '';
    fields.push(key.object, key.relation, key.user, extra);
  }
  return { keys: fields.join(separator), lines: Float64Array.from(batch.lines), read: batch.read, duplicates: batch.duplicates, bytes: batch.bytes };
}

export function unpackBatch(packed: PackedBatch): ReadBatch {
  const fields = packed.keys === '' ? [] : packed.keys.split(separator);
  const count = packed.lines.length;
  if (fields.length !== 4 * count) throw new Error(`the import's tuple reader sent ${fields.length} fields for ${count} tuples`);
  const keys: TupleFileRecord[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const key: TupleFileRecord = { object: fields[4 * i], relation: fields[4 * i + 1], user: fields[4 * i + 2] };
    const extra = fields[4 * i + 3];
    if (extra !== '') {
      const [condition, expiresAt] = JSON.parse(extra) as [TupleFileRecord['condition'] | null, string | null];
      if (condition) key.condition = condition;
      if (expiresAt !== null) key.expiresAt = expiresAt;
    }
    keys[i] = key;
  }
  return { keys, lines: Array.from(packed.lines), read: packed.read, duplicates: packed.duplicates, bytes: packed.bytes, modelChecked: true };
}

export type TupleReaderMessage =
  | { batch: PackedBatch }
  | { done: true }
  | { fileError: { file: string; line: number; reason: string } }
  | { internal: string };

type Received = TupleReaderMessage | { exited: number };

export async function* workerBatches(input: TupleReaderInput): AsyncGenerator<ReadBatch> {
  const worker = startModuleWorker(new URL('./tuple-reader-worker.js', import.meta.url), { workerData: input });
  const inbox: Received[] = [];
  let arrived: (() => void) | undefined;
  const receive = (message: Received): void => {
    inbox.push(message);
    arrived?.();
  };
  worker.on('message', receive);
  worker.on('error', (error) => receive({ internal: error.stack ?? error.message }));
  worker.on('exit', (code) => receive({ exited: code }));
  try {
    for (;;) {
      while (inbox.length === 0) await new Promise<void>((resolve) => (arrived = resolve));
      const message = inbox.shift()!;
      if ('batch' in message) {
        yield unpackBatch(message.batch);
        // Claimed: the thread may read one more ahead.
        worker.postMessage(1);
      } else if ('done' in message) return;
      else if ('fileError' in message) throw new TupleFileError(message.fileError.file, message.fileError.line, message.fileError.reason);
      else if ('internal' in message) throw new Error(`the import's tuple reader failed: ${message.internal}`);
      else throw new Error(`the import's tuple reader stopped (exit code ${message.exited})`);
    }
  } finally {
    await worker.terminate();
  }
}
