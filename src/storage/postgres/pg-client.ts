// SqlClient over a pg Pool. Hot statements are sent with a name so each connection prepares them
// once; transactions retry on serialization failure or deadlock (they are all-or-nothing, so a
// retry is safe).
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { SqlClient, SqlRow, TransactionOptions } from '../sql/sql-client.js';
import { isConnectionError, sanitized, sanitizeDriverError, sqlState } from '../sql/sanitize-error.js';
import { encodeParams } from './pg-params.js';

const retryableStates = new Set(['40001', '40P01']);
const maxAttempts = 4;

type Queryable = Pick<pg.PoolClient, 'query'>;

/**
 * pg's `query(query, values, callback)` with a Query object, which both a client and the pool
 * accept (the pool hands its own callback on to the client and releases it from there).
 */
interface QuerySubmitter {
  query(query: pg.Query, values: undefined, callback: (error: Error | null, result: pg.QueryResult<SqlRow>) => void): unknown;
}

/**
 * One statement. The Query is built from its text, not from a config object: pg copies a config
 * object through its property descriptors on every statement (about 2 µs), a text it does not.
 * Flat arrays go pre-encoded (pg-params.ts).
 */
function run(target: Queryable, text: string, params: readonly unknown[] | undefined, name: string | undefined): Promise<SqlRow[]> {
  return new Promise((resolve, reject) => {
    const query = new pg.Query(text, params ? encodeParams(params) : undefined);
    // pg reads the name when the query is submitted; its typings do not declare it.
    if (name !== undefined) (query as pg.Query & { name?: string }).name = name;
    (target as unknown as QuerySubmitter).query(query, undefined, (error, result) => (error ? reject(error) : resolve(result.rows)));
  });
}

class PgTransactionClient implements SqlClient {
  constructor(private readonly connection: pg.PoolClient) {}

  query(text: string, params?: readonly unknown[], name?: string): Promise<SqlRow[]> {
    return sanitized(() => run(this.connection, text, params, name));
  }

  async exec(script: string): Promise<void> {
    await sanitized(() => this.connection.query(script));
  }

  async copyRows(table: string, columns: readonly string[], data: string | Uint8Array): Promise<void> {
    const statement = `COPY ${table} (${columns.join(', ')}) FROM STDIN`;
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    await sanitized(() => pipeline(Readable.from([bytes]), this.connection.query(copyFrom(statement))));
  }

  async transaction<T>(fn: (tx: SqlClient) => Promise<T>, options?: TransactionOptions): Promise<T> {
    // Already inside one: only the lock is added.
    if (options?.lock) await this.query('SELECT pg_advisory_xact_lock(hashtext($1))', [options.lock]);
    return fn(this);
  }
}

/** PostgreSQL's `plan_cache_mode` values a connection is switched between. */
export type PlanMode = 'auto' | 'force_generic_plan';

export interface PgClientOptions {
  /**
   * The plan mode of named statements run outside transactions (the engine's key lookups); the
   * rest run in 'auto'. A connection is switched (one `SET`) only when it last ran the other
   * kind. Default: no switching, every statement in the connections' own mode.
   */
  namedPlanMode?: PlanMode;
  /** The mode the pool's connections start in (its startup options); default 'auto'. */
  startPlanMode?: PlanMode;
}

/**
 * A pooled connection, watched while it is checked out: a connection that dies then emits
 * 'error', which unheard would crash the process (pg's pool only listens while a connection is
 * idle, and pool.query while its query runs). The statement in flight fails on its own; `lost`
 * tells the release to destroy the connection.
 */
async function checkOut(pool: pg.Pool): Promise<{ connection: pg.PoolClient; lost: () => Error | undefined }> {
  const connection = await pool.connect();
  let error: Error | undefined;
  const onError = (err: Error) => {
    error ??= err;
  };
  connection.on('error', onError);
  const release = connection.release.bind(connection);
  connection.release = (err?: Error | boolean) => {
    connection.removeListener('error', onError);
    release(err);
  };
  return { connection, lost: () => error };
}

export class PgClient implements SqlClient {
  /** The plan mode each connection of the pool is in, when it differs from startPlanMode. */
  private readonly modes = new WeakMap<pg.PoolClient, PlanMode>();

  constructor(
    readonly pool: pg.Pool,
    private readonly options: PgClientOptions = {},
  ) {}

  query(text: string, params?: readonly unknown[], name?: string): Promise<SqlRow[]> {
    const named = this.options.namedPlanMode;
    if (named === undefined) return sanitized(() => run(this.pool, text, params, name));
    return sanitized(() => this.runIn(name !== undefined ? named : 'auto', text, params, name));
  }

  /** Runs one statement on a pooled connection in plan mode `mode` (switching it first if needed). */
  private async runIn(mode: PlanMode, text: string, params: readonly unknown[] | undefined, name: string | undefined): Promise<SqlRow[]> {
    const { connection, lost } = await checkOut(this.pool);
    let failed: Error | undefined;
    try {
      if ((this.modes.get(connection) ?? this.options.startPlanMode ?? 'auto') !== mode) {
        await connection.query(`SET plan_cache_mode = ${mode}`);
        this.modes.set(connection, mode);
      }
      return await run(connection, text, params, name);
    } catch (err) {
      // As pg's pool.query: a connection that failed a statement is not reused.
      failed = err instanceof Error ? err : new Error(String(err));
      throw err;
    } finally {
      connection.release(failed ?? lost());
    }
  }

  async exec(script: string): Promise<void> {
    await sanitized(() => this.pool.query(script));
  }

  async transaction<T>(fn: (tx: SqlClient) => Promise<T>, options?: TransactionOptions): Promise<T> {
    // BEGIN, the plan mode and the lock go in one simple-protocol round trip; the lock name is a
    // literal escaped by the driver. Transactions plan as PostgreSQL does by default ('auto'),
    // whatever mode their connection was left in (SET LOCAL ends with the transaction).
    const steps = ['BEGIN'];
    if (this.options.namedPlanMode !== undefined) steps.push('SET LOCAL plan_cache_mode = auto');
    if (options?.lock) steps.push(`SELECT pg_advisory_xact_lock(hashtext(${pg.escapeLiteral(options.lock)}))`);
    const begin = steps.join('; ');
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.once(fn, begin);
      } catch (err) {
        const cause = err instanceof Error && err.cause !== undefined ? err.cause : err;
        if (attempt >= maxAttempts || !retryableStates.has(sqlState(cause) ?? '')) throw sanitizeDriverError(err);
      }
    }
  }

  private async once<T>(fn: (tx: SqlClient) => Promise<T>, begin: string): Promise<T> {
    const { connection, lost } = await sanitized(() => checkOut(this.pool));
    let broken: Error | undefined;
    try {
      await connection.query(begin);
      const result = await fn(new PgTransactionClient(connection));
      await connection.query('COMMIT');
      return result;
    } catch (err) {
      try {
        await connection.query('ROLLBACK');
      } catch (rollbackError) {
        broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      }
      if (isConnectionError(err)) broken ??= err instanceof Error ? err : new Error(String(err));
      throw err;
    } finally {
      // A connection whose state is unknown is destroyed, never handed to the next caller.
      connection.release(broken ?? lost());
    }
  }
}
