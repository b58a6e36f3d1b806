// The import pipeline: the next batch is validated while the current one is being written, yet
// writes never overlap, batches commit in file order, and errors keep naming the right line and
// leaving the checkpoint at the last committed batch. A real session on the memory datastore,
// whose writes are held open by the test.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { transformDslToModel } from '../../dsl/index.js';
import { silentLogger } from '../../observability/index.js';
import { createRelataService } from '../../service/index.js';
import type { ImportBatchOutput, ImportTuple, PreparedImportBatch, RelataService, TupleImport } from '../../service/index.js';
import { createMemoryDatastore } from '../../storage/memory/index.js';
import { TupleFileError } from '../tuple-files/read-tuples.js';
import { runTupleImport } from './import-tuples-run.js';

const model = transformDslToModel(`model
  schema 1.1
type user
type doc
  relations
    define viewer: [user]
`);

let service: RelataService;
let storeId: string;
let dir: string;

beforeEach(async () => {
  service = createRelataService({ datastore: createMemoryDatastore(), logger: silentLogger() });
  storeId = (await service.createStore({ name: 'pipeline' })).id;
  await service.writeAuthorizationModel({ storeId, model });
  dir = mkdtempSync(join(tmpdir(), 'relata-import-run-'));
});

/** The session, with a log of prepares and writes and each write held until the test lets it go. */
function watched(session: TupleImport, log: string[], failWrite?: number) {
  let writes = 0;
  let open = 0;
  const held: (() => void)[] = [];
  const wrapped: TupleImport = {
    storeId: session.storeId,
    authorizationModelId: session.authorizationModelId,
    validate: (tuples) => session.validate(tuples),
    prepareBatch(tuples: readonly ImportTuple[]): PreparedImportBatch {
      log.push(`prepare ${tuples[0].object}`);
      const prepared = session.prepareBatch(tuples);
      return {
        write: async (): Promise<ImportBatchOutput> => {
          const n = ++writes;
          log.push(`write ${tuples[0].object}${open > 0 ? ' while another is open' : ''}`);
          open++;
          try {
            await new Promise<void>((resolve) => held.push(resolve));
            if (n === failWrite) throw new Error(`write ${n} failed`);
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
  // Lets held writes go, one each tick, until the run settles.
  const release = setInterval(() => held.shift()?.(), 5);
  return { session: wrapped, stop: () => clearInterval(release) };
}

const lines = (objects: string[]): string => objects.map((o) => JSON.stringify({ user: 'user:a', relation: 'viewer', object: o })).join('\n') + '\n';

describe('runTupleImport pipeline', () => {
  it('validates the next batch before the current write has finished, writes one batch at a time, in file order', async () => {
    const file = join(dir, 'ok.jsonl');
    writeFileSync(file, lines(['doc:1', 'doc:2', 'doc:3', 'doc:4', 'doc:5']));
    const log: string[] = [];
    const { session, stop } = watched(await service.openTupleImport({ storeId }), log);
    try {
      const result = await runTupleImport(session, { file, format: 'jsonl', batchSize: 2 });
      expect(result).toMatchObject({ tuples: 5, inserted: 5, batches: 3 });
    } finally {
      stop();
    }
    expect(log).toEqual(['prepare doc:1', 'write doc:1', 'prepare doc:3', 'done doc:1', 'write doc:3', 'prepare doc:5', 'done doc:3', 'write doc:5', 'done doc:5']);
  });

  it('a bad line in the next batch: the batch in flight still commits and is checkpointed, the error names the line', async () => {
    const file = join(dir, 'bad.jsonl');
    writeFileSync(file, lines(['doc:1', 'doc:2', 'doc:3', 'nope:4', 'doc:5']));
    const checkpointPath = join(dir, 'bad.checkpoint.json');
    const log: string[] = [];
    const { session, stop } = watched(await service.openTupleImport({ storeId }), log);
    try {
      const error = await runTupleImport(session, { file, format: 'jsonl', batchSize: 2, checkpointPath }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TupleFileError);
      expect((error as TupleFileError).line).toBe(4);
    } finally {
      stop();
    }
    expect(log).toEqual(['prepare doc:1', 'write doc:1', 'prepare doc:3', 'done doc:1']);
    expect(JSON.parse(readFileSync(checkpointPath, 'utf8'))).toMatchObject({ line: 2, tuples: 2 });
    const stored = (await service.read({ storeId, pageSize: 10 })).items.map((t) => t.key.object);
    expect(stored).toEqual(['doc:1', 'doc:2']);
  });

  it('when the batch in flight fails too, its error (the earlier line) is the one reported', async () => {
    const file = join(dir, 'both.jsonl');
    writeFileSync(file, lines(['doc:1', 'doc:2', 'nope:3', 'doc:4']));
    const log: string[] = [];
    const { session, stop } = watched(await service.openTupleImport({ storeId }), log, 1);
    try {
      await expect(runTupleImport(session, { file, format: 'jsonl', batchSize: 2 })).rejects.toThrow('write 1 failed');
    } finally {
      stop();
    }
    expect((await service.read({ storeId, pageSize: 10 })).items).toEqual([]);
  });
});
