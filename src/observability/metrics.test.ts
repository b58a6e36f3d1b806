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
});
