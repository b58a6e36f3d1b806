// The keeper's rules on a real (embedded) database: when it analyzes, that runs never overlap,
// that failures stay inside it, and that close() leaves nothing running.
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pgliteClient } from '../pglite/pglite-client.js';
import { runMigrations } from './migrate.js';
import type { SqlClient, SqlRow } from './sql-client.js';
import { StatisticsKeeper, type AnalyzeEvent, type StatisticsKeeperOptions } from './statistics-keeper.js';

interface Watch {
  analyzed: string[];
  inFlight: number;
  maxInFlight: number;
  failAnalyze: boolean;
}

/** The real client, watched: which ANALYZEs ran, how many at once; optionally failing them. */
class WatchedClient implements SqlClient {
  constructor(
    private readonly inner: SqlClient,
    readonly watch: Watch = { analyzed: [], inFlight: 0, maxInFlight: 0, failAnalyze: false },
  ) {}

  async query(text: string, params?: readonly unknown[], name?: string): Promise<SqlRow[]> {
    if (!text.startsWith('ANALYZE')) return this.inner.query(text, params, name);
    const w = this.watch;
    if (w.failAnalyze) throw new Error('forged ANALYZE failure');
    w.inFlight++;
    w.maxInFlight = Math.max(w.maxInFlight, w.inFlight);
    try {
      // A slow ANALYZE, so that writes arrive while it runs.
      await new Promise((resolve) => setTimeout(resolve, 30));
      const rows = await this.inner.query(text, params, name);
      w.analyzed.push(text.slice('ANALYZE '.length));
      return rows;
    } finally {
      w.inFlight--;
    }
  }

  exec(script: string): Promise<void> {
    return this.inner.exec(script);
  }

  transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T> {
    return this.inner.transaction((tx) => fn(new WatchedClient(tx, this.watch)));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let db: PGlite;
let base: SqlClient;
let client: WatchedClient;
let watch: Watch;
const keepers: StatisticsKeeper[] = [];

beforeAll(async () => {
  db = await PGlite.create();
  base = pgliteClient(db);
  await runMigrations(base);
});

afterAll(async () => {
  await Promise.all(keepers.map((k) => k.close()));
  await db.close();
});

beforeEach(async () => {
  await Promise.all(keepers.splice(0).map((k) => k.close()));
  await base.exec('TRUNCATE tuple, changelog');
  client = new WatchedClient(base);
  watch = client.watch;
});

function keeper(options: StatisticsKeeperOptions = {}): { keeper: StatisticsKeeper; events: AnalyzeEvent[]; errors: unknown[] } {
  const events: AnalyzeEvent[] = [];
  const errors: unknown[] = [];
  const k = new StatisticsKeeper(client, { delayMs: 0, minChangedRows: 100, maxTimeShare: 1, ...options, onAnalyze: (e) => events.push(e), onError: (e) => errors.push(e) });
  keepers.push(k);
  return { keeper: k, events, errors };
}

async function insertTuples(count: number): Promise<void> {
  await base.query(
    `INSERT INTO tuple (store, object_type, object_id, relation, user_type, user_id, revision)
     SELECT 's', 'doc', 'd' || g, 'viewer', 'user', 'u' || g, 1 FROM generate_series(1, $1::int) AS g`,
    [count],
  );
}

async function until(done: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(10);
  }
}

describe('StatisticsKeeper', () => {
  it('does nothing below the threshold and analyzes both tables once it is passed', async () => {
    const { keeper: k, events } = keeper();
    k.recordChanges(99);
    await sleep(50);
    expect(watch.analyzed).toEqual([]);
    await insertTuples(500);
    k.recordChanges(1);
    await until(() => events.length === 2);
    expect(watch.analyzed).toEqual(['tuple', 'changelog']);
    expect(events.find((e) => e.table === 'tuple')?.rows).toBe(500);
  });

  it('scales the threshold with the rows at the last ANALYZE (autovacuum: base + 10%)', async () => {
    const { keeper: k, events } = keeper({ minChangedRows: 100, scaleFactor: 0.1 });
    await insertTuples(10_000);
    k.recordChanges(100);
    const tupleRuns = () => watch.analyzed.filter((t) => t === 'tuple').length;
    await until(() => events.length === 2);
    // Now 100 + 10% of 10 000 rows of tuple must change (changelog stayed empty: 100 rows).
    k.recordChanges(1000);
    await until(() => events.length === 3);
    await sleep(50);
    expect(tupleRuns()).toBe(1);
    k.recordChanges(100);
    await until(() => tupleRuns() === 2);
  });

  it('debounces a burst into one run and never runs two at once; changes during a run count for the next', async () => {
    const { keeper: k, events } = keeper({ delayMs: 20 });
    for (let i = 0; i < 50; i++) k.recordChanges(100);
    await until(() => watch.inFlight > 0);
    for (let i = 0; i < 50; i++) k.recordChanges(100); // while ANALYZE of tuple runs
    await until(() => events.length === 3);
    await sleep(100);
    // changelog's ANALYZE had not started yet, so it saw them: only tuple runs again.
    expect(watch.analyzed).toEqual(['tuple', 'changelog', 'tuple']);
    expect(watch.maxInFlight).toBe(1);
  });

  it('spends at most maxTimeShare of the wall clock in ANALYZE', async () => {
    const { keeper: k, events } = keeper({ maxTimeShare: 0.1 });
    k.recordChanges(100);
    await until(() => events.length === 2);
    const firstDone = Date.now();
    k.recordChanges(100);
    await until(() => events.length === 4);
    // Two ANALYZEs of >= 30 ms each: the next run waited >= 10x that.
    expect(Date.now() - firstDone).toBeGreaterThanOrEqual(500);
  });

  it('keeps failures to itself and retries on a later write', async () => {
    const { keeper: k, events, errors } = keeper({ retryDelayMs: 0 });
    watch.failAnalyze = true;
    expect(() => k.recordChanges(100)).not.toThrow();
    await until(() => errors.length === 1);
    // The driver's failure, typed by the client (the cause keeps the original).
    expect(String((errors[0] as Error).cause)).toMatch(/forged ANALYZE failure/);
    await sleep(50);
    expect(errors).toHaveLength(1); // no retry loop without writes
    watch.failAnalyze = false;
    k.recordChanges(1);
    await until(() => events.length === 2);
  });

  it('ignores nonsense counts', async () => {
    const { keeper: k } = keeper();
    for (const n of [-1000, Number.NaN, 0]) k.recordChanges(n);
    await sleep(50);
    expect(watch.analyzed).toEqual([]);
  });

  it('close() cancels a pending run and waits for a running one; nothing runs afterwards', async () => {
    const pending = keeper({ delayMs: 60_000 });
    pending.keeper.recordChanges(1000);
    await pending.keeper.close();
    pending.keeper.recordChanges(1000);

    const running = keeper();
    running.keeper.recordChanges(1000);
    await until(() => watch.inFlight > 0);
    await running.keeper.close();
    expect(watch.inFlight).toBe(0);
    const count = watch.analyzed.length;
    await sleep(100);
    expect(watch.analyzed).toHaveLength(count);
    expect(count).toBeLessThanOrEqual(1); // the run stops between tables
  });

  it('start() analyzes tables that hold rows but were never analyzed, and leaves empty ones alone', async () => {
    const empty = keeper();
    await empty.keeper.start();
    await sleep(50);
    expect(watch.analyzed).toEqual([]);

    // TRUNCATE resets the statistics: a fresh table again.
    await insertTuples(10);
    const loaded = keeper();
    await loaded.keeper.start();
    await until(() => loaded.events.length >= 1);
    expect(watch.analyzed).toContain('tuple');
  });
});
