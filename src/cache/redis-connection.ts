// Redis clients tuned to fail fast: no offline queue (a command while disconnected fails at
// once instead of piling up), no per-command retries, bounded command time, and reconnection
// with capped backoff forever so that caching resumes by itself when Redis returns.
import { Redis } from 'ioredis';

export interface RedisConnectionOptions {
  url: string;
  commandTimeoutMs: number;
  /**
   * Send the commands issued in one event-loop tick as one pipeline (one socket write): under
   * load, L2 lookups of concurrent requests otherwise cost a system call each. Not for a client
   * that subscribes.
   */
  autoPipelining?: boolean;
}

export function createRedisClient(options: RedisConnectionOptions, onError: (error: unknown) => void): Redis {
  const client = new Redis(options.url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: options.commandTimeoutMs,
    connectTimeout: Math.max(200, options.commandTimeoutMs * 4),
    retryStrategy: (times) => Math.min(25 * 2 ** Math.min(times, 10), 1_000),
    autoResubscribe: false,
    lazyConnect: false,
    enableAutoPipelining: options.autoPipelining ?? false,
  });
  // Without a listener ioredis reports every reconnect attempt as an unhandled error.
  client.on('error', onError);
  return client;
}

export type { Redis };
