// Addresses of the real services the tests run against.
export const testDatabaseUrl = process.env.RELATA_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const testRedisUrl = process.env.RELATA_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
