import { describe, expect, it } from 'vitest';
import { RateLimitedError } from './errors.js';
import { FailureSlowdown } from './failure-slowdown.js';

describe('FailureSlowdown', () => {
  it('answers the first failures at once, then doubles the delay up to the maximum', async () => {
    const slowdown = new FailureSlowdown({ threshold: 2, baseDelayMs: 1, maxDelayMs: 4 });
    const delays: number[] = [];
    for (let i = 0; i < 6; i++) {
      delays.push(slowdown.delayFor('a'));
      await slowdown.failed('a');
    }
    expect(delays).toEqual([0, 0, 1, 2, 4, 4]);
    expect(slowdown.delayFor('b')).toBe(0);
  });

  it('refuses at once past maxPending waiting refusals, with the delay as retry hint', async () => {
    const slowdown = new FailureSlowdown({ threshold: 0, baseDelayMs: 20, maxDelayMs: 20, maxPending: 3 });
    const outcomes = await Promise.allSettled(Array.from({ length: 10 }, () => slowdown.failed('a')));
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(3);
    const rejected = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    expect(rejected).toHaveLength(7);
    expect(rejected[0].reason).toBeInstanceOf(RateLimitedError);
    expect((rejected[0].reason as RateLimitedError).retryAfterMs).toBe(20);
    // Once they are answered, the address may wait again.
    await expect(slowdown.failed('a')).resolves.toBeUndefined();
  });

  it('keeps at most maxAddresses records however many addresses fail', async () => {
    const slowdown = new FailureSlowdown({ maxAddresses: 100 });
    for (let i = 0; i < 5000; i++) await slowdown.failed(`10.0.${i >> 8}.${i & 255}`);
    expect(slowdown.size).toBe(100);
  });

  it('forgets an address after a quiet window', async () => {
    const slowdown = new FailureSlowdown({ threshold: 1, baseDelayMs: 1, windowMs: 200 });
    await slowdown.failed('a');
    expect(slowdown.delayFor('a')).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(slowdown.delayFor('a')).toBe(0);
  });
});
