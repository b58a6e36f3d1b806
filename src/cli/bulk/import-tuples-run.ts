// The engine of `relata tuples import` and `relata store import`: reads a tuple file, drops
// exact duplicates, and writes batches through a TupleImport session, up to its `concurrency`
// batches in flight while the next is read and validated (on a thread of its own if asked,
// tuple-reader-worker.ts). Batches are settled in file order and
// after each committed one the checkpoint records its last line, so a run that failed resumes
// after it (a batch whose predecessor failed writes nothing; batches are idempotent, so resuming
// earlier is harmless too).
import { resolve } from 'node:path';
import { ImportTupleError } from '../../service/index.js';
import type { PreparedImportBatch, TupleImport } from '../../service/index.js';
import { TupleAlreadyExistsError } from '../../storage/index.js';
import { TupleFileError } from '../tuple-files/read-tuples.js';
import type { TupleFileFormat } from '../tuple-files/read-tuples.js';
import { removeCheckpoint, writeCheckpoint } from './checkpoint.js';
import type { ProgressBar } from './progress.js';
import { readBatches, tupleId } from './read-batches.js';
import type { ReadBatch } from './read-batches.js';
import { workerBatches } from './worker-batches.js';

export const defaultImportBatchSize = 5000;

export interface ImportRunOptions {
  file: string;
  format: TupleFileFormat;
  /** Tuples per atomic batch (1..10 000). */
  batchSize?: number;
  /** Batches written at once; default and at most the session's concurrency. */
  concurrency?: number;
  /** Start at this line (lines before it are skipped unread). */
  fromLine?: number;
  /** Where to record progress; none = no checkpoint. */
  checkpointPath?: string;
  progress?: ProgressBar;
  /** Validate every line against the model; write nothing. */
  dryRun?: boolean;
  /**
   * Read and check the tuples on a thread of their own (not with dryRun): the main thread then
   * spends ~45% less per tuple, which bounds the import when the database has cores of its own;
   * on cores shared with PostgreSQL the thread's own cost made the import ~10% slower
   * (docs/benchmarks.md, "The import at 100k").
   */
  readerThread?: boolean;
}

export interface ImportRunResult {
  /** Tuples read (after fromLine), duplicates within the file included. */
  tuples: number;
  /** New tuples stored (undefined when the backend cannot tell). */
  inserted: number | undefined;
  /** Lines repeating a tuple of the same batch, with the same condition. */
  duplicates: number;
  batches: number;
  consistencyToken: string;
}

/** A batch's failure, told as the file line that caused it. */
function lineError(file: string, batch: ReadBatch, error: unknown): unknown {
  if (error instanceof ImportTupleError) return new TupleFileError(file, batch.lines[error.index] ?? 0, error.message);
  if (error instanceof TupleAlreadyExistsError) {
    const id = tupleId(error.tupleKey);
    const index = batch.keys.findIndex((key) => tupleId(key) === id);
    const line = index < 0 ? 0 : batch.lines[index];
    return new TupleFileError(file, line, `${error.message} (stored with a different condition or expires_at)`);
  }
  return error;
}

export async function runTupleImport(session: TupleImport, options: ImportRunOptions): Promise<ImportRunResult> {
  const { file, checkpointPath, progress } = options;
  const batchSize = options.batchSize ?? defaultImportBatchSize;
  const concurrency = Math.max(1, Math.min(options.concurrency ?? session.concurrency, session.concurrency));
  const result: ImportRunResult = { tuples: 0, inserted: 0, duplicates: 0, batches: 0, consistencyToken: '' };
  let committedTuples = 0;
  // Oldest first.
  const inFlight: { batch: ReadBatch; write: Promise<void> }[] = [];

  /** Waits for the oldest batch in flight and records it. */
  const settleOne = async (): Promise<void> => {
    const oldest = inFlight.shift();
    if (!oldest) return;
    const { batch, write } = oldest;
    await write;
    committedTuples += batch.keys.length;
    result.batches++;
    if (checkpointPath) writeCheckpoint(checkpointPath, { file: resolve(file), storeId: session.storeId, line: batch.lines.at(-1) ?? 0, tuples: committedTuples });
    progress?.committed(committedTuples);
  };
  const settle = async (): Promise<void> => {
    while (inFlight.length > 0) await settleOne();
  };
  const send = async (batch: ReadBatch): Promise<void> => {
    if (options.dryRun) {
      try {
        session.validate(batch.keys);
      } catch (error) {
        throw lineError(file, batch, error);
      }
      return;
    }
    // Validated while the batches before it are still being written (the database's work and
    // this process's overlap); a bad batch is reported once those have committed or failed.
    let prepared: PreparedImportBatch;
    try {
      prepared = batch.modelChecked ? session.prepareModelCheckedBatch(batch.keys) : session.prepareBatch(batch.keys);
    } catch (error) {
      await settle();
      throw lineError(file, batch, error);
    }
    while (inFlight.length >= concurrency) await settleOne();
    const write = prepared.write().then(
      (out) => {
        result.inserted = out.inserted === undefined || result.inserted === undefined ? undefined : result.inserted + out.inserted;
        result.consistencyToken = out.consistencyToken;
      },
      (error: unknown) => Promise.reject(lineError(file, batch, error)),
    );
    // Awaited by the next settle(); until then a rejection must not count as unhandled.
    write.catch(() => undefined);
    inFlight.push({ batch, write });
  };

  const read = { batchSize, fromLine: options.fromLine };
  const batches = options.readerThread && !options.dryRun
    ? workerBatches({ file, format: options.format, ...read, model: session.model, maxAhead: 4 })
    : readBatches(file, options.format, read);
  try {
    for await (const batch of batches) {
      progress?.addBytes(batch.bytes);
      result.tuples += batch.read;
      result.duplicates += batch.duplicates;
      if (batch.keys.length > 0) await send(batch);
    }
    await settle();
  } finally {
    // A failure while batches are in flight: wait for them, so the checkpoint is not behind the
    // store (after a failed one, the rest fail without writing: nothing more is recorded).
    for (;;) {
      try {
        await settle();
        break;
      } catch {
        // the next one
      }
    }
    progress?.finish();
  }
  if (checkpointPath && !options.dryRun) removeCheckpoint(checkpointPath);
  return result;
}
