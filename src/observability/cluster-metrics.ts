// Metrics of several worker processes served by one endpoint: each worker hands over its
// registry as JSON, the primary merges them with each metric's own aggregator (prom-client's
// AggregatorRegistry.aggregate: counters and histograms summed, the loop-delay gauge by max,
// default process metrics as prom-client declares them), so one scrape sees one server.
import { AggregatorRegistry, Registry } from 'prom-client';

/** What the ops endpoint scrapes: a Registry, or the merge of the workers' registries. */
export interface MetricsSource {
  readonly contentType: string;
  metrics(): Promise<string>;
}

/** One worker's metrics as sent over IPC (structured-clone safe: JSON from getMetricsAsJSON). */
export type WorkerMetrics = Awaited<ReturnType<Registry['getMetricsAsJSON']>>;

/** A worker's registry as the primary merges it. */
export function exportMetrics(registry: Registry): Promise<WorkerMetrics> {
  return registry.getMetricsAsJSON();
}

/** The Prometheus text of the workers' metrics merged into one. */
export function mergeMetrics(perWorker: readonly WorkerMetrics[]): Promise<string> {
  return AggregatorRegistry.aggregate([...perWorker]).metrics();
}

export const prometheusContentType: string = Registry.PROMETHEUS_CONTENT_TYPE;
