// Embedded backend: the shared SQL of ../sql on PGlite, persisted in a data directory or in
// memory when none is given.
import { PGlite } from '@electric-sql/pglite';
import type { Datastore } from '../datastore.js';
import { SqlDatastore, type SqlDatastoreOptions } from '../sql/sql-datastore.js';
import type { StatisticsKeeperOptions } from '../sql/statistics-keeper.js';
import { sanitized } from '../sql/sanitize-error.js';
import { lockDataDir } from './data-dir-lock.js';
import { pgliteClient } from './pglite-client.js';

export interface PgliteDatastoreOptions {
  /** Directory of the database files; in memory when absent. */
  dataDir?: string;
  /** Background ANALYZE after bulk changes (see statistics-keeper.ts); on by default: PGlite has no autovacuum. */
  statistics?: StatisticsKeeperOptions | false;
  /** Whether Check reads the closure index (RELATA_CLOSURE_INDEX); on by default. */
  closureIndex?: boolean;
  /** RELATA_CLOSURE_MAX_WORK_PER_WRITE (SqlDatastoreOptions.closureMaxWorkPerWrite). */
  closureMaxWorkPerWrite?: number;
  /** RELATA_READ_COALESCING (SqlDatastoreOptions.readCoalescing); on by default. */
  readCoalescing?: SqlDatastoreOptions['readCoalescing'];
}

/** DataDirInUseError when another process (or this one) has `dataDir` open. */
export async function createPgliteDatastore(options: PgliteDatastoreOptions = {}): Promise<Datastore> {
  const unlock = options.dataDir ? lockDataDir(options.dataDir) : undefined;
  let db: PGlite;
  try {
    db = await sanitized(() => PGlite.create(options.dataDir ? { dataDir: options.dataDir } : {}));
  } catch (error) {
    unlock?.();
    throw error;
  }
  const close = async (): Promise<void> => {
    try {
      await db.close();
    } finally {
      unlock?.();
    }
  };
  return new SqlDatastore({ kind: 'pglite', client: pgliteClient(db), close, statistics: options.statistics, closureIndex: options.closureIndex, closureMaxWorkPerWrite: options.closureMaxWorkPerWrite, readCoalescing: options.readCoalescing });
}

export { DataDirInUseError } from './data-dir-lock.js';

export { pgliteClient } from './pglite-client.js';
