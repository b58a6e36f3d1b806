// Bounds the slow hashes in flight: at most `concurrency` run at once (the libuv pool has 4
// threads by default, shared with file and DNS work), at most `queue` wait; beyond that a call is
// refused with a retry hint instead of queueing without bound (a flood of wrong keys must not
// grow memory or starve the pool).
import { RateLimitedError } from '../errors.js';

export class KdfGate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly concurrency: number,
    private readonly queue: number,
  ) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.queue) throw new RateLimitedError(1_000);
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await work();
    } finally {
      // Hand the slot straight to the next waiter (the count stays), or free it.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
