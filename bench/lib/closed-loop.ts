// A closed-loop load driver: `concurrency` workers each issue the next request as soon as the
// previous one returns, until `requests` are done or `maxSeconds` pass. Bounded in count and time.
import { performance } from 'node:perf_hooks';
import { LatencyRecorder, type LatencySummary } from './stats.js';

export interface ClosedLoopOptions {
  concurrency: number;
  requests: number;
  maxSeconds: number;
  /** Warm-up requests, not recorded. */
  warmup?: number;
}

export async function runClosedLoop(options: ClosedLoopOptions, send: (index: number) => Promise<unknown>): Promise<LatencySummary> {
  const warmup = options.warmup ?? Math.min(200, Math.ceil(options.requests / 10));
  for (let i = 0; i < warmup; i++) await send(i).catch(() => undefined);

  const recorder = new LatencyRecorder();
  const deadline = performance.now() + options.maxSeconds * 1000;
  let next = 0;
  const start = performance.now();
  const worker = async () => {
    while (next < options.requests && performance.now() < deadline) {
      const index = next++;
      const t0 = performance.now();
      try {
        await send(index);
        recorder.record(performance.now() - t0);
      } catch {
        recorder.recordError();
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return recorder.summarize((performance.now() - start) / 1000, warmup);
}
