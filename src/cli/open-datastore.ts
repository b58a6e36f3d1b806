// Picks the concrete storage backend for a DatastoreConfig: the one place that knows all three.
import type { DatastoreConfig } from '../config/index.js';
import type { Datastore } from '../storage/datastore.js';

/** Opens (without migrating) the configured backend; backends are imported lazily so that
 *  a memory or pglite deployment never loads pg, and the other way round. */
export async function openDatastore(config: DatastoreConfig): Promise<Datastore> {
  switch (config.kind) {
    case 'postgres': {
      const { createPostgresDatastore } = await import('../storage/postgres/index.js');
      return createPostgresDatastore({ connectionString: config.url, maxConnections: config.maxConnections, schema: config.schema });
    }
    case 'pglite': {
      const { createPgliteDatastore } = await import('../storage/pglite/index.js');
      return createPgliteDatastore({ dataDir: config.dataDir });
    }
    case 'memory': {
      const { createMemoryDatastore } = await import('../storage/memory/index.js');
      return createMemoryDatastore();
    }
  }
}
