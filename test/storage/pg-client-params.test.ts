// PgClient's statement path on a real PostgreSQL: pre-encoded arrays (pg-params.ts) arrive as the
// values they were, whatever they hold, named and unnamed statements run on the pool and on a
// checked-out connection, and a failing statement neither hangs nor keeps its connection.
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { PgClient } from '../../src/storage/postgres/index.js';
import { testDatabaseUrl } from '../helpers/services.js';

const pools: pg.Pool[] = [];
function client(options: ConstructorParameters<typeof PgClient>[1]): PgClient {
  const pool = new pg.Pool({ connectionString: testDatabaseUrl, max: 2, application_name: 'relata-pg-client-params' });
  pools.push(pool);
  return new PgClient(pool, options);
}
afterAll(() => Promise.all(pools.map((pool) => pool.end())));

const hostile = ['', 'NULL', 'null', '"', '\\', '\\"', '{', '}', ',', 'a b', '{"x","y"}', "o'k'); DROP TABLE tuple; --", 'ü→😀', '\t\n\r'];

describe.each([
  ['on the pool', {}],
  ['on a checked-out connection', { namedPlanMode: 'force_generic_plan' as const }],
])('PgClient %s', (_, options) => {
  const sql = client(options);

  it('binds text arrays element for element', async () => {
    const rows = await sql.query('SELECT $1::text[] AS a, $2::bool[] AS b, $3::int[] AS c', [hostile, [true, false, null], [1, -2, null]], 'relata_test_params');
    expect(rows).toEqual([{ a: hostile, b: [true, false, null], c: [1, -2, null] }]);
  });

  it('binds any strings unchanged (random, named statement reused)', async () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 12 });
    await fc.assert(
      fc.asyncProperty(fc.array(text, { maxLength: 8 }), async (values) => {
        const rows = await sql.query('SELECT coalesce($1::text[], ARRAY[]::text[]) AS a, cardinality($1::text[]) AS n', [values], 'relata_test_random');
        expect(rows[0].a).toEqual(values);
      }),
      { numRuns: 200 },
    );
  });

  it('runs unnamed statements and statements without parameters', async () => {
    expect(await sql.query('SELECT $1::text AS s', ['x'])).toEqual([{ s: 'x' }]);
    expect(await sql.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });

  it('rejects a failing statement and keeps serving', async () => {
    await expect(sql.query('SELECT $1::int AS n', ['not a number'], 'relata_test_bad_int')).rejects.toThrow();
    for (let i = 0; i < 5; i++) await expect(sql.query('SELECT nope FROM nowhere')).rejects.toThrow();
    expect(await sql.query('SELECT $1::int AS n', ['3'], 'relata_test_bad_int')).toEqual([{ n: 3 }]);
  });

  it('runs statements in a transaction', async () => {
    const rows = await sql.transaction((tx) => tx.query('SELECT $1::text[] AS a', [['in', 'tx']], 'relata_test_tx'));
    expect(rows).toEqual([{ a: ['in', 'tx'] }]);
  });
});
