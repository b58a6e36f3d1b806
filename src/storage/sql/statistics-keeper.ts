// Keeps the planner's statistics of the tuple and changelog tables current without autovacuum
// (off on some PostgreSQL deployments, absent on PGlite). Without statistics the planner cannot
// tell the primary key from tuple_reverse_idx for a forward read and picks the one that scans a
// whole (store, type, relation) range: a freshly loaded store answers Check ~25x slower.
//
// The write path reports how many rows it changed; once a table has changed more than
// minChangedRows + scaleFactor x its rows at the last ANALYZE (autovacuum's own rule), the keeper
// runs ANALYZE in the background: after the Write has returned, one run at a time, debounced, and
// spending at most `maxTimeShare` of the wall clock in ANALYZE (PGlite runs one statement at a
// time, so its requests wait while ANALYZE runs: ~0.2 s at 100k tuples). `start()` analyzes
// tables that hold rows but were never analyzed, or changed a lot since (e.g. loaded by a process
// that stopped before its keeper ran).
import type { SqlClient } from './sql-client.js';

const keptTables = ['tuple', 'changelog'] as const;
export type KeptTable = (typeof keptTables)[number];

export interface AnalyzeEvent {
  table: KeptTable;
  /** Rows the planner now estimates (pg_class.reltuples after ANALYZE). */
  rows: number;
  ms: number;
}

export interface StatisticsKeeperOptions {
  /** Rows a table must change before it is analyzed again, on top of the scaled part (default 1000). */
  minChangedRows?: number;
  /** Fraction of the table's rows at its last ANALYZE that must change too (default 0.1). */
  scaleFactor?: number;
  /** Wait once the threshold is passed, so that a burst of writes is analyzed once (default 500 ms). */
  delayMs?: number;
  /** Upper bound of the share of wall time spent in ANALYZE (default 0.1). */
  maxTimeShare?: number;
  onAnalyze?: (event: AnalyzeEvent) => void;
  /** A failed ANALYZE is retried on a later write, no sooner than this (default 10 000 ms). */
  retryDelayMs?: number;
  /** Failures end here; they never reach a caller. */
  onError?: (error: unknown) => void;
}

const analyzeTimeoutMs = 300_000;

interface TableState {
  changed: number;
  threshold: number;
}

export class StatisticsKeeper {
  private readonly minChangedRows: number;
  private readonly scaleFactor: number;
  private readonly delayMs: number;
  private readonly maxTimeShare: number;
  private readonly tables = new Map<KeptTable, TableState>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | undefined;
  private reading: Promise<void> | undefined;
  private notBefore = 0;
  private closed = false;

  constructor(
    private readonly client: SqlClient,
    private readonly options: StatisticsKeeperOptions = {},
  ) {
    this.minChangedRows = options.minChangedRows ?? 1000;
    this.scaleFactor = options.scaleFactor ?? 0.1;
    this.delayMs = options.delayMs ?? 500;
    this.maxTimeShare = options.maxTimeShare ?? 0.1;
    for (const table of keptTables) this.tables.set(table, { changed: 0, threshold: this.minChangedRows });
  }

  /** The write path's report: `rows` rows of each kept table changed. Never waits, never throws. */
  recordChanges(rows: number): void {
    if (this.closed || !(rows > 0)) return;
    for (const state of this.tables.values()) state.changed += rows;
    this.schedule();
  }

  /**
   * Reads each table's statistics state and schedules ANALYZE where it is missing or stale.
   * Resolves once read (not once analyzed); a failure goes to onError.
   */
  start(): Promise<void> {
    // Once per keeper: migrate() may run more than once.
    this.reading ??= this.readState();
    return this.reading;
  }

  private async readState(): Promise<void> {
    try {
      for (const table of keptTables) {
        const [row] = await this.client.query(
          `SELECT c.reltuples::float8 AS reltuples, coalesce(s.n_mod_since_analyze, 0)::float8 AS changed,
             (c.reltuples < 0 AND EXISTS (SELECT 1 FROM ${table})) AS unanalyzed
           FROM pg_class c LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
           WHERE c.oid = to_regclass($1)`,
          [table],
        );
        if (!row) continue; // not migrated yet
        const state = this.tables.get(table)!;
        state.threshold = this.thresholdFor(Number(row.reltuples));
        state.changed += row.unanalyzed === true ? state.threshold : Number(row.changed);
      }
      this.schedule();
    } catch (error) {
      this.options.onError?.(error);
    }
  }

  /** Stops the keeper: no ANALYZE starts afterwards; resolves once a running one has finished. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.reading;
    await this.running;
  }

  private thresholdFor(reltuples: number): number {
    return this.minChangedRows + this.scaleFactor * Math.max(0, reltuples);
  }

  private due(): KeptTable[] {
    return keptTables.filter((table) => {
      const state = this.tables.get(table)!;
      return state.changed >= state.threshold;
    });
  }

  private schedule(): void {
    // A running ANALYZE re-schedules when it ends, so runs never overlap.
    if (this.closed || this.timer || this.running || this.due().length === 0) return;
    const wait = Math.max(this.delayMs, this.notBefore - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.running = this.run().then((ok) => {
        this.running = undefined;
        // After a failure (e.g. the database is down) only a new write schedules a retry.
        if (ok) this.schedule();
      });
    }, wait);
    // A pending ANALYZE never keeps the process alive.
    this.timer.unref();
  }

  private async run(): Promise<boolean> {
    const started = Date.now();
    try {
      for (const table of this.due()) {
        if (this.closed) return true;
        const state = this.tables.get(table)!;
        // Changes recorded while ANALYZE runs count towards the next run.
        const seen = state.changed;
        const t0 = Date.now();
        await this.client.transaction(async (tx) => {
          // ANALYZE reads a fixed-size sample, yet on a large, cold table it may outlast the
          // pool's per-statement timeout, and then it would never succeed.
          await tx.query(`SET LOCAL statement_timeout = ${analyzeTimeoutMs}`);
          await tx.query(`ANALYZE ${table}`);
        });
        const [row] = await this.client.query('SELECT reltuples::float8 AS reltuples FROM pg_class WHERE oid = to_regclass($1)', [table]);
        const rows = Math.max(0, Number(row?.reltuples ?? 0));
        state.changed -= seen;
        state.threshold = this.thresholdFor(rows);
        this.options.onAnalyze?.({ table, rows, ms: Date.now() - t0 });
      }
      this.notBefore = Date.now() + (Date.now() - started) / this.maxTimeShare;
      return true;
    } catch (error) {
      this.notBefore = Date.now() + (this.options.retryDelayMs ?? 10_000);
      this.options.onError?.(error);
      return false;
    }
  }
}
