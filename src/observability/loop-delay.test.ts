import { describe, expect, it } from 'vitest';
import { startLoopDelayProbe } from './loop-delay.js';

function block(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // busy: holds the event loop like a runaway request would
  }
}

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('startLoopDelayProbe', () => {
  it('sees a 200 ms stall of the event loop', async () => {
    const probe = startLoopDelayProbe();
    await tick(50);
    block(200);
    await tick(50);
    const summary = probe.stop();
    expect(summary.samples).toBeGreaterThan(0);
    expect(summary.maxMs).toBeGreaterThanOrEqual(150);
    expect(summary.p50Ms).toBeLessThanOrEqual(summary.p99Ms);
    expect(summary.p99Ms).toBeLessThanOrEqual(summary.maxMs);
  });

  it('reports windows: read() resets, and an idle window has no long stall', async () => {
    const probe = startLoopDelayProbe();
    await tick(30);
    block(150);
    await tick(30);
    expect(probe.read().maxMs).toBeGreaterThanOrEqual(100);
    await tick(100);
    const idle = probe.stop();
    expect(idle.maxMs).toBeLessThan(100);
  });
});
