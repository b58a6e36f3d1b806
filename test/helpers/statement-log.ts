// A SqlClient decorator that records every statement a datastore sends (text, name, rows
// returned), so that tests count statements and read what the closure maintenance decided
// instead of timing it. Also a PostgreSQL SqlDatastore in a fresh schema built on it.
import pg from 'pg';
import { PgClient } from '../../src/storage/postgres/index.js';
import type { SqlClient, SqlRow } from '../../src/storage/sql/sql-client.js';
import { estimatedWork } from '../../src/storage/sql/sql-closure-index.js';
import type { ClosureWorkCounts } from '../../src/storage/sql/sql-closure-index.js';
import { SqlDatastore } from '../../src/storage/sql/sql-datastore.js';
import type { SqlDatastoreOptions } from '../../src/storage/sql/sql-datastore.js';
import { testDatabaseUrl } from './services.js';

export interface LoggedStatement {
  text: string;
  name?: string;
  rows: SqlRow[];
  ms: number;
}

export class StatementLog {
  readonly statements: LoggedStatement[] = [];

  /** Statements logged since `mark` (a length of `statements` read earlier). */
  since(mark: number): LoggedStatement[] {
    return this.statements.slice(mark);
  }

  wrap(inner: SqlClient): SqlClient {
    const wrapped: SqlClient = {
      query: async (text, params, name) => {
        const started = performance.now();
        const rows = await inner.query(text, params, name);
        this.statements.push({ text, name, rows, ms: performance.now() - started });
        return rows;
      },
      exec: (script) => inner.exec(script),
      transaction: (fn, options) => inner.transaction((tx) => fn(this.wrap(tx)), options),
    };
    const copy = inner.copyRows?.bind(inner);
    if (copy) {
      // Logged as the COPY statement it sends (no rows), a failed one too.
      wrapped.copyRows = async (table, columns, data) => {
        const started = performance.now();
        try {
          await copy(table, columns, data);
        } finally {
          this.statements.push({ text: `COPY ${table} (${columns.join(', ')}) FROM STDIN`, rows: [], ms: performance.now() - started });
        }
      };
    }
    return wrapped;
  }
}

/** The closure index's maintenance statements (sql-closure-index.ts): unnamed, about its tables, or its `SET LOCAL jit`. */
export function isClosureMaintenance(s: LoggedStatement): boolean {
  return s.name === undefined && (/tuple_closure/.test(s.text) || /^SET LOCAL jit/.test(s.text)) && !/^SELECT DISTINCT store FROM tuple/.test(s.text);
}

/** What one maintenanceEstimate statement returned: its counts and the work they bound. */
export function estimateOf(s: LoggedStatement): (ClosureWorkCounts & { work: number }) | undefined {
  if (!/target_edges/.test(s.text)) return undefined;
  const row = s.rows[0] ?? {};
  const counts = { sources: Number(row.sources), dropped: Number(row.dropped), sourceEdges: Number(row.source_edges), targetEdges: Number(row.target_edges) };
  return { ...counts, work: estimatedWork(counts) };
}

/** A SqlDatastore on PostgreSQL in `schema` whose statements all go through `log`. */
export function loggedPostgresDatastore(schema: string, log: StatementLog, options: Partial<SqlDatastoreOptions> = {}): SqlDatastore {
  const pool = (extra: string[]) => new pg.Pool({ connectionString: testDatabaseUrl, max: 4, options: [`-c search_path=${schema}`, ...extra].join(' ') });
  const pools = [pool([])] as const;
  return new SqlDatastore({
    kind: 'postgres',
    client: log.wrap(new PgClient(pools[0], { namedPlanMode: 'force_generic_plan' })),
    schema,
    statistics: false,
    close: async () => {
      await Promise.all(pools.map((p) => p.end()));
    },
    ...options,
  });
}
