import { describe, expect, it } from 'vitest';
import { createMetrics } from './metrics.js';

describe('metrics', () => {
  it('counts decision cache lookups by result, dependency errors, and invalidation lag', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    metrics.observeCacheLookup('l1');
    metrics.observeCacheLookup('l1');
    metrics.observeCacheLookup('miss');
    metrics.observeCacheError('redis');
    metrics.observeInvalidationLag(0.012);
    const text = await metrics.registry.metrics();
    expect(text).toContain('relata_decision_cache_lookups_total{result="l1"} 2');
    expect(text).toContain('relata_decision_cache_lookups_total{result="miss"} 1');
    expect(text).toContain('relata_decision_cache_errors_total{source="redis"} 1');
    expect(text).toContain('relata_decision_cache_invalidation_lag_seconds_count 1');
  });

  it('reports the sub-result cache counts at each scrape', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    const counts = { hits: 3, misses: 1, entries: 7 };
    metrics.trackSubResults(() => counts);
    expect(await metrics.registry.metrics()).toContain('relata_subresult_cache_lookups_total{result="hit"} 3');
    counts.hits = 5;
    const text = await metrics.registry.metrics();
    expect(text).toContain('relata_subresult_cache_lookups_total{result="hit"} 5');
    expect(text).toContain('relata_subresult_cache_lookups_total{result="miss"} 1');
    expect(text).toContain('relata_subresult_cache_entries 7');
  });

  it('exports the event loop delay since the previous scrape', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    await new Promise((resolve) => setTimeout(resolve, 30));
    const until = Date.now() + 120;
    while (Date.now() < until) {
      // hold the loop
    }
    await new Promise((resolve) => setTimeout(resolve, 30));
    const text = await metrics.registry.metrics();
    for (const quantile of ['0.5', '0.99', '1']) expect(text).toMatch(new RegExp(`relata_event_loop_delay_seconds\\{quantile="${quantile}"\\} [0-9.e-]+`));
    const max = Number(/relata_event_loop_delay_seconds\{quantile="1"\} ([0-9.e-]+)/.exec(text)?.[1]);
    expect(max).toBeGreaterThanOrEqual(0.08);
  });
});
