// The import pipeline: the next batch is validated while the current one is being written, yet
// writes never overlap, batches commit in file order, and errors keep naming the right line and
// leaving the checkpoint at the last committed batch. A real session on the memory datastore,
// whose writes are held open until the next batch has been prepared.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { model, self } from '../../../test/helpers/model-builders.js';
import { silentLogger } from '../../observability/index.js';
import { createRelataService } from '../../service/index.js';
import { ImportTupleError, maxImportBatchSize } from '../../service/index.js';
import type { ImportBatchOutput, ImportTuple, PreparedImportBatch, RelataService, TupleImport } from '../../service/index.js';
import { ErrorCode, ValidationError } from '../../model/index.js';
import { createMemoryDatastore } from '../../storage/memory/index.js';
import { TupleFileError } from '../tuple-files/read-tuples.js';
import { runTupleImport } from './import-tuples-run.js';

const docViewers = model({ user: {}, doc: { viewer: [self, ['user']] } });

let service: RelataService;
let storeId: string;
let dir: string;

beforeEach(async () => {
  service = createRelataService({ datastore: createMemoryDatastore(), logger: silentLogger() });
  storeId = (await service.createStore({ name: 'pipeline' })).id;
  await service.writeAuthorizationModel({ storeId, model: docViewers });
  dir = mkdtempSync(join(tmpdir(), 'relata-import-run-'));
});

/**
 * The session, with a log of prepares and writes. The write of batch k is held until batch k + 1
 * has been prepared (or tried), or k is the last of `batches`: the order the pipeline promises,
 * made observable without depending on timing.
 */
function watched(session: TupleImport, log: string[], batches: number, failWrite?: number): TupleImport {
  let prepares = 0;
  let writes = 0;
  let open = 0;
  const waiting: { k: number; go: () => void }[] = [];
  const wake = () => {
    for (const w of waiting.splice(0)) {
      if (prepares > w.k || w.k === batches) w.go();
      else waiting.push(w);
    }
  };
  const wrapped: TupleImport = {
    storeId: session.storeId,
    authorizationModelId: session.authorizationModelId,
    concurrency: session.concurrency,
    validate: (tuples) => session.validate(tuples),
    model: session.model,
    prepareModelCheckedBatch: (tuples) => wrapped.prepareBatch(tuples),
    prepareBatch(tuples: readonly ImportTuple[]): PreparedImportBatch {
      log.push(`prepare ${tuples[0].object}`);
      prepares++;
      wake();
      const prepared = session.prepareBatch(tuples);
      return {
        write: async (): Promise<ImportBatchOutput> => {
          const k = ++writes;
          log.push(`write ${tuples[0].object}${open > 0 ? ' while another is open' : ''}`);
          open++;
          try {
            await new Promise<void>((go) => {
              waiting.push({ k, go });
              wake();
            });
            if (k === failWrite) throw new Error(`write ${k} failed`);
            return await prepared.write();
          } finally {
            open--;
            log.push(`done ${tuples[0].object}`);
          }
        },
      };
    },
    writeBatch: (tuples) => wrapped.prepareBatch(tuples).write(),
  };
  return wrapped;
}

const lines = (objects: string[]): string => objects.map((o) => JSON.stringify({ user: 'user:a', relation: 'viewer', object: o })).join('\n') + '\n';

describe('runTupleImport pipeline', () => {
  it('validates the next batch before the current write has finished, writes one batch at a time, in file order', async () => {
    const file = join(dir, 'ok.jsonl');
    writeFileSync(file, lines(['doc:1', 'doc:2', 'doc:3', 'doc:4', 'doc:5']));
    const log: string[] = [];
    const session = watched(await service.openTupleImport({ storeId }), log, 3);
    const result = await runTupleImport(session, { file, format: 'jsonl', batchSize: 2 });
    expect(result).toMatchObject({ tuples: 5, inserted: 5, batches: 3 });
    expect(log).toEqual(['prepare doc:1', 'write doc:1', 'prepare doc:3', 'done doc:1', 'write doc:3', 'prepare doc:5', 'done doc:3', 'write doc:5', 'done doc:5']);
  });

  it('a bad line in the next batch: the batch in flight still commits and is checkpointed, the error names the line', async () => {
    const file = join(dir, 'bad.jsonl');
    writeFileSync(file, lines(['doc:1', 'doc:2', 'doc:3', 'nope:4', 'doc:5']));
    const checkpointPath = join(dir, 'bad.checkpoint.json');
    const log: string[] = [];
    const session = watched(await service.openTupleImport({ storeId }), log, 2);
    const error = await runTupleImport(session, { file, format: 'jsonl', batchSize: 2, checkpointPath }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TupleFileError);
    expect((error as TupleFileError).line).toBe(4);
    expect(log).toEqual(['prepare doc:1', 'write doc:1', 'prepare doc:3', 'done doc:1']);
    expect(JSON.parse(readFileSync(checkpointPath, 'utf8'))).toMatchObject({ line: 2, tuples: 2 });
    const stored = (await service.read({ storeId, pageSize: 10 })).items.map((t) => t.key.object);
    expect(stored).toEqual(['doc:1', 'doc:2']);
  });

  it('a line that is not JSON after full batches of the same read: those batches commit first, the error names the line', async () => {
    const file = join(dir, 'garbled.jsonl');
    writeFileSync(file, `${lines(Array.from({ length: 25 }, (_, i) => `doc:${i + 1}`))}{"user": nope}\n${lines(['doc:99'])}`);
    const checkpointPath = join(dir, 'garbled.checkpoint.json');
    const error = await runTupleImport(await service.openTupleImport({ storeId }), { file, format: 'jsonl', batchSize: 10, checkpointPath }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TupleFileError);
    expect((error as TupleFileError).line).toBe(26);
    expect(JSON.parse(readFileSync(checkpointPath, 'utf8'))).toMatchObject({ line: 20, tuples: 20 });
    expect((await service.read({ storeId, pageSize: 50 })).items).toHaveLength(20);
  });

  it('when the batch in flight fails too, its error (the earlier line) is the one reported', async () => {
    const file = join(dir, 'both.jsonl');
    writeFileSync(file, lines(['doc:1', 'doc:2', 'nope:3', 'doc:4']));
    const log: string[] = [];
    const session = watched(await service.openTupleImport({ storeId }), log, 2, 1);
    await expect(runTupleImport(session, { file, format: 'jsonl', batchSize: 2 })).rejects.toThrow('write 1 failed');
    expect((await service.read({ storeId, pageSize: 10 })).items).toEqual([]);
  });

  it('prepareBatch refuses an empty or oversized batch and a bad tuple at once, writing nothing; a prepared batch is written once', async () => {
    const session = await service.openTupleImport({ storeId });
    const tuple = (i: number): ImportTuple => ({ user: 'user:a', relation: 'viewer', object: `doc:${i}` });
    for (const size of [0, maxImportBatchSize + 1]) {
      const error = (() => {
        try {
          session.prepareBatch(Array.from({ length: size }, (_, i) => tuple(i)));
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).code).toBe(ErrorCode.ExceededEntityLimit);
    }
    expect(() => session.prepareBatch([tuple(1), { user: 'user:a', relation: 'owner', object: 'doc:2' }])).toThrow(ImportTupleError);
    expect((await service.read({ storeId, pageSize: 10 })).items).toEqual([]);
    const prepared = session.prepareBatch([tuple(1)]);
    expect((await prepared.write()).inserted).toBe(1);
    await expect(prepared.write()).rejects.toThrow(/written once/);
  });
});
