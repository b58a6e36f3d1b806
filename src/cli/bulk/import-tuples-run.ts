// The engine of `relata tuples import` and `relata store import`: reads a tuple file, drops
// exact duplicates, and writes batches through a TupleImport session, up to its `concurrency`
// batches in flight while the next is read and validated. Batches are settled in file order and
// after each committed one the checkpoint records its last line, so a run that failed resumes
// after it (a batch whose predecessor failed writes nothing; batches are idempotent, so resuming
// earlier is harmless too).
import { resolve } from 'node:path';
import type { TupleKey } from '../../model/index.js';
import type { TupleFileRecord } from '../tuple-files/tuple-record.js';
import { ImportTupleError } from '../../service/index.js';
import type { PreparedImportBatch, TupleImport } from '../../service/index.js';
import { TupleAlreadyExistsError } from '../../storage/index.js';
import { readTupleFile, TupleFileError } from '../tuple-files/read-tuples.js';
import type { TupleFileFormat, TupleLine } from '../tuple-files/read-tuples.js';
import { removeCheckpoint, writeCheckpoint } from './checkpoint.js';
import type { ProgressBar } from './progress.js';

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

interface Batch {
  keys: TupleFileRecord[];
  lines: number[];
  /** Each tuple's index in `keys`, while the batch is read (released once it is sent: a batch in
   * flight kept 5,000 strings alive for an error that seldom comes, and the GC copied them). */
  byKey: Map<string, number> | undefined;
}

const tupleId = (key: TupleKey): string => `${key.object}\u0000${key.relation}\u0000${key.user}`;
// The condition and the expiry: what a repeat of a tuple must match to be a mere duplicate.
const conditionText = (key: TupleFileRecord): string =>
  key.condition || key.expiresAt ? JSON.stringify([key.condition?.name ?? '', key.condition?.context ?? {}, key.expiresAt ? Date.parse(key.expiresAt) || key.expiresAt : '']) : '';

function newBatch(): Batch {
  return { keys: [], lines: [], byKey: new Map() };
}

/** Adds a tuple unless the batch has it already; a repeat with another condition is an error. */
function add(batch: Batch, file: string, { line, key }: TupleLine): boolean {
  const id = tupleId(key);
  const byKey = (batch.byKey ??= new Map());
  const earlier = byKey.get(id);
  if (earlier !== undefined) {
    // The conditions compared only for a repeat (rare): no text per tuple.
    if (conditionText(batch.keys[earlier]) !== conditionText(key)) {
      throw new TupleFileError(file, line, `the same tuple as line ${batch.lines[earlier]} with a different condition or expires_at`);
    }
    return false;
  }
  byKey.set(id, batch.keys.length);
  batch.keys.push(key);
  batch.lines.push(line);
  return true;
}

/** A batch's failure, told as the file line that caused it. */
function lineError(file: string, batch: Batch, error: unknown): unknown {
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
  const inFlight: { batch: Batch; write: Promise<void> }[] = [];

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
  const send = async (batch: Batch): Promise<void> => {
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
      prepared = session.prepareBatch(batch.keys);
    } catch (error) {
      await settle();
      throw lineError(file, batch, error);
    }
    batch.byKey = undefined;
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

  let batch = newBatch();
  try {
    for await (const tuples of readTupleFile(file, options.format, { fromLine: options.fromLine, onBytes: (n) => progress?.addBytes(n) })) {
      for (const tuple of tuples) {
        result.tuples++;
        if (!add(batch, file, tuple)) result.duplicates++;
        if (batch.keys.length >= batchSize) {
          await send(batch);
          batch = newBatch();
        }
      }
    }
    if (batch.keys.length > 0) await send(batch);
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
