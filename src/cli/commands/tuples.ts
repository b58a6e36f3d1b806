// `relata tuples import|export|delete`: bulk operations on one store's tuples, run against the
// datastore of RELATA_DATASTORE_URL (or --datastore).
import { createWriteStream, statSync } from 'node:fs';
import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import { maxDeleteBatchSize, maxImportBatchSize, parseExpiry } from '../../service/index.js';
import type { Caller, RelataService } from '../../service/index.js';
import { defaultCheckpointPath, readCheckpoint } from '../bulk/checkpoint.js';
import { CliUsageError, closeOutput, intOption, runCliAction, withCliService, writeText } from '../bulk/cli-service.js';
import { defaultImportBatchSize, runTupleImport } from '../bulk/import-tuples-run.js';
import type { ImportRunResult } from '../bulk/import-tuples-run.js';
import { ProgressBar } from '../bulk/progress.js';
import { tupleFileFormat } from '../tuple-files/read-tuples.js';
import type { TupleFileFormat } from '../tuple-files/read-tuples.js';
import { tupleFileWriter } from '../tuple-files/write-tuples.js';
import { operatorCaller, reasonOption } from '../operator.js';

export interface TuplesImportOptions {
  store: string;
  format?: string;
  model?: string;
  batchSize?: string;
  /** Batches written at once, at most the datastore's (PostgreSQL: 2). */
  parallel?: string;
  resume?: boolean;
  resumeFrom?: string;
  checkpoint?: string;
  progress?: boolean;
  dryRun?: boolean;
  reason?: string;
  /** Read and check the file on a thread of its own (`--reader-thread`; runTupleImport). */
  readerThread?: boolean;
}

/** `relata tuples import` on a service (exported for tests); audited as `caller` (default cli:<os user>). */
export async function importTuplesCommand(service: RelataService, file: string, options: TuplesImportOptions, caller: Caller = operatorCaller('tuples import', options.reason)): Promise<ImportRunResult> {
  const format = tupleFileFormat(file, options.format);
  const batchSize = intOption(options.batchSize, 'batch-size', 1, maxImportBatchSize) ?? defaultImportBatchSize;
  const concurrency = intOption(options.parallel, 'parallel', 1, 2);
  let totalBytes: number;
  try {
    totalBytes = statSync(file).size;
  } catch {
    throw new CliUsageError(`${file}: no such file`);
  }
  const checkpointPath = options.checkpoint ?? defaultCheckpointPath(file);
  let fromLine = intOption(options.resumeFrom, 'resume-from', 1, Number.MAX_SAFE_INTEGER);
  const session = await service.openTupleImport({ storeId: options.store, authorizationModelId: options.model }, caller);
  if (options.resume) {
    if (fromLine !== undefined) throw new CliUsageError('give --resume or --resume-from, not both');
    fromLine = readCheckpoint(checkpointPath, file, session.storeId).line + 1;
  }
  const showProgress = options.progress ?? process.stderr.isTTY;
  const progress = showProgress ? new ProgressBar({ totalBytes }) : undefined;
  return runTupleImport(session, { file, format, batchSize, concurrency, fromLine, checkpointPath: options.dryRun ? undefined : checkpointPath, progress, dryRun: options.dryRun, readerThread: options.readerThread });
}

/** Writes every tuple of the store to `out` in `format`; resolves with the count. */
export async function exportTuplesCommand(service: RelataService, storeId: string, format: TupleFileFormat, out: Writable): Promise<number> {
  const writer = tupleFileWriter(format);
  let count = 0;
  if (writer.header) await writeText(out, writer.header);
  for await (const key of service.exportTuples({ storeId })) {
    await writeText(out, writer.tuple(key));
    count++;
  }
  return count;
}

function exportFormat(value: string | undefined): TupleFileFormat {
  const format = value ?? 'jsonl';
  if (format !== 'jsonl' && format !== 'csv' && format !== 'yaml') throw new CliUsageError(`--format must be jsonl, csv or yaml, got '${format}'`);
  return format;
}

export interface TuplesWriteOptions {
  store: string;
  object: string;
  relation: string;
  user: string;
  /** `24h`, `30d`, `15m`, `90s` from now, or an RFC 3339 time: the grant ends then. */
  expires?: string;
  model?: string;
  reason?: string;
}

/**
 * One tuple through relata.v1 WriteTuples, optionally expiring; returns the consistency token.
 * Audited as `caller` (default cli:<os user>), as every CLI command that changes the datastore.
 */
export async function writeTupleCommand(service: RelataService, options: TuplesWriteOptions, now = Date.now(), caller: Caller = operatorCaller('tuples write', options.reason)): Promise<string> {
  const expiresAt = options.expires === undefined ? undefined : parseExpiry(options.expires, now, 'expires');
  const out = await service.writeTuples(
    {
      storeId: options.store,
      authorizationModelId: options.model,
      writes: [{ tupleKey: { object: options.object, relation: options.relation, user: options.user }, expiresAt }],
    },
    caller,
  );
  return out.consistencyToken;
}

