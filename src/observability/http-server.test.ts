import { afterEach, describe, expect, it } from 'vitest';
import { startOpsServer } from './http-server.js';
import type { OpsServer } from './http-server.js';
import { createMetrics } from './metrics.js';

let server: OpsServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('ops endpoint', () => {
  it('serves Prometheus metrics and health', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    metrics.observeRequest('grpc', 'Check', 'OK', 0.002);
    let healthy = true;
    server = await startOpsServer({ addr: '127.0.0.1:0', registry: metrics.registry, health: async () => healthy });
    const base = `http://127.0.0.1:${server.port}`;

    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toContain('relata_requests_total{transport="grpc",method="Check",code="OK"} 1');
    expect(text).toContain('relata_request_duration_seconds_bucket');

    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    healthy = false;
    expect((await fetch(`${base}/healthz`)).status).toBe(503);
    expect((await fetch(`${base}/nope`)).status).toBe(404);
  });
});
