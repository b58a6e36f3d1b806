// PostgreSQL backend (pg): the shared SQL of ../sql over a connection pool.
import pg from 'pg';
import type { Datastore } from '../datastore.js';
import { quoteIdentifier } from '../sql/migrate.js';
import { SqlDatastore, type SqlDatastoreOptions } from '../sql/sql-datastore.js';
import type { StatisticsKeeperOptions } from '../sql/statistics-keeper.js';
import { PgClient } from './pg-client.js';

export interface PostgresDatastoreOptions {
  /** postgres://user@host:port/db */
  connectionString: string;
  /** Schema for every table (created by migrate()); default: the server's search_path. */
  schema?: string;
  /** Most connections open at once (default 10): the one pool of this datastore. */
  maxConnections?: number;
  /** Per-statement timeout in ms (default 10 000); 0 disables it. */
  statementTimeoutMs?: number;
  applicationName?: string;
  /** Background ANALYZE after bulk changes (see statistics-keeper.ts); on by default. */
  statistics?: StatisticsKeeperOptions | false;
  /** Whether Check reads the closure index (RELATA_CLOSURE_INDEX); on by default. */
  closureIndex?: boolean;
  /** RELATA_CLOSURE_MAX_WORK_PER_WRITE (SqlDatastoreOptions.closureMaxWorkPerWrite). */
  closureMaxWorkPerWrite?: number;
  /** RELATA_READ_COALESCING (SqlDatastoreOptions.readCoalescing); on by default. */
  readCoalescing?: SqlDatastoreOptions['readCoalescing'];
}

export function createPostgresDatastore(options: PostgresDatastoreOptions): Promise<Datastore> {
  const startup: string[] = [];
  if (options.schema) startup.push(`-c search_path=${quoteIdentifier(options.schema)}`);
  // One pool: `maxConnections` is the whole number of connections this datastore opens. The
  // named statements (the engine's key lookups) run in force_generic_plan: PostgreSQL would
  // otherwise re-plan them on every execution (their custom plans look cheaper), which costs two
  // to three times the CPU of executing them, and its custom plans of the team-in-team level
  // filter the whole relation instead of probing the ids. Connections start in that mode; one
  // that serves another statement is switched (pg-client.ts), transactions plan in 'auto'.
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    statement_timeout: options.statementTimeoutMs ?? 10_000,
    application_name: options.applicationName ?? 'relata',
    connectionTimeoutMillis: 5_000,
    options: [...startup, '-c plan_cache_mode=force_generic_plan'].join(' '),
  });
  // An idle client losing its connection must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  const close = () => pool.end();
  const client = new PgClient(pool, { namedPlanMode: 'force_generic_plan', startPlanMode: 'force_generic_plan' });
  const datastore = new SqlDatastore({ kind: 'postgres', client, schema: options.schema, close, statistics: options.statistics, closureIndex: options.closureIndex, closureMaxWorkPerWrite: options.closureMaxWorkPerWrite, readCoalescing: options.readCoalescing });
  return Promise.resolve(datastore);
}

export { PgClient, type PgClientOptions, type PlanMode } from './pg-client.js';
