// Group commit (issue 18): the writes of one key (a store) that arrive while a transaction of
// that key is in flight wait for it, then go together in the next one, so the store's lock, the
// transaction's round trips and its COMMIT (the WAL flush) are paid once per group instead of
// once per write. A write that arrives when nothing is in flight starts at once: grouping adds
// no wait, it only collects what would otherwise queue on the lock.
//
// Each job is settled on its own: the runner returns one outcome per job, so one caller's error
// never becomes another's.
//
// Reads use the same protocol (sql-level-coalescer.ts): the level reads of concurrent Checks of
// one store that arrive while a level statement of that store is in flight go together as one
// statement. A reader may allow more than one group in flight per key (`inFlight`): a new job
// then starts a group at once while fewer than that many run.

export type Settled<R> = { ok: true; value: R } | { ok: false; error: unknown };

export interface GroupCommitOptions<J, R> {
  /** Runs one group (in queue order); returns one outcome per job, in the same order. */
  run(key: string, jobs: readonly J[]): Promise<Settled<R>[]>;
  /**
   * How many jobs from the head of `waiting` go in the next group (at least the first always
   * does): the runner's limits, e.g. a bound on rows or jobs that must not share a tuple.
   */
  take(waiting: readonly J[]): number;
  /** Groups of one key that may run at once (default 1: one after the other). */
  inFlight?: number;
}

interface KeyState<J, R> {
  /** Jobs waiting for the next group. */
  queue: Waiting<J, R>[];
  /** Groups of the key running now. */
  running: number;
}

interface Waiting<J, R> {
  job: J;
  resolve(value: R): void;
  reject(error: unknown): void;
}

export class GroupCommitQueue<J, R> {
  /** Keys with a group in flight, and the jobs waiting for the next group. */
  private readonly waiting = new Map<string, KeyState<J, R>>();
  private readonly inFlight: number;

  constructor(private readonly options: GroupCommitOptions<J, R>) {
    this.inFlight = Math.max(1, options.inFlight ?? 1);
  }

  submit(key: string, job: J): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      let state = this.waiting.get(key);
      if (!state) {
        state = { queue: [], running: 0 };
        this.waiting.set(key, state);
      }
      state.queue.push({ job, resolve, reject });
      if (state.running < this.inFlight) void this.drain(key, state);
    });
  }

  /** Runs groups of `key` until none waits; at most `inFlight` drains per key. */
  private async drain(key: string, state: KeyState<J, R>): Promise<void> {
    state.running++;
    const queue = state.queue;
    while (queue.length > 0) {
      const wanted = this.options.take(queue.map((w) => w.job));
      const group = queue.splice(0, Math.max(1, Math.min(wanted, queue.length)));
      let outcomes: Settled<R>[];
      try {
        outcomes = await this.options.run(key, group.map((w) => w.job));
        if (outcomes.length !== group.length) throw new Error(`group commit runner settled ${outcomes.length} of ${group.length} jobs`);
      } catch (error) {
        outcomes = group.map(() => ({ ok: false, error }));
      }
      for (const [i, waiting] of group.entries()) {
        const outcome = outcomes[i];
        if (outcome.ok) waiting.resolve(outcome.value);
        else waiting.reject(outcome.error);
      }
    }
    state.running--;
    if (state.running === 0) this.waiting.delete(key);
  }
}
