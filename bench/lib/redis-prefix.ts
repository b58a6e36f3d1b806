// The run's own Redis key prefix (and so its own invalidation channel): bench servers never hear
// another run's or a test's invalidations, and the run deletes exactly its own keys at the end.
import { Redis } from 'ioredis';

export function runKeyPrefix(run: string): string {
  // The servers accept only prefixes under "relata:".
  return `relata:bench-${run}:`;
}

/** Deletes every key under `prefix` (SCAN, not KEYS: Redis keeps serving others meanwhile). */
export async function deleteKeysUnder(redisUrl: string, prefix: string): Promise<number> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  let deleted = 0;
  try {
    for await (const keys of redis.scanStream({ match: `${prefix}*`, count: 1000 }) as AsyncIterable<string[]>) {
      if (keys.length) deleted += await redis.unlink(...keys);
    }
  } finally {
    redis.disconnect();
  }
  return deleted;
}
