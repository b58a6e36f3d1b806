// Decision log cost on cached Check throughput: the service in process (memory datastore, L1
// decision cache, no network), a closed loop at concurrency 64 over 1000 warm decisions, with the
// decision log off and then on (every decision logged, sealed on the log's worker thread as in a
// server; the batch appends run in this process). The loop yields to the event loop once per 64
// requests, as a server does between network reads, so the log's flushes run during the loop
// (without it, nothing but microtasks would run, the queue would fill and decisions be dropped).
// Rounds alternate off/on to spread machine load; CPU per Check is reported beside throughput.
// Usage: npx tsx bench/audit-decisions.ts [rounds] [requests per run] [queue bound]
//   BENCH_INLINE=1 seals on the main thread instead of the worker (for comparison).
import { AuditTrail } from '../src/audit/index.js';
import { createDecisionCache } from '../src/cache/index.js';
import { defaultAuditConfig } from '../src/config/audit.js';
import { transformDslToModel } from '../src/dsl/index.js';
import { silentLogger } from '../src/observability/index.js';
import { createChangeFeed, createRelataService } from '../src/service/index.js';
import { createMemoryDatastore } from '../src/storage/memory/index.js';
import { runClosedLoop } from './lib/closed-loop.js';

type Row = { rps: number; cpuUs: number; mainUs: number; p50: number; p99: number; logged: number; dropped: number };

const rounds = Number(process.argv[2] ?? 3);
const requests = Number(process.argv[3] ?? 100_000);
const queueSize = Number(process.argv[4] ?? defaultAuditConfig.decisionQueueSize);
const model = transformDslToModel('model\n  schema 1.1\ntype user\ntype doc\n  relations\n    define viewer: [user]\n');

async function run(mode: 'off' | 'all', sample = 1): Promise<Row> {
  const datastore = createMemoryDatastore();
  const cache = createDecisionCache({}, { feed: createChangeFeed(datastore) });
  // The server's queue bound by default; a longer one (argv[4]) logs more of a saturating loop, and pays for it.
  const audit = new AuditTrail({ repository: datastore, sealOnWorker: process.env.BENCH_INLINE !== '1', config: { ...defaultAuditConfig, decisions: mode, decisionSample: sample, decisionQueueSize: queueSize } });
  const service = createRelataService({ datastore, logger: silentLogger(), cache, audit });
  const { id: storeId } = await service.createStore({ name: 'bench' });
  await service.writeAuthorizationModel({ storeId, model });
  const writes = Array.from({ length: 100 }, (_, i) => ({ object: `doc:${i}`, relation: 'viewer', user: `user:${i}` }));
  await service.write({ storeId, writes: { tupleKeys: writes } });
  const caller = { principal: { kind: 'client' as const, id: 'bench', scopes: new Map() }, requestId: 'r', peerAddress: 'ipv4:127.0.0.1:1' };
  const yieldNow = () => new Promise<void>((resolve) => setImmediate(resolve));
  const check = (i: number) => service.check({ storeId, tupleKey: { object: `doc:${i % 100}`, relation: 'viewer', user: `user:${(i * 7) % 10}` } }, caller);
  const send = async (i: number) => {
    if (i % 64 === 0) await yieldNow();
    return check(i);
  };
  for (let i = 0; i < 1000; i++) await send(i); // every decision cached
  await audit.flush(); // the seal worker started and warm
  const cpu = process.cpuUsage();
  const elu = performance.eventLoopUtilization();
  const summary = await runClosedLoop({ concurrency: 64, requests, maxSeconds: 60, warmup: 2000 }, send);
  await audit.flush();
  // Per Check, the queued decisions' flush included: CPU of the whole process (the seal worker's
  // thread too) and the main thread's busy time (what Checks compete with).
  const used = process.cpuUsage(cpu);
  const mainUs = +((performance.eventLoopUtilization(elu).active * 1000) / (requests + 2000)).toFixed(2);
  await audit.close();
  const cpuUs = +((used.user + used.system) / (requests + 2000)).toFixed(2);
  const logged = (await datastore.auditChains()).find((c) => c.chain.startsWith('d:'))?.headSeq ?? 0n;
  await cache.close();
  return { rps: Math.round(summary.throughput), cpuUs, mainUs, p50: summary.p50, p99: summary.p99, logged: Number(logged), dropped: audit.decisionsDropped };
}

const results: Record<'off' | 'all' | 'sampled', Row[]> = { off: [], all: [], sampled: [] };
const order = ['off', 'all', 'sampled'] as const;
for (let r = 0; r < rounds; r++) {
  for (const mode of r % 2 === 0 ? order : [...order].reverse()) results[mode].push(await run(mode === 'off' ? 'off' : 'all', mode === 'sampled' ? 0.1 : 1));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rps = (mode: keyof typeof results) => median(results[mode].map((x) => x.rps));
const cost = (mode: keyof typeof results) => +((1 - rps(mode) / rps('off')) * 100).toFixed(1);
const cpu = (mode: keyof typeof results) => median(results[mode].map((x) => x.cpuUs));
const cpuCost = (mode: keyof typeof results) => +((cpu(mode) / cpu('off') - 1) * 100).toFixed(1);
const main = (mode: keyof typeof results) => median(results[mode].map((x) => x.mainUs));
const mainCost = (mode: keyof typeof results) => +((main(mode) / main('off') - 1) * 100).toFixed(1);
const load = (await import('node:fs')).readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
console.log(JSON.stringify({
  concurrency: 64, requests, rounds, queueSize, load, results,
  medianRps: { off: rps('off'), all: rps('all'), sampled10pct: rps('sampled') },
  costPct: { all: cost('all'), sampled10pct: cost('sampled') },
  medianCpuUsPerCheck: { off: cpu('off'), all: cpu('all'), sampled10pct: cpu('sampled') },
  cpuCostPct: { all: cpuCost('all'), sampled10pct: cpuCost('sampled') },
  medianMainThreadUsPerCheck: { off: main('off'), all: main('all'), sampled10pct: main('sampled') },
  mainThreadCostPct: { all: mainCost('all'), sampled10pct: mainCost('sampled') },
}));
