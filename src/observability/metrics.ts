// Prometheus metrics: one counter and one latency histogram per RPC, labelled by method and the
// outcome code, on a registry of our own (so that tests and several servers never collide).
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { defaultLoopDelayResolutionMs, summarizeLoopDelay } from './loop-delay.js';

export interface Metrics {
  readonly registry: Registry;
  /** Records one finished request: `code` is 'OK' or the error's code name. */
  observeRequest(transport: string, method: string, code: string, seconds: number): void;
  /** One decision-cache lookup: `result` is l1 | l2 | in-flight | miss | bypass. */
  observeCacheLookup(result: string): void;
  /** A cache dependency failed (Redis, changelog polling): `source` names it. */
  observeCacheError(source: string): void;
  /** How long an invalidation took to reach this replica from the writer. */
  observeInvalidationLag(seconds: number): void;
  /** A refused call: `reason` is the coarse failure reason (missing, malformed, expired, forbidden, ...). */
  observeAuthFailure(reason: string): void;
  /** An authenticated call, by the principal's kind (preshared, client, oidc). */
  observeAuthSuccess(kind: string): void;
  /** Reports the sub-result cache's running counts at each scrape. */
  trackSubResults(read: () => { hits: number; misses: number; entries: number }): void;
}

export function createMetrics(options: { defaultMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: 'relata_' });
  const requests = new Counter({
    name: 'relata_requests_total',
    help: 'Requests served, by transport, method and result code',
    labelNames: ['transport', 'method', 'code'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'relata_request_duration_seconds',
    help: 'Request latency, by transport and method',
    labelNames: ['transport', 'method'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const cacheLookups = new Counter({
    name: 'relata_decision_cache_lookups_total',
    help: 'Decision cache lookups, by result (l1, l2, in-flight, miss, bypass)',
    labelNames: ['result'] as const,
    registers: [registry],
  });
  const cacheErrors = new Counter({
    name: 'relata_decision_cache_errors_total',
    help: 'Failures of the decision cache dependencies (answers are then computed uncached)',
    labelNames: ['source'] as const,
    registers: [registry],
  });
  const invalidationLag = new Histogram({
    name: 'relata_decision_cache_invalidation_lag_seconds',
    help: 'Delay between a write on one replica and its invalidation arriving on this one',
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const authFailures = new Counter({
    name: 'relata_auth_failures_total',
    help: 'Calls refused by authentication or authorization, by reason',
    labelNames: ['reason'] as const,
    registers: [registry],
  });
  const authSuccesses = new Counter({
    name: 'relata_auth_successes_total',
    help: 'Authenticated calls, by principal kind',
    labelNames: ['kind'] as const,
    registers: [registry],
  });
  // Sampled continuously (an unref'd native timer); each scrape reports the window since the last.
  const loopDelay = monitorEventLoopDelay({ resolution: defaultLoopDelayResolutionMs });
  loopDelay.enable();
  new Gauge({
    name: 'relata_event_loop_delay_seconds',
    help: 'Event loop delay since the previous scrape (quantile 0.5, 0.99, and 1 = max): how long work held the loop',
    labelNames: ['quantile'] as const,
    registers: [registry],
    // Merged across worker processes (RELATA_WORKERS): the worst loop, not a sum of delays.
    aggregator: 'max',
    collect() {
      const { p50Ms, p99Ms, maxMs } = summarizeLoopDelay(loopDelay);
      loopDelay.reset();
      this.set({ quantile: '0.5' }, p50Ms / 1e3);
      this.set({ quantile: '0.99' }, p99Ms / 1e3);
      this.set({ quantile: '1' }, maxMs / 1e3);
    },
  });
  let subResults: (() => { hits: number; misses: number; entries: number }) | undefined;
  new Counter({
    name: 'relata_subresult_cache_lookups_total',
    help: 'Sub-problem results looked up across Checks, by result (hit, miss)',
    labelNames: ['result'] as const,
    registers: [registry],
    collect() {
      if (!subResults) return;
      const { hits, misses } = subResults();
      this.reset();
      this.inc({ result: 'hit' }, hits);
      this.inc({ result: 'miss' }, misses);
    },
  });
  new Gauge({
    name: 'relata_subresult_cache_entries',
    help: 'Sub-problem results held for reuse across Checks',
    registers: [registry],
    collect() {
      if (subResults) this.set(subResults().entries);
    },
  });
  return {
    registry,
    trackSubResults: (read) => {
      subResults = read;
    },
    observeRequest(transport, method, code, seconds) {
      requests.inc({ transport, method, code });
      latency.observe({ transport, method }, seconds);
    },
    observeCacheLookup: (result) => cacheLookups.inc({ result }),
    observeCacheError: (source) => cacheErrors.inc({ source }),
    observeInvalidationLag: (seconds) => invalidationLag.observe(seconds),
    observeAuthFailure: (reason) => authFailures.inc({ reason }),
    observeAuthSuccess: (kind) => authSuccesses.inc({ kind }),
  };
}
