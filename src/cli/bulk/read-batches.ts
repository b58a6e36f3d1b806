// The batches of an import as its tuple file gives them: each tuple with its line, a tuple
// repeated within a batch with the same condition and expiry dropped (counted), one repeated with
// another condition or expiry refused. Read on the main thread or on the import's reader thread
// (tuple-reader-worker.ts), which also checks each batch against the model.
import type { TupleKey } from '../../model/index.js';
import type { TupleFileRecord } from '../tuple-files/tuple-record.js';
import { readTupleFile, TupleFileError } from '../tuple-files/read-tuples.js';
import type { TupleFileFormat, TupleLine } from '../tuple-files/read-tuples.js';

export interface ReadBatch {
  keys: TupleFileRecord[];
  /** The file line of each key. */
  lines: number[];
  /** Tuples read into this batch, repeats included. */
  read: number;
  /** Of them, repeats dropped. */
  duplicates: number;
  /** File bytes read since the batch before. */
  bytes: number;
  /** Every key passed the model checks of TupleImport.prepareModelCheckedBatch. */
  modelChecked: boolean;
}

export interface ReadBatchesOptions {
  /** Tuples per batch (1..10 000). */
  batchSize: number;
  /** Start at this line (lines before it are skipped unread). */
  fromLine?: number;
}

export const tupleId = (key: TupleKey): string => `${key.object}\u0000${key.relation}\u0000${key.user}`;
// The condition and the expiry: what a repeat of a tuple must match to be a mere duplicate.
const conditionText = (key: TupleFileRecord): string =>
  key.condition || key.expiresAt ? JSON.stringify([key.condition?.name ?? '', key.condition?.context ?? {}, key.expiresAt ? Date.parse(key.expiresAt) || key.expiresAt : '']) : '';

class BatchBuilder {
  batch: ReadBatch = BatchBuilder.empty();
  // Each tuple's index in `keys`, while the batch is read (not kept once the batch is handed on:
  // a batch in flight kept 5,000 strings alive for an error that seldom comes, and the GC copied them).
  private byKey = new Map<string, number>();

  constructor(private readonly file: string) {}

  private static empty(): ReadBatch {
    return { keys: [], lines: [], read: 0, duplicates: 0, bytes: 0, modelChecked: false };
  }

  /** Adds a tuple unless the batch has it already; a repeat with another condition is an error. */
  add({ line, key }: TupleLine): void {
    const { batch } = this;
    batch.read++;
    const id = tupleId(key);
    const earlier = this.byKey.get(id);
    if (earlier !== undefined) {
      // The conditions compared only for a repeat (rare): no text per tuple.
      if (conditionText(batch.keys[earlier]) !== conditionText(key)) {
        throw new TupleFileError(this.file, line, `the same tuple as line ${batch.lines[earlier]} with a different condition or expires_at`);
      }
      batch.duplicates++;
      return;
    }
    this.byKey.set(id, batch.keys.length);
    batch.keys.push(key);
    batch.lines.push(line);
  }

  take(): ReadBatch {
    const { batch } = this;
    this.batch = BatchBuilder.empty();
    this.byKey = new Map();
    return batch;
  }
}

/** The file's batches, each of `batchSize` distinct tuples but the last. */
export async function* readBatches(file: string, format: TupleFileFormat, options: ReadBatchesOptions): AsyncGenerator<ReadBatch> {
  const builder = new BatchBuilder(file);
  for await (const tuples of readTupleFile(file, format, { fromLine: options.fromLine, onBytes: (n) => (builder.batch.bytes += n) })) {
    for (const tuple of tuples) {
      builder.add(tuple);
      if (builder.batch.keys.length >= options.batchSize) yield builder.take();
    }
  }
  if (builder.batch.read > 0 || builder.batch.bytes > 0) yield builder.take();
}
