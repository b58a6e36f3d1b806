// Slows down addresses that keep failing authentication. Past `threshold` failures within
// `windowMs`, each further refusal is answered only after a delay that doubles per failure (up
// to `maxDelayMs`), and an address may have at most `maxPending` refusals waiting: beyond that it
// is refused at once as rate limited. Valid credentials are never delayed (many callers may share
// an address behind a proxy). State is one small record per address in an LRU of `maxAddresses`,
// so memory is bounded whatever the number of addresses; waiting is a timer, never a busy loop.
import { setTimeout as sleep } from 'node:timers/promises';
import { LRUCache } from 'lru-cache';
import { RateLimitedError } from './errors.js';

export interface SlowdownOptions {
  /** Failures within the window that are answered without delay. */
  threshold: number;
  windowMs: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Delayed refusals one address may have waiting at once. */
  maxPending: number;
  /** Addresses tracked (least recently failing ones are forgotten first). */
  maxAddresses: number;
}

export const defaultSlowdown: SlowdownOptions = {
  threshold: 5,
  windowMs: 60_000,
  baseDelayMs: 100,
  maxDelayMs: 2_000,
  maxPending: 16,
  maxAddresses: 10_000,
};

interface FailureRecord {
  failures: number;
  pending: number;
}

export class FailureSlowdown {
  private readonly options: SlowdownOptions;
  private readonly addresses: LRUCache<string, FailureRecord>;

  constructor(options: Partial<SlowdownOptions> = {}) {
    this.options = { ...defaultSlowdown, ...options };
    this.addresses = new LRUCache({ max: this.options.maxAddresses, ttl: this.options.windowMs });
  }

  /** The delay the next refusal of `address` would wait (0 below the threshold). */
  delayFor(address: string): number {
    const failures = this.addresses.get(address, { updateAgeOnGet: false })?.failures ?? 0;
    return this.delayAfter(failures + 1);
  }

  /**
   * Records a failure of `address` and resolves when its refusal may be sent; rejects with a
   * RateLimitedError when the address already has `maxPending` refusals waiting.
   */
  async failed(address: string): Promise<void> {
    const record = this.addresses.get(address, { updateAgeOnGet: false }) ?? { failures: 0, pending: 0 };
    record.failures++;
    // Re-set on every failure: the window counts from the latest one.
    this.addresses.set(address, record);
    const delay = this.delayAfter(record.failures);
    if (delay === 0) return;
    if (record.pending >= this.options.maxPending) throw new RateLimitedError(delay);
    record.pending++;
    try {
      await sleep(delay, undefined, { ref: false });
    } finally {
      record.pending--;
    }
  }

  /** Addresses currently tracked (for tests and bounds). */
  get size(): number {
    return this.addresses.size;
  }

  private delayAfter(failures: number): number {
    const over = failures - this.options.threshold;
    if (over <= 0) return 0;
    return Math.min(this.options.maxDelayMs, this.options.baseDelayMs * 2 ** Math.min(over - 1, 30));
  }
}
