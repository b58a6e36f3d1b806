// Audit query plans on 10M records: seeds a PostgreSQL schema of its own with SQL
// (generate_series: ~100 stores with a skewed spread, actors, subjects, objects, operations,
// decisions and 30 days of times), then runs every query shape `relata audit query|export|report`
// and `verify` issue with EXPLAIN (ANALYZE, BUFFERS), first with migration 004's indexes only
// ("before") and then with 008_audit_indexes.sql applied ("after").
// Usage: npx tsx bench/audit-indexes.ts [--rows 10000000] [--schema NAME] [--keep] [--reuse]
//   --reuse: measure an already seeded schema (kept by an earlier --keep run); the schema is
//   dropped at the end unless --keep. Needs a few GB in PostgreSQL's data directory.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';

const arg = (name: string): string | undefined => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : undefined;
};
const rows = Number(arg('rows') ?? 10_000_000);
const schema = arg('schema') ?? 'relata_bench_audit_indexes';
const keep = process.argv.includes('--keep');
const reuse = process.argv.includes('--reuse');
const url = process.env.RELATA_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const migrations = join(import.meta.dirname, '../src/storage/sql/migrations');

if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid --schema '${schema}'`);

/** The statements of a migration file (split on `;` at line ends; comments dropped). */
function statements(file: string): string[] {
  const text = readFileSync(join(migrations, file), 'utf8').replace(/--[^\n]*/g, '');
  return text.split(/;\s*\n/).map((s) => s.trim()).filter((s) => s.length > 0);
}

const storeId = (n: number): string => `01HSTORE${String(n).padStart(18, '0')}`;

// One chunk of synthetic records. Store n gets a share ~ 1/sqrt(n) (store 0 ~10%), 80% are
// decisions (10% of them denied), times advance ~0.26 s per record from 2026-11-01.
const seedChunk = `
INSERT INTO audit_record (chain, seq, store_id, at, kind, operation, actor, result, subjects, objects, body, prev_hash, hash)
SELECT (CASE WHEN decision THEN 'd:' ELSE 'c:' END) || store, g, store, at,
  CASE WHEN decision THEN 'decision' ELSE 'change' END, op, actor,
  CASE WHEN NOT decision THEN '' WHEN r_result < 0.1 THEN 'denied' ELSE 'allowed' END,
  ARRAY[subject], ARRAY[object],
  json_build_object('v', 1, 'store', store, 'at', at, 'op', op, 'actor', actor, 'ip', '10.0.0.' || (g % 250),
    'requestId', md5(g::text), 'user', subject, 'object', object, 'relation', 'viewer')::text,
  md5((g - 1)::text) || md5((g - 1)::text || 'x'), md5(g::text) || md5(g::text || 'x')
