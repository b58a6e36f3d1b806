// Embedded backend: the shared SQL of ../sql on PGlite, persisted in a data directory or in
// memory when none is given.
import { PGlite } from '@electric-sql/pglite';
import type { Datastore } from '../datastore.js';
import { SqlDatastore } from '../sql/sql-datastore.js';
import { sanitizeDriverError } from '../sql/sanitize-error.js';
import { pgliteClient } from './pglite-client.js';

export interface PgliteDatastoreOptions {
  /** Directory of the database files; in memory when absent. */
  dataDir?: string;
}

export async function createPgliteDatastore(options: PgliteDatastoreOptions = {}): Promise<Datastore> {
  let db: PGlite;
  try {
    db = await PGlite.create(options.dataDir ? { dataDir: options.dataDir } : {});
  } catch (err) {
    throw sanitizeDriverError(err);
  }
  return new SqlDatastore({ kind: 'pglite', client: pgliteClient(db), close: () => db.close() });
}

export { pgliteClient } from './pglite-client.js';
