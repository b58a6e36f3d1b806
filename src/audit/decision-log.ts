// The opt-in decision log: Check decisions pushed onto a bounded in-memory queue (the only work on
// the request path) and written in batches by a background flush. When the queue is full a
// decision is dropped and counted, never waited for; close() flushes what is queued.
import type { DecisionLogMode } from '../config/audit.js';

export interface DecisionLogOptions<T> {
  mode: DecisionLogMode;
  byStore: ReadonlyMap<string, DecisionLogMode>;
  /** 0..1 */
  sample: number;
  queueSize: number;
  batchSize: number;
  flushMs: number;
  /** Writes one batch (sealing it off the request thread). */
  write(items: T[]): Promise<void>;
  onDropped?(count: number, why: 'queue-full' | 'write-failed', error?: unknown): void;
  onWritten?(count: number): void;
  random?: () => number;
}

export class DecisionLog<T> {
  private queue: T[] = [];
  private flushing: Promise<void> | undefined;
  private scheduled = false;
  private readonly timer: NodeJS.Timeout;
  private closed = false;
  private dropped = 0;
  private readonly random: () => number;

  constructor(private readonly options: DecisionLogOptions<T>) {
    this.random = options.random ?? Math.random;
    this.timer = setInterval(() => void this.flush(), options.flushMs);
    this.timer.unref();
  }

  /** Whether a decision of this store and result is to be logged (mode, then sampling). */
  wants(storeId: string, allowed: boolean): boolean {
    const mode = this.options.byStore.get(storeId) ?? this.options.mode;
    if (mode === 'off' || (mode === 'denied' && allowed)) return false;
    return this.options.sample >= 1 || this.random() < this.options.sample;
  }

  /** Never blocks: queued, or dropped and counted when the queue is full or the log closed. */
  record(decision: T): void {
    if (this.closed || this.queue.length >= this.options.queueSize) {
      this.dropped++;
      this.options.onDropped?.(1, 'queue-full');
      return;
    }
    this.queue.push(decision);
    if (this.queue.length >= this.options.batchSize && !this.flushing && !this.scheduled) {
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        void this.flush();
      });
    }
  }

  get droppedCount(): number {
    return this.dropped;
  }

  get queued(): number {
    return this.queue.length;
  }

  /** Writes everything queued so far, one batch after another; one flush at a time. */
  flush(): Promise<void> {
    this.flushing ??= this.drain().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.options.batchSize);
      try {
        await this.options.write(batch);
        this.options.onWritten?.(batch.length);
      } catch (error) {
        this.dropped += batch.length;
        this.options.onDropped?.(batch.length, 'write-failed', error);
      }
      // Let requests run between batches.
      if (this.queue.length > 0) await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** Stops the timer, refuses new decisions and writes the queued ones (graceful shutdown). */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    await this.flush();
  }
}
