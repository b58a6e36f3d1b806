import { describe, expect, it } from 'vitest';
import { exportMetrics, mergeMetrics } from './cluster-metrics.js';
import { createMetrics } from './metrics.js';

describe('mergeMetrics', () => {
  it('sums request counters and histograms across workers and keeps the worst event-loop delay', async () => {
    const a = createMetrics({ defaultMetrics: false });
    const b = createMetrics({ defaultMetrics: false });
    a.observeRequest('grpc', 'Check', 'OK', 0.001);
    a.observeRequest('grpc', 'Check', 'OK', 0.002);
    b.observeRequest('grpc', 'Check', 'OK', 0.003);
    b.observeRequest('grpc', 'Write', 'OK', 0.004);
    const text = await mergeMetrics([await exportMetrics(a.registry), await exportMetrics(b.registry)]);
    expect(text).toMatch(/^relata_requests_total\{transport="grpc",method="Check",code="OK"\} 3$/m);
    expect(text).toMatch(/^relata_requests_total\{transport="grpc",method="Write",code="OK"\} 1$/m);
    expect(text).toMatch(/^relata_request_duration_seconds_count\{transport="grpc",method="Check"\} 3$/m);
    const delays = [...text.matchAll(/^relata_event_loop_delay_seconds\{quantile="1"\} (\S+)$/gm)];
    expect(delays).toHaveLength(1);
  });

  it('merges nothing into an empty exposition', async () => {
    expect((await mergeMetrics([])).trim()).toBe('');
  });
});
