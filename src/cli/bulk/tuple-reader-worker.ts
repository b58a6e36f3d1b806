// The import's reader thread: reads the tuple file into batches (read-batches.ts), checks every
// tuple against the model (TupleImport.prepareModelCheckedBatch's premise) and posts the batches
// to the main thread, at most `maxAhead` unclaimed at a time, so that the main thread only
// encodes and sends (`relata tuples import --reader-thread`; docs/benchmarks.md, "The import
// at 100k", for what it costs and saves).
import { parentPort, workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { TypeSystem, ValidationError, validateTupleForWrite } from '../../model/index.js';
import { TupleFileError } from '../tuple-files/read-tuples.js';
import { readBatches } from './read-batches.js';
import type { ReadBatch } from './read-batches.js';
import { packBatch } from './worker-batches.js';
import type { TupleReaderInput, TupleReaderMessage } from './worker-batches.js';

function check(typeSystem: TypeSystem, file: string, batch: ReadBatch): void {
  for (let i = 0; i < batch.keys.length; i++) {
    try {
      // The key's fields only: an expiry beside them is the main thread's to check.
      validateTupleForWrite(typeSystem, batch.keys[i]);
    } catch (error) {
      if (error instanceof ValidationError) throw new TupleFileError(file, batch.lines[i], error.message);
      throw error;
    }
  }
}

async function run(port: MessagePort, input: TupleReaderInput): Promise<void> {
  const post = (message: TupleReaderMessage): void => port.postMessage(message);
  let credits = input.maxAhead;
  let credited: (() => void) | undefined;
  port.on('message', () => {
    credits++;
    credited?.();
  });
  try {
    const typeSystem = new TypeSystem(input.model);
    for await (const batch of readBatches(input.file, input.format, input)) {
      check(typeSystem, input.file, batch);
      while (credits === 0) await new Promise<void>((resolve) => (credited = resolve));
      credits--;
      const packed = packBatch(batch);
      port.postMessage({ batch: packed } satisfies TupleReaderMessage, [packed.lines.buffer as ArrayBuffer]);
    }
    post({ done: true });
  } catch (error) {
    if (error instanceof TupleFileError) post({ fileError: { file: error.file, line: error.line, reason: error.reason } });
    else post({ internal: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
}

if (parentPort) await run(parentPort, workerData as TupleReaderInput);
