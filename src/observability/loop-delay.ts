// Event-loop delay: how late the loop runs a timer that should have fired, i.e. how long some
// piece of work held the only thread. One request must never hold it for long; this measures
// whether any did, over a window (tests, the bench) or between two scrapes (the metric).
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { IntervalHistogram } from 'node:perf_hooks';

/** Delay percentiles over a window, in milliseconds (0 when nothing was sampled). */
export interface LoopDelaySummary {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Number of samples taken (about the window length / resolution). */
  samples: number;
}

export interface LoopDelayProbe {
  /** The summary since start (or the last `read`), without stopping. */
  read(): LoopDelaySummary;
  /** Stops sampling and returns the summary of the last window. */
  stop(): LoopDelaySummary;
}

/** Finer than ~10 ms mostly measures the sampler; coarser hides stalls of a few tens of ms. */
export const defaultLoopDelayResolutionMs = 10;

export function summarizeLoopDelay(histogram: IntervalHistogram): LoopDelaySummary {
  const samples = histogram.count;
  if (samples === 0) return { p50Ms: 0, p99Ms: 0, maxMs: 0, samples };
  // The histogram records nanoseconds of lateness past the resolution.
  const ms = (ns: number): number => Math.round(ns / 1e3) / 1e3;
  return { p50Ms: ms(histogram.percentile(50)), p99Ms: ms(histogram.percentile(99)), maxMs: ms(histogram.max), samples };
}

export function startLoopDelayProbe(options: { resolutionMs?: number } = {}): LoopDelayProbe {
  const histogram = monitorEventLoopDelay({ resolution: options.resolutionMs ?? defaultLoopDelayResolutionMs });
  histogram.enable();
  const read = (): LoopDelaySummary => {
    const summary = summarizeLoopDelay(histogram);
    histogram.reset();
    return summary;
  };
  return {
    read,
    stop: () => {
      histogram.disable();
      return read();
    },
  };
}
