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
  /** Pool size (default 10): of each of the two pools, one for the named statements, one for the rest. */
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
}

export function createPostgresDatastore(options: PostgresDatastoreOptions): Promise<Datastore> {
  const startup: string[] = [];
  if (options.schema) startup.push(`-c search_path=${quoteIdentifier(options.schema)}`);
  const newPool = (extra: string[]) => {
    const settings = [...startup, ...extra];
    const created = new pg.Pool({
      connectionString: options.connectionString,
      max: options.maxConnections ?? 10,
      statement_timeout: options.statementTimeoutMs ?? 10_000,
      application_name: options.applicationName ?? 'relata',
      connectionTimeoutMillis: 5_000,
      options: settings.length > 0 ? settings.join(' ') : undefined,
    });
    // An idle client losing its connection must not crash the process; the next query reports it.
    created.on('error', () => undefined);
    return created;
  };
  const pool = newPool([]);
  // The named statements (the engine's key lookups) run on connections that always use their
  // generic plan: PostgreSQL would otherwise re-plan them on every execution (their custom plans
  // look cheaper), which costs two to three times the CPU of executing them, and its custom plans
  // of the team-in-team level filter the whole relation instead of probing the ids.
  const namedPool = newPool(['-c plan_cache_mode=force_generic_plan']);
  const close = async () => {
    await Promise.all([pool.end(), namedPool.end()]);
  };
  const datastore = new SqlDatastore({ kind: 'postgres', client: new PgClient(pool, namedPool), schema: options.schema, close, statistics: options.statistics, closureIndex: options.closureIndex, closureMaxWorkPerWrite: options.closureMaxWorkPerWrite });
  return Promise.resolve(datastore);
}

export { PgClient } from './pg-client.js';