FROM (
  SELECT g,
    '01HSTORE' || lpad(floor(100 * power(random(), 2))::int::text, 18, '0') AS store,
    random() < 0.8 AS decision,
    random() AS r_result,
    timestamptz '2026-11-01T00:00:00Z' + g * interval '260 milliseconds' + random() * interval '2 seconds' AS at,
    CASE WHEN random() < 0.9 THEN 'client:' || floor(500 * power(random(), 3))::int ELSE 'oidc:user' || floor(2000 * random())::int END AS actor,
    'user:' || floor(200000 * power(random(), 2))::int AS subject,
    'doc:' || floor(1000000 * power(random(), 2))::int AS object,
    random() AS r_op
  FROM generate_series($1::bigint, $2::bigint) AS g
) x, LATERAL (SELECT CASE
    WHEN decision THEN CASE WHEN r_op < 0.85 THEN 'Check' ELSE 'BatchCheck' END
    WHEN r_op < 0.85 THEN 'Write' WHEN r_op < 0.92 THEN 'WriteAuthorizationModel' WHEN r_op < 0.97 THEN 'WriteAssertions'
    ELSE 'UpdateStore' END AS op) o`;

interface Shape {
  name: string;
  sql: string;
  params: unknown[];
}

const cols = 'id::text AS id, chain, seq::text AS seq, store_id, at, kind, operation, actor, result, subjects, objects, body, prev_hash, hash';
// The SELECT of src/storage/sql/sql-audit.ts queryAuditSql with its narrowings; `rangeOnly`: its
// form for a first page of a store and time range ending in the past (after 008 only).
const page = (where: string, limit = 51): string => `SELECT ${cols} FROM audit_record WHERE ${where} ORDER BY audit_record.id DESC LIMIT ${limit}`;
const rangePage = (after: boolean, where: string, limit = 51): string =>
  after
    ? `WITH r AS MATERIALIZED (SELECT id FROM audit_record WHERE ${where})
       SELECT ${cols} FROM audit_record WHERE id IN (SELECT id FROM r ORDER BY id DESC LIMIT ${limit}) ORDER BY audit_record.id DESC`
    : page(where, limit);

async function shapes(client: pg.Client, after: boolean): Promise<Shape[]> {
  const busy = storeId(0);
  const quiet = storeId(60);
  const one = async (sql: string, params: unknown[]): Promise<string> => String((await client.query(sql, params)).rows[0]?.v ?? '');
  const actor = await one(`SELECT actor AS v FROM audit_record WHERE store_id = $1 ORDER BY id DESC LIMIT 1`, [busy]);
  const rareActor = 'oidc:user1999';
  const object = await one(`SELECT objects[1] AS v FROM audit_record WHERE store_id = $1 AND kind = 'change' ORDER BY id DESC LIMIT 1 OFFSET 100`, [busy]);
  const subject = await one(`SELECT subjects[1] AS v FROM audit_record WHERE store_id = $1 AND kind = 'decision' ORDER BY id DESC LIMIT 1 OFFSET 200`, [busy]);
  const thousandth = await one(`SELECT id::text AS v FROM audit_record WHERE store_id = $1 ORDER BY id DESC LIMIT 1 OFFSET 1000`, [busy]);
  const [minAt, maxAt] = (await client.query(`SELECT min(at) AS a, max(at) AS b FROM audit_record`)).rows.map((r: { a: Date; b: Date }) => [r.a, r.b])[0];
  const day = 86_400_000;
  const midFrom = new Date((minAt.getTime() + maxAt.getTime()) / 2);
  const midTo = new Date(midFrom.getTime() + day);
  const reportToken = await one(
    `SELECT id::text AS v FROM audit_record WHERE store_id = $1 AND at >= $2 AND at < $3 ORDER BY id DESC LIMIT 1 OFFSET 5000`,
    [busy, midFrom, midTo],
  );
  const lastHour = new Date(maxAt.getTime() - 3_600_000);
  return [
    { name: 'store, newest first', sql: page('store_id = $1'), params: [busy] },
    { name: 'store (small), newest first', sql: page('store_id = $1'), params: [quiet] },
    { name: 'store, page after 1000 rows', sql: page('store_id = $1 AND id < $2::bigint'), params: [busy, thousandth] },
    { name: 'store + kind change', sql: page(`store_id = $1 AND kind = $2`), params: [busy, 'change'] },
    { name: 'store + actor (frequent)', sql: page('store_id = $1 AND actor = $2'), params: [busy, actor] },
    { name: 'store + actor (rare)', sql: page('store_id = $1 AND actor = $2'), params: [busy, rareActor] },
    { name: 'store + object', sql: page('store_id = $1 AND objects @> ARRAY[$2::text]'), params: [busy, object] },
    { name: 'store + subject', sql: page('store_id = $1 AND subjects @> ARRAY[$2::text]'), params: [busy, subject] },
    { name: 'store + subject (frequent)', sql: page('store_id = $1 AND subjects @> ARRAY[$2::text]'), params: [busy, 'user:0'] },
    { name: 'store + subject + op Check', sql: page('store_id = $1 AND subjects @> ARRAY[$2::text] AND operation = $3'), params: [busy, subject, 'Check'] },
    { name: 'store + op WriteAssertions', sql: page('store_id = $1 AND operation = $2'), params: [busy, 'WriteAssertions'] },
    { name: 'store + decision denied', sql: page(`store_id = $1 AND kind = 'decision' AND result = $2`), params: [busy, 'denied'] },
    { name: 'store + last hour', sql: page('store_id = $1 AND at >= $2'), params: [busy, lastHour] },
    { name: 'store + one day mid-range', sql: rangePage(after, 'store_id = $1 AND at >= $2 AND at < $3'), params: [busy, midFrom, midTo] },
    { name: 'store (small) + one day', sql: rangePage(after, 'store_id = $1 AND at >= $2 AND at < $3'), params: [quiet, midFrom, midTo] },
    { name: 'report page (1001) mid-range', sql: rangePage(after, 'store_id = $1 AND at >= $2 AND at < $3', 1001), params: [busy, midFrom, midTo] },
    { name: 'report page (1001) last 24 h', sql: rangePage(after, 'store_id = $1 AND at >= $2 AND at < $3', 1001), params: [busy, new Date(maxAt.getTime() - day), maxAt] },
    { name: 'report later page mid-range', sql: page('store_id = $1 AND at >= $2 AND at < $3 AND id < $4::bigint', 1001), params: [busy, midFrom, midTo, reportToken] },
    { name: 'store + actor + one day', sql: page('store_id = $1 AND actor = $2 AND at >= $3 AND at < $4'), params: [busy, actor, midFrom, midTo] },
    {
      name: 'verify: chain from seq',
      sql: `SELECT ${cols} FROM audit_record WHERE chain = $1 AND seq > $2::bigint ORDER BY audit_record.seq LIMIT 1000`,
      params: [`d:${busy}`, '5000000'],
    },
  ];
}

interface Measured {
  name: string;
  ms: number;
  rows: number;
  sharedHit: number;
  sharedRead: number;
  plan: string;
}

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

function outline(node: PlanNode): string {
  const self = node['Index Name'] ? `${node['Node Type']}(${node['Index Name']})` : node['Node Type'];
  const children = (node.Plans ?? []).map(outline);
  return children.length > 0 ? `${self} < ${children.join(', ')}` : self;
}

async function measure(client: pg.Client, label: 'before' | 'after'): Promise<Measured[]> {
  const out: Measured[] = [];
  for (const shape of await shapes(client, label === 'after')) {
    let result: Measured | undefined;
    // The best of 3 runs (the first warms the cache): what a repeated query costs.
    for (let i = 0; i < 3; i++) {
      const res = await client.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${shape.sql}`, shape.params);
      const [explained] = res.rows[0]['QUERY PLAN'] as { Plan: PlanNode & { 'Actual Rows': number; 'Shared Hit Blocks': number; 'Shared Read Blocks': number }; 'Execution Time': number }[];
      const m = { name: shape.name, ms: +explained['Execution Time'].toFixed(2), rows: explained.Plan['Actual Rows'], sharedHit: explained.Plan['Shared Hit Blocks'], sharedRead: explained.Plan['Shared Read Blocks'], plan: outline(explained.Plan) };
      if (!result || m.ms < result.ms) result = m;
    }
    out.push(result!);
    console.log(`[${label}] ${shape.name.padEnd(32)} ${String(result!.ms).padStart(10)} ms  rows ${String(result!.rows).padStart(5)}  buffers ${result!.sharedHit + result!.sharedRead}  ${result!.plan}`);
  }
  return out;
}

