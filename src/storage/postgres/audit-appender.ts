// The decision log worker's own way into PostgreSQL (an AuditAppenderSpec module): a datastore of
// one connection, of which the worker uses only the AuditRepository's batch append, so that the
// sealed records are written from the thread that sealed them and never cloned back.
import type { AuditAppender } from '../audit-repository.js';
import { createPostgresDatastore, type PostgresDatastoreOptions } from './index.js';

export type AuditAppenderOptions = Pick<PostgresDatastoreOptions, 'connectionString' | 'schema' | 'statementTimeoutMs' | 'applicationName'>;

export async function openAuditAppender(options: AuditAppenderOptions): Promise<AuditAppender> {
  const datastore = await createPostgresDatastore({ ...options, maxConnections: 1, statistics: false });
  return { appendAuditBatch: (batch) => datastore.appendAuditBatch(batch), close: () => datastore.close() };
}

/** The URL of this module for an AuditAppenderSpec (`.ts` when run from source under tsx). */
export const auditAppenderModule = import.meta.url;
