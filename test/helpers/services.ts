// Addresses of the real services the tests run against, and clean-up of what tests create there.
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