const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
await client.connect();
const started = Date.now();
try {
  await client.query(`SET statement_timeout = 0; SET maintenance_work_mem = '256MB'`);
  const schema004 = statements('004_audit.sql');
  const indexes004 = schema004.filter((s) => /^CREATE INDEX/i.test(s));
  if (!reuse) {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
    for (const s of schema004.filter((x) => !/^CREATE INDEX/i.test(x))) await client.query(s);
    const chunk = 1_000_000;
    for (let from = 1; from <= rows; from += chunk) {
      const to = Math.min(rows, from + chunk - 1);
      await client.query(seedChunk, [from, to]);
      console.log(`seeded ${to} rows (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    }
    await client.query(`SELECT setval(pg_get_serial_sequence('audit_record', 'id'), $1)`, [rows]);
    for (const s of indexes004) await client.query(s);
    await client.query('VACUUM ANALYZE audit_record');
    console.log(`indexes of 004 built, analyzed (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }
  const indexes008 = statements('008_audit_indexes.sql');
  // "Before": exactly 004's indexes (008 undone if an earlier run applied it).
  for (const s of indexes008.filter((x) => /^DROP INDEX/i.test(x))) {
    const name = /DROP INDEX (?:IF EXISTS )?(\w+)/i.exec(s)?.[1];
    const original = indexes004.find((i) => i.includes(` ${name} `));
    if (original) await client.query(original.replace(/^CREATE INDEX/i, 'CREATE INDEX IF NOT EXISTS'));
  }
  for (const s of indexes008.filter((x) => /^CREATE INDEX/i.test(x))) {
    const name = /CREATE INDEX (?:IF NOT EXISTS )?(\w+)/i.exec(s)?.[1];
    if (name) await client.query(`DROP INDEX IF EXISTS ${name}`);
  }
  await client.query('ANALYZE audit_record');
  const size = (await client.query(`SELECT pg_size_pretty(pg_total_relation_size('audit_record')) AS s, count(*) AS n FROM audit_record`)).rows[0] as { s: string; n: string };
  console.log(`audit_record: ${size.n} rows, ${size.s} with indexes`);
  const before = await measure(client, 'before');
  const t = Date.now();
  for (const s of indexes008) await client.query(s);
  await client.query('ANALYZE audit_record');
  console.log(`008 applied in ${((Date.now() - t) / 1000).toFixed(0)} s`);
  const after = await measure(client, 'after');
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  const result = { date: new Date().toISOString(), rows: Number(size.n), load, before, after };
  const file = join(import.meta.dirname, 'results', `audit-indexes-${result.date.slice(0, 10)}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 1)}\n`);
  console.log(`load ${load}; written ${file}`);
} finally {
  if (!keep) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.end();
}
