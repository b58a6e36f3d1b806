// The checkpoint of a tuple import: the last line of the last committed batch, rewritten
// atomically (temp file + rename) after every batch, removed when the import completes.
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface ImportCheckpoint {
  file: string;
  storeId: string;
  /** Every tuple starting at or before this line is committed. */
  line: number;
  tuples: number;
}

export function defaultCheckpointPath(file: string): string {
  return `${file}.relata-checkpoint.json`;
}

export function writeCheckpoint(path: string, checkpoint: ImportCheckpoint): void {
  const temporary = `${path}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(checkpoint)}\n`);
  renameSync(temporary, path);
}

export function removeCheckpoint(path: string): void {
  rmSync(path, { force: true });
}

/** The checkpoint of this file and store; an Error saying why it does not fit otherwise. */
export function readCheckpoint(path: string, file: string, storeId: string): ImportCheckpoint {
  let data: Partial<ImportCheckpoint>;
  try {
    data = JSON.parse(readFileSync(path, 'utf8')) as Partial<ImportCheckpoint>;
  } catch (error) {
    throw new Error(`cannot read checkpoint ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof data.line !== 'number' || !Number.isInteger(data.line) || data.line < 0) throw new Error(`checkpoint ${path} has no valid line`);
  if (data.storeId !== storeId) throw new Error(`checkpoint ${path} is for store ${String(data.storeId)}, not ${storeId}`);
  if (data.file !== resolve(file)) throw new Error(`checkpoint ${path} is for file ${String(data.file)}, not ${resolve(file)}`);
  return { file: data.file, storeId, line: data.line, tuples: typeof data.tuples === 'number' ? data.tuples : 0 };
}
