// The metrics/log hook: the cache reports what happened, the caller (service, observability)
// decides whether it becomes a Prometheus counter, a log line or nothing.

export type CacheEvent =
  | { type: 'hit'; tier: 'l1' | 'l2' | 'in-flight' }
  | { type: 'miss' }
  | { type: 'bypass'; reason: 'higher-consistency' | 'uncacheable' }
  | { type: 'redis-error'; operation: string; error: unknown }
  | { type: 'redis-skipped' }
  | { type: 'redis-recovered' }
  | { type: 'invalidation-sent'; storeId: string }
  | { type: 'invalidation-received'; storeId: string; lagMs: number }
  /** This replica's own heartbeat came back: the pub/sub path is live with this delay. */
  | { type: 'heartbeat'; roundTripMs: number }
  | { type: 'poll'; storeId: string; changes: number }
  | { type: 'poll-error'; storeId: string; error: unknown };

export type CacheEventListener = (event: CacheEvent) => void;

export function safeEmit(listener: CacheEventListener | undefined, event: CacheEvent): void {
  if (!listener) return;
  try {
    listener(event);
  } catch {
    // A faulty metrics hook must never break a decision.
  }
}
