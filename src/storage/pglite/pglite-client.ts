// SqlClient over an embedded PGlite instance. PGlite runs one statement at a time and holds a
// transaction exclusively, so callers' transactions are serialized for us.
import type { PGlite, Transaction } from '@electric-sql/pglite';
import type { SqlClient, SqlRow, TransactionOptions } from '../sql/sql-client.js';
import { sanitizeDriverError, sanitized } from '../sql/sanitize-error.js';

type Target = Pick<PGlite, 'query' | 'exec'> | Transaction;

class Client implements SqlClient {
  constructor(
    private readonly target: Target,
    private readonly db: PGlite | undefined,
  ) {}

  async query(text: string, params?: readonly unknown[]): Promise<SqlRow[]> {
    const result = await sanitized(() => this.target.query<SqlRow>(text, params ? [...params] : undefined));
    return result.rows;
  }

  async exec(script: string): Promise<void> {
    await sanitized(() => this.target.exec(script));
  }

  async transaction<T>(fn: (tx: SqlClient) => Promise<T>, options?: TransactionOptions): Promise<T> {
    const run = async (client: SqlClient): Promise<T> => {
      if (options?.lock) await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [options.lock]);
      return fn(client);
    };
    if (!this.db) return run(this); // already inside one
    try {
      return await this.db.transaction((tx) => run(new Client(tx, undefined)));
    } catch (err) {
      throw sanitizeDriverError(err);
    }
  }
}

export function pgliteClient(db: PGlite): SqlClient {
  return new Client(db, db);
}
