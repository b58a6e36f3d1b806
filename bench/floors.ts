// Physical floors measured in the same run: what no Check can beat on this machine.
import { Redis } from 'ioredis';
import pg from 'pg';
import { runClosedLoop, type ClosedLoopOptions } from './lib/closed-loop.js';
import type { RelataClient } from './lib/relata-client.js';
import type { LatencySummary } from './lib/stats.js';

/** (a) a no-op unary RPC on Relata's own gRPC stack: the ceiling of any Check over gRPC. */
export function noopRpcFloor(client: RelataClient, options: ClosedLoopOptions): Promise<LatencySummary> {
  return runClosedLoop(options, () => client.ping());
}

/** (b) one indexed point read of a tuple through `pg`: the floor of an uncached direct Check. */
export async function pointReadFloor(
  databaseUrl: string,
  schema: string,
  keys: { storeId: string; objectType: string; objectId: string; relation: string; userType: string; userId: string }[],
  options: ClosedLoopOptions,
): Promise<LatencySummary> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: Math.min(options.concurrency, 20), options: `-c search_path=${schema}` });
  const query = {
    name: 'bench_point_read',
    text: `SELECT condition_name FROM tuple WHERE store = $1 AND object_type = $2 AND object_id = $3 AND relation = $4 AND user_type = $5 AND user_id = $6 AND user_relation = ''`,
  };
  try {
    return await runClosedLoop(options, (i) => {
      const k = keys[i % keys.length]!;
      return pool.query({ ...query, values: [k.storeId, k.objectType, k.objectId, k.relation, k.userType, k.userId] });
    });
  } finally {
    await pool.end();
  }
}

/** (c) an in-process Map lookup of a decision: the floor of an L1 cache hit. */
export async function mapLookupFloor(keys: string[], options: ClosedLoopOptions): Promise<LatencySummary> {
  const map = new Map(keys.map((k, i) => [k, i % 2 === 0]));
  return runClosedLoop(options, async (i) => map.get(keys[i % keys.length]!));
}

/**
 * (d) one Redis GET round trip through ioredis, one connection as the server's L2 has: what an L2
 * hit adds to a no-op RPC at best. The value is shaped like a cached decision.
 */
export async function redisGetFloor(redisUrl: string, key: string, options: ClosedLoopOptions): Promise<LatencySummary> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0 });
  await redis.connect();
  try {
    await redis.set(key, `1:${Number.MAX_SAFE_INTEGER}:${Date.now()}`, 'PX', 600_000);
    return await runClosedLoop(options, () => redis.get(key));
  } finally {
    await redis.del(key);
    redis.disconnect();
  }
}
