// Cost of the change audit on the Write path: 100-tuple writes to PostgreSQL with and without the
// audit draft (without = the write path as it was before the audit trail), interleaved in rounds
// so that machine load hits both alike. Usage: npx tsx bench/audit-write.ts [rounds]
import { ulid } from 'ulid';
import { AuditTrail } from '../src/audit/index.js';
import { createPostgresDatastore } from '../src/storage/postgres/index.js';
import { dropTestSchema, testDatabaseUrl } from '../test/helpers/services.js';

const rounds = Number(process.argv[2] ?? 20);
const perRound = 10;
const schema = `relata_bench_audit_${Date.now().toString(36)}`;
const ds = await createPostgresDatastore({ connectionString: testDatabaseUrl, schema, maxConnections: 4, statistics: false });
await ds.migrate();
const trail = new AuditTrail();
const storeId = ulid();
await ds.createStore({ id: storeId, name: 'bench' });
let n = 0;
const batch = () => Array.from({ length: 100 }, () => ({ object: `doc:${n++}`, relation: 'viewer', user: `user:${n % 977}` }));
const times: Record<'plain' | 'audited', number[]> = { plain: [], audited: [] };
for (let r = 0; r < rounds; r++) {
  for (const mode of r % 2 === 0 ? (['plain', 'audited'] as const) : (['audited', 'plain'] as const)) {
    for (let i = 0; i < perRound; i++) {
      const writes = batch();
      const t0 = performance.now();
      await ds.writeTuples(storeId, { writes, deletes: [] }, mode === 'audited' ? trail.change(storeId, 'Write') : undefined);
      times[mode].push(performance.now() - t0);
    }
  }
}
const stat = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { mean: +(xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(2), p50: +s[Math.floor(s.length / 2)].toFixed(2), p95: +s[Math.floor(s.length * 0.95)].toFixed(2) };
};
const plain = stat(times.plain);
const audited = stat(times.audited);
console.log(JSON.stringify({ writesEach: times.plain.length, tuplesPerWrite: 100, plainMs: plain, auditedMs: audited, p50CostPct: +((audited.p50 / plain.p50 - 1) * 100).toFixed(1) }));
await ds.close();
await dropTestSchema(schema);
