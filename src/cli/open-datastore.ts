// Picks the concrete storage backend for a DatastoreConfig: the one place that knows all three.
import type { DatastoreConfig } from '../config/index.js';
import type { Logger } from '../observability/logger.js';
import type { AuditAppenderSpec } from '../storage/audit-repository.js';
import type { Datastore } from '../storage/datastore.js';

/** Opens (without migrating) the configured backend; backends are imported lazily so that
 *  a memory or pglite deployment never loads pg, and the other way round. */
export async function openDatastore(config: DatastoreConfig, logger?: Logger): Promise<Datastore> {
  // A failed background ANALYZE never reaches a caller; the log is where an operator sees it.
  const statistics = logger ? { onError: (err: unknown) => logger.warn({ err }, 'background ANALYZE failed') } : undefined;
  switch (config.kind) {
    case 'postgres': {
      const { createPostgresDatastore } = await import('../storage/postgres/index.js');
      return createPostgresDatastore({ connectionString: config.url, maxConnections: config.maxConnections, schema: config.schema, statistics, closureIndex: config.closureIndex, closureMaxWorkPerWrite: config.closureMaxWorkPerWrite, readCoalescing: config.readCoalescing });
    }
    case 'pglite': {
      const { createPgliteDatastore } = await import('../storage/pglite/index.js');
      return createPgliteDatastore({ dataDir: config.dataDir, statistics, closureIndex: config.closureIndex, closureMaxWorkPerWrite: config.closureMaxWorkPerWrite, readCoalescing: config.readCoalescing });
    }
    case 'memory': {
      const { createMemoryDatastore } = await import('../storage/memory/index.js');
      return createMemoryDatastore({ closureIndex: config.closureIndex });
    }
  }
}

/**
 * How the decision log's worker thread reaches the datastore on its own, for the backends it can
 * (PostgreSQL: a connection of its own); undefined for PGlite and memory, whose one instance
 * lives on the main thread.
 */
export async function decisionLogStore(config: DatastoreConfig): Promise<AuditAppenderSpec | undefined> {
  if (config.kind !== 'postgres') return undefined;
  const { auditAppenderModule } = await import('../storage/postgres/audit-appender.js');
  return { module: auditAppenderModule, options: { connectionString: config.url, schema: config.schema } };
}
