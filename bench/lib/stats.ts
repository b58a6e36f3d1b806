// Latency samples and their summary: percentiles, throughput, errors.

export interface LatencySummary {
  count: number;
  errors: number;
  seconds: number;
  throughput: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  /** Unrecorded warm-up requests sent before the measured ones. */
  warmup?: number;
}

/** The `q` quantile (0..1) of ascending samples, nearest rank; NaN when there are none. */
export function percentile(sorted: ArrayLike<number>, q: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/** Records latencies in milliseconds; percentiles by sorting (runs are bounded, so this is cheap). */
export class LatencyRecorder {
  private readonly samples: number[] = [];
  private errorCount = 0;

  record(ms: number): void {
    this.samples.push(ms);
  }

  recordError(): void {
    this.errorCount++;
  }

  summarize(seconds: number, warmup = 0): LatencySummary {
    const sorted = Float64Array.from(this.samples).sort();
    const at = (q: number) => percentile(sorted, q);
    const sum = sorted.reduce((a, b) => a + b, 0);
    return {
      count: sorted.length,
      errors: this.errorCount,
      seconds,
      throughput: sorted.length / seconds,
      p50: at(0.5),
      p95: at(0.95),
      p99: at(0.99),
      mean: sorted.length ? sum / sorted.length : NaN,
      warmup,
    };
  }
}

export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '-';
  return ms < 1 ? ms.toFixed(3) : ms < 100 ? ms.toFixed(2) : ms.toFixed(0);
}