export function registerTuplesCommands(program: Command): void {
  const tuples = program.command('tuples').description('bulk operations on the tuples of a store (RELATA_DATASTORE_URL or --datastore)');

  tuples
    .command('write')
    .requiredOption('--store <id>', 'store id')
    .requiredOption('--object <object>', 'type:id')
    .requiredOption('--relation <relation>', 'relation')
    .requiredOption('--user <user>', 'type:id, type:* or type:id#relation')
    .option('--expires <when>', 'the grant ends then: 24h, 30d, 15m, 90s from now, or an RFC 3339 time')
    .option('--model <id>', 'validate against this model version (default: the latest)')
    .option(...reasonOption)
    .option('--datastore <url>', 'datastore URL (overrides RELATA_DATASTORE_URL)')
    .description('write one tuple, optionally expiring (relata.v1 WriteTuples)')
    .action((options: TuplesWriteOptions & { datastore?: string }) =>
      runCliAction('tuples write', async () => {
        const token = await withCliService(options.datastore, (service) => writeTupleCommand(service, options));
        process.stdout.write(`written; consistency token ${token}\n`);
      }),
    );

  tuples
    .command('import')
    .argument('<file>', 'tuples: .jsonl (one {user, relation, object, condition?} per line), .csv (fga columns) or .yaml (a list, or a store file)')
    .requiredOption('--store <id>', 'store id')
    .option('--format <format>', 'jsonl, csv or yaml (default: by extension)')
    .option('--model <id>', 'validate against this model version (default: the latest)')
    .option('--batch-size <n>', `tuples per atomic batch (1..${maxImportBatchSize}, default ${defaultImportBatchSize})`)
    .option('--parallel <n>', 'batches written at once: 1, or 2 (the default on PostgreSQL: faster on idle cores, ~15% more database CPU per tuple)')
    .option('--resume', 'continue after the last committed batch of the checkpoint')
    .option('--resume-from <line>', 'start at this line of the file')
    .option('--checkpoint <path>', 'checkpoint file (default FILE.relata-checkpoint.json)')
    .option('--progress', 'show the progress bar even when stderr is not a terminal')
    .option('--dry-run', 'validate every line against the model; write nothing')
    .option('--reader-thread', 'read and check the file on a thread of its own: for a database on other cores than this process (on shared cores it costs ~10%)')
    .option(...reasonOption)
    .option('--datastore <url>', 'datastore URL (overrides RELATA_DATASTORE_URL)')
    .description('load tuples in idempotent batches (tuples already stored with the same condition are skipped)')
    .action((file: string, options: TuplesImportOptions & { datastore?: string }) =>
      runCliAction('tuples import', async () => {
        const result = await withCliService(options.datastore, (service) => importTuplesCommand(service, file, options));
        const inserted = result.inserted === undefined ? '' : `, ${result.inserted} new`;
        const verb = options.dryRun ? 'validated' : 'imported';
        process.stdout.write(`${verb} ${result.tuples} tuples${inserted} (${result.duplicates} repeated in the file) in ${result.batches} batches${result.consistencyToken ? `; consistency token ${result.consistencyToken}` : ''}\n`);
      }),
    );

  tuples
    .command('export')
    .requiredOption('--store <id>', 'store id')
    .option('--format <format>', 'jsonl (default), csv or yaml')
    .option('--out <file>', 'output file (default: stdout)')
    .option('--datastore <url>', 'datastore URL (overrides RELATA_DATASTORE_URL)')
    .description('write every tuple of the store, in a format `relata tuples import` reads')
    .action((options: { store: string; format?: string; out?: string; datastore?: string }) =>
      runCliAction('tuples export', async () => {
        const format = exportFormat(options.format);
        const out = options.out ? createWriteStream(options.out) : process.stdout;
        const count = await withCliService(options.datastore, (service) => exportTuplesCommand(service, options.store, format, out));
        await closeOutput(out);
        process.stderr.write(`exported ${count} tuples\n`);
      }),
    );

  tuples
    .command('delete')
    .requiredOption('--store <id>', 'store id')
    .requiredOption('--type <type>', 'object type of the tuples to delete')
    .option('--id <id>', 'object id')
    .option('--relation <relation>', 'relation')
    .option('--user <user>', 'user: type:id, type:*, type:id#relation, or type: (every user of the type)')
    .option('--batch-size <n>', `tuples per atomic batch (1..${maxDeleteBatchSize}, default 100)`)
    .option('--yes', 'delete (without it, only count what would be deleted)')
    .option('--datastore <url>', 'datastore URL (overrides RELATA_DATASTORE_URL)')
    .option(...reasonOption)
    .description('delete every tuple matching a filter: counts first, deletes with --yes')
    .action((options: { store: string; type: string; id?: string; relation?: string; user?: string; batchSize?: string; yes?: boolean; datastore?: string; reason?: string }) =>
      runCliAction('tuples delete', async () => {
        const batchSize = intOption(options.batchSize, 'batch-size', 1, maxDeleteBatchSize);
        await withCliService(options.datastore, async (service) => {
          const filter = { storeId: options.store, objectType: options.type, objectId: options.id, relation: options.relation, user: options.user, batchSize };
          const count = await service.deleteTuples({ ...filter, dryRun: true });
          process.stdout.write(`${count.matched} tuples match\n`);
          if (!options.yes || count.matched === 0) {
            if (count.matched > 0) process.stdout.write('nothing deleted: run again with --yes to delete them\n');
            return;
          }
          const result = await service.deleteTuples(filter, operatorCaller('tuples delete', options.reason));
          process.stdout.write(`deleted ${result.matched} tuples in ${result.batches} batches; consistency token ${result.consistencyToken}\n`);
        });
      }),
    );
}
