// Addresses of the real services the tests run against, and clean-up of what tests create there.
import { Redis } from 'ioredis';
import pg from 'pg';

export const testDatabaseUrl = process.env.RELATA_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const testRedisUrl = process.env.RELATA_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Drops a test's own PostgreSQL schema (tests isolate themselves in one each). */
export async function dropTestSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: testDatabaseUrl });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

/** Deletes a test's own Redis keys (tests isolate themselves by key prefix), on a connection of its own. */
export async function dropTestRedisKeys(...prefixes: string[]): Promise<void> {
  const redis = new Redis(testRedisUrl, { maxRetriesPerRequest: 1 });
  try {
    for (const prefix of prefixes) {
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(...keys);
    }
  } finally {
    redis.disconnect();
  }
}
