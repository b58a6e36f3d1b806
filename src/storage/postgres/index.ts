// PostgreSQL backend (pg): the shared SQL of ../sql over a connection pool.
import pg from 'pg';
import type { Datastore } from '../datastore.js';
import { quoteIdentifier } from '../sql/migrate.js';
import { SqlDatastore } from '../sql/sql-datastore.js';
import type { StatisticsKeeperOptions } from '../sql/statistics-keeper.js';
import { PgClient } from './pg-client.js';

export interface PostgresDatastoreOptions {
  /** postgres://user@host:port/db */
  connectionString: string;
  /** Schema for every table (created by migrate()); default: the server's search_path. */
  schema?: string;
  /** Pool size (default 10). */
  maxConnections?: number;
  /** Per-statement timeout in ms (default 10 000); 0 disables it. */
  statementTimeoutMs?: number;
  applicationName?: string;
  /** Background ANALYZE after bulk changes (see statistics-keeper.ts); on by default. */
  statistics?: StatisticsKeeperOptions | false;
}

export function createPostgresDatastore(options: PostgresDatastoreOptions): Promise<Datastore> {
  const startup: string[] = [];
  if (options.schema) startup.push(`-c search_path=${quoteIdentifier(options.schema)}`);
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    statement_timeout: options.statementTimeoutMs ?? 10_000,
    application_name: options.applicationName ?? 'relata',
    connectionTimeoutMillis: 5_000,
    options: startup.length > 0 ? startup.join(' ') : undefined,
  });
  // An idle client losing its connection must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  const datastore = new SqlDatastore({ kind: 'postgres', client: new PgClient(pool), schema: options.schema, close: () => pool.end(), statistics: options.statistics });
  return Promise.resolve(datastore);
}

export { PgClient } from './pg-client.js';
