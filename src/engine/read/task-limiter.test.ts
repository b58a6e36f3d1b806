import { describe, expect, it } from 'vitest';
import { TaskLimiter } from './task-limiter.js';

describe('TaskLimiter', () => {
  it('runs at most `limit` tasks at once, the queued ones in order', async () => {
    const limiter = new TaskLimiter(3);
    let active = 0;
    let peak = 0;
    const started: number[] = [];
    await Promise.all(
      Array.from({ length: 50_000 }, (_, i) =>
        limiter.run(async () => {
          started.push(i);
          active++;
          peak = Math.max(peak, active);
          await Promise.resolve();
          active--;
        }),
      ),
    );
    expect(peak).toBe(3);
    expect(started).toEqual(Array.from({ length: 50_000 }, (_, i) => i));
  });

  it('frees its slot when a task fails', async () => {
    const limiter = new TaskLimiter(1);
    await expect(limiter.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await limiter.run(() => Promise.resolve(7))).toBe(7);
  });
});
