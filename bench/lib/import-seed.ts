// Seeding a bench store through the bulk import path (`relata tuples import`'s service session:
// model validation, then COPY into a staging table and one insert per batch) instead of Write
// calls: the `large` preset's 10M tuples, streamed from the generator, never all in memory.
// Runs in the bench process on the schema the server under test serves.
import { performance } from 'node:perf_hooks';
import type { TupleKey } from '../../src/model/index.js';
import { silentLogger } from '../../src/observability/index.js';
import { createRelataService } from '../../src/service/index.js';
import { createPostgresDatastore } from '../../src/storage/postgres/index.js';
import { log } from './recorder.js';

export interface ImportSeedResult {
  tuples: number;
  seconds: number;
  /** CPU of the bench process (generation, validation, COPY encoding) per tuple. */
  benchCpuMicrosPerTuple: number;
}

export interface ImportSeedOptions {
  databaseUrl: string;
  schema: string;
  storeId: string;
  /** Tuples per transaction (the service's maximum is 10,000). */
  batchSize?: number;
  /** Batches in flight: one stages with COPY while another holds the store's lock. */
  inFlight?: number;
}

/** Imports `tuples` batch by batch (pulling the next batch only when a slot is free). */
export async function seedByImport(tuples: Iterator<TupleKey, unknown>, options: ImportSeedOptions): Promise<ImportSeedResult> {
  const batchSize = options.batchSize ?? 10_000;
  const datastore = await createPostgresDatastore({
    connectionString: options.databaseUrl,
    schema: options.schema,
    maxConnections: 4,
    // A batch of 10,000 on a 10M-tuple table on a loaded machine may take more than the default 10 s.
    statementTimeoutMs: 300_000,
    applicationName: 'relata_bench_import',
    statistics: false,
  });
  const service = createRelataService({ datastore, logger: silentLogger() });
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  let count = 0;
  try {
    const session = await service.openTupleImport({ storeId: options.storeId });
    const nextBatch = (): TupleKey[] => {
      const batch: TupleKey[] = [];
      for (let step = tuples.next(); !step.done; step = tuples.next()) {
        batch.push(step.value);
        if (batch.length === batchSize) break;
      }
      return batch;
    };
    let lastLog = started;
    const worker = async () => {
      for (let batch = nextBatch(); batch.length > 0; batch = nextBatch()) {
        await session.writeBatch(batch);
        count += batch.length;
        if (performance.now() - lastLog > 30_000) {
          lastLog = performance.now();
          log(`imported ${count} tuples in ${((lastLog - started) / 1000).toFixed(0)} s`);
        }
      }
    };
    await Promise.all(Array.from({ length: options.inFlight ?? 2 }, worker));
  } finally {
    await datastore.close();
  }
  const cpu = process.cpuUsage(cpu0);
  return { tuples: count, seconds: (performance.now() - started) / 1000, benchCpuMicrosPerTuple: (cpu.user + cpu.system) / count };
}
