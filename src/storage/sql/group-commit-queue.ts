// Group commit (issue 18): the writes of one key (a store) that arrive while a transaction of
// that key is in flight wait for it, then go together in the next one, so the store's lock, the
// transaction's round trips and its COMMIT (the WAL flush) are paid once per group instead of
// once per write. A write that arrives when nothing is in flight starts at once: grouping adds
// no wait, it only collects what would otherwise queue on the lock.
//
// Each job is settled on its own: the runner returns one outcome per job, so one caller's error
// never becomes another's.

export type Settled<R> = { ok: true; value: R } | { ok: false; error: unknown };

export interface GroupCommitOptions<J, R> {
  /** Runs one group (in queue order); returns one outcome per job, in the same order. */
  run(key: string, jobs: readonly J[]): Promise<Settled<R>[]>;
  /**
   * How many jobs from the head of `waiting` go in the next group (at least the first always
   * does): the runner's limits, e.g. a bound on rows or jobs that must not share a tuple.
   */
  take(waiting: readonly J[]): number;
}

interface Waiting<J, R> {
  job: J;
  resolve(value: R): void;
  reject(error: unknown): void;
}

export class GroupCommitQueue<J, R> {
  /** Keys with a group in flight, and the jobs waiting for the next group. */
  private readonly waiting = new Map<string, Waiting<J, R>[]>();

  constructor(private readonly options: GroupCommitOptions<J, R>) {}

  submit(key: string, job: J): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const entry = { job, resolve, reject };
      const queue = this.waiting.get(key);
      if (queue) {
        queue.push(entry);
        return;
      }
      const started: Waiting<J, R>[] = [entry];
      this.waiting.set(key, started);
      void this.drain(key, started);
    });
  }

  /** Runs groups of `key` until none waits; one group at a time per key. */
  private async drain(key: string, queue: Waiting<J, R>[]): Promise<void> {
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
    this.waiting.delete(key);
  }
}
