// CPU per logged decision of the decision log's whole pipeline, in one process against real
// PostgreSQL (counts that machine load moves far less than gRPC throughput): the thread that
// answers Checks (queueing, hand-over, and for the main-thread path the append), the log's worker
// thread, and the PostgreSQL backends writing the records. Variants, alternating per round:
//   worker appends   the server's path on PostgreSQL (the worker seals and appends itself)
//   main appends     the path of backends a worker cannot reach (PGlite, memory): sealed on the
//                    worker, cloned back and appended from the main thread
//   baseline         with RELATA_BENCH_BASELINE_DIR=<a checkout of another revision, e.g.
//                    `git archive c295c81 src | tar -x -C DIR`>: that revision's decision log as a
//                    server ran it (repository + sealOnWorker), in the same rounds
// Usage: npx tsx bench/audit-decision-log-cpu.ts [--rounds 3] [--decisions 50000] [--batch 2000]
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import pg from 'pg';
import { ulid } from 'ulid';
import { AuditTrail, type DecisionEvent } from '../src/audit/index.js';
import { defaultAuditConfig } from '../src/config/audit.js';
import { createPostgresDatastore } from '../src/storage/postgres/index.js';
import { auditAppenderModule } from '../src/storage/postgres/audit-appender.js';
import { dropTestSchema, testDatabaseUrl } from '../test/helpers/services.js';
import { median, parseNumericArgs } from './lib/alternating-rounds.js';
import { cpuSpent, postgresCpuSeconds, withApplicationName } from './lib/postgres-cpu.js';

const options = parseNumericArgs(process.argv.slice(2), { rounds: 3, decisions: 50_000, batch: defaultAuditConfig.decisionBatchSize });
const schema = `relata_bench_declog_${ulid().toLowerCase()}`;
const app = schema;
const url = withApplicationName(testDatabaseUrl, app);
const datastore = await createPostgresDatastore({ connectionString: url, schema, maxConnections: 1 });
await datastore.migrate();
const admin = new pg.Client({ connectionString: testDatabaseUrl });
await admin.connect();

/** CPU seconds of one thread of this process (the main thread's tid is the pid), or of all of them. */
function cpuSeconds(task?: number): number {
  const stat = readFileSync(task === undefined ? '/proc/self/stat' : `/proc/self/task/${task}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const caller = { principal: { kind: 'client' as const, id: '01HCLIENT0000000000000000', scopes: new Map() }, requestId: '01HREQUEST000000000000000', peerAddress: 'ipv4:10.1.2.3:5555', userAgent: 'grpc-node-js/1.12' };
const storeId = ulid();
const event = (i: number): DecisionEvent => ({
  operation: 'Check', storeId, user: `user:${i % 1000}`, relation: 'viewer', object: `doc:${i % 5000}`,
  allowed: i % 3 !== 0, modelId: '01HMODEL000000000000000000', cache: 'l1', latencyMs: 0.0123, caller,
});
const config = { ...defaultAuditConfig, decisions: 'all' as const, decisionQueueSize: 1_000_000, decisionBatchSize: options.batch };
const variants: Record<string, () => AuditTrail> = {
  'worker appends': () => new AuditTrail({ config, decisionStore: { module: auditAppenderModule, options: { connectionString: url, schema } } }),
  'main appends': () => new AuditTrail({ config, repository: datastore, sealOnWorker: true }),
};
const baselineDir = process.env.RELATA_BENCH_BASELINE_DIR;
if (baselineDir) {
  const baseline = (await import(`${baselineDir}/src/audit/index.ts`)) as { AuditTrail: typeof AuditTrail };
  variants.baseline = () => new baseline.AuditTrail({ config, repository: datastore, sealOnWorker: true });
}
const rows = new Map<string, { main: number[]; worker: number[]; postgres: number[] }>(Object.keys(variants).map((name) => [name, { main: [], worker: [], postgres: [] }]));
const loads: number[] = [];
for (let round = 0; round < options.rounds; round++) {
  for (const [name, create] of Object.entries(variants)) {
    loads.push(loadavg()[0]);
    const trail = create();
    // Warm-up: the worker started, its connection open, the code compiled.
    for (let i = 0; i < 2000; i++) trail.decision(event(i));
    await trail.flush();
    const pgBefore = await postgresCpuSeconds(admin, app);
    const [mainBefore, allBefore] = [cpuSeconds(process.pid), cpuSeconds()];
    // 1000 decisions per turn of the event loop, as a busy server would queue them.
    for (let i = 0; i < options.decisions; i += 1000) {
      for (let j = i; j < i + 1000; j++) trail.decision(event(j));
      await new Promise((resolve) => setImmediate(resolve));
    }
    await trail.flush();
    const [main, all] = [cpuSeconds(process.pid) - mainBefore, cpuSeconds() - allBefore];
    // Before close(): the worker's backend ends with its connection.
    const postgres = cpuSpent(pgBefore, await postgresCpuSeconds(admin, app));
    await trail.close();
    const per = (seconds: number): number => (seconds * 1e6) / options.decisions;
    const row = rows.get(name)!;
    row.main.push(per(main));
    row.worker.push(per(all - main));
    row.postgres.push(per(postgres));
    console.log(`round ${round + 1} ${name.padEnd(15)}: main thread ${per(main).toFixed(1)} µs, worker ${per(all - main).toFixed(1)} µs, PostgreSQL ${per(postgres).toFixed(1)} µs per decision`);
  }
}
console.log(`\n${options.decisions} decisions per round in batches of ${options.batch}, ${options.rounds} rounds; load average ${Math.min(...loads).toFixed(1)}-${Math.max(...loads).toFixed(1)}`);
console.log('| path | main thread µs/decision | worker µs/decision | PostgreSQL µs/decision | total |');
console.log('|---|---:|---:|---:|---:|');
for (const [name, r] of rows) {
  const [m, w, p] = [median(r.main), median(r.worker), median(r.postgres)];
  console.log(`| ${name} | ${m.toFixed(1)} | ${w.toFixed(1)} | ${p.toFixed(1)} | ${(m + w + p).toFixed(1)} |`);
}
await admin.end();
await datastore.close();
await dropTestSchema(schema);
