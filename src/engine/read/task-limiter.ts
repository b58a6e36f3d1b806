// The one concurrency limiter of the engine: a request's reads (RequestReader, the list walks'
// rounds) and the list walks' candidate Checks each go through one, first come first served.

/** Runs async tasks with at most `limit` in flight. */
export class TaskLimiter {
  private active = 0;
  // Waiters are taken from `head` on: shift() is linear in the queue's length, and a list request
  // may queue a hundred thousand checks.
  private queue: (() => void)[] = [];
  private head = 0;

  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.queue.push(resolve));
    this.active++;
    try {
      return await task();
    } finally {
      this.active--;
      this.wakeNext();
    }
  }

  private wakeNext(): void {
    if (this.head >= this.queue.length) return;
    const next = this.queue[this.head++];
    if (this.head === this.queue.length) {
      this.queue = [];
      this.head = 0;
    }
    next();
  }
}
