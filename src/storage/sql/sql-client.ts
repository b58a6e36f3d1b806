// The narrow driver interface both SQL backends implement, so that postgres (pg) and pglite run
// the very same statements. Implementations turn driver errors into Relata's typed errors.

export type SqlRow = Record<string, unknown>;

export interface TransactionOptions {
  /**
   * Take `pg_advisory_xact_lock(hashtext(lock))` first and hold it until the end: transactions
   * with the same lock run one after the other. Drivers may send it with BEGIN in one round trip.
   */
  lock?: string;
}

export interface SqlClient {
  /**
   * One statement with $n parameters. `name` marks a hot statement the driver may prepare once
   * per connection and reuse. Arrays are bound as PostgreSQL arrays; jsonb values must be passed
   * as JSON text.
   */
  query(text: string, params?: readonly unknown[], name?: string): Promise<SqlRow[]>;
  /** A script of several statements without parameters (migrations). */
  exec(script: string): Promise<void>;
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: SqlClient) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /**
   * Bulk-loads `data` (rows in COPY text format, copy-text.ts; bytes: UTF-8) into `table (columns)` with COPY.
   * Offered inside a transaction by drivers that can; `table` and `columns` are trusted
   * identifiers (constants of the caller), never user input.
   */
  copyRows?(table: string, columns: readonly string[], data: string | Uint8Array): Promise<void>;
}
