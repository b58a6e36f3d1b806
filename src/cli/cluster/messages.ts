// The IPC between the `relata serve` primary and its workers (node:cluster's channel). Every
// message carries a `relata` tag so that it never mistakes prom-client's or node's own messages.
import type { WorkerMetrics } from '../../observability/index.js';

/** The env var the primary sets on its workers: they run one server each, never a cluster. */
export const workerMarker = 'RELATA_CLUSTER_WORKER';

export type Question = 'metrics' | 'health';

/** The primary stops a worker with SIGTERM (which also works before the worker listens to IPC). */
export type ToWorker = { relata: 'ask'; id: number; question: Question };

export type FromWorker =
  | { relata: 'ready'; grpcPort: number; httpPort?: number }
  | { relata: 'start-failed'; line: string }
  | { relata: 'answer'; id: number; healthy?: boolean; metrics?: WorkerMetrics };

function tagged(message: unknown): message is { relata: unknown } & Record<string, unknown> {
  return typeof message === 'object' && message !== null && 'relata' in message;
}

export function toWorker(message: unknown): ToWorker | undefined {
  if (!tagged(message)) return undefined;
  if (message.relata === 'ask' && typeof message.id === 'number' && (message.question === 'metrics' || message.question === 'health')) {
    return { relata: 'ask', id: message.id, question: message.question };
  }
  return undefined;
}

export function fromWorker(message: unknown): FromWorker | undefined {
  if (!tagged(message)) return undefined;
  switch (message.relata) {
    case 'ready':
      return typeof message.grpcPort === 'number'
        ? { relata: 'ready', grpcPort: message.grpcPort, ...(typeof message.httpPort === 'number' ? { httpPort: message.httpPort } : {}) }
        : undefined;
    case 'start-failed':
      return typeof message.line === 'string' ? { relata: 'start-failed', line: message.line } : undefined;
    case 'answer':
      return typeof message.id === 'number'
        ? {
            relata: 'answer',
            id: message.id,
            ...(typeof message.healthy === 'boolean' ? { healthy: message.healthy } : {}),
            ...(Array.isArray(message.metrics) ? { metrics: message.metrics as WorkerMetrics } : {}),
          }
        : undefined;
    default:
      return undefined;
  }
}
