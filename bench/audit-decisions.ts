// Decision log cost on cached Check throughput: the service in process (memory datastore, L1
// decision cache, no network), a closed loop at concurrency 64 over 1000 warm decisions, with the
// decision log off and then on (every decision logged; sealing, hashing and the batch appends run
// in this same process, so their CPU is counted). Rounds alternate off/on to spread machine load.
// Usage: npx tsx bench/audit-decisions.ts [rounds] [requests per run]
import { AuditTrail } from '../src/audit/index.js';
import { createDecisionCache } from '../src/cache/index.js';
import { defaultAuditConfig } from '../src/config/audit.js';
import { transformDslToModel } from '../src/dsl/index.js';
import { silentLogger } from '../src/observability/index.js';
import { createChangeFeed, createRelataService } from '../src/service/index.js';
import { createMemoryDatastore } from '../src/storage/memory/index.js';
import { runClosedLoop } from './lib/closed-loop.js';

const rounds = Number(process.argv[2] ?? 3);
const requests = Number(process.argv[3] ?? 100_000);
const model = transformDslToModel('model\n  schema 1.1\ntype user\ntype doc\n  relations\n    define viewer: [user]\n');

async function run(mode: 'off' | 'all', sample = 1): Promise<{ rps: number; p50: number; p99: number; logged: number; dropped: number }> {
  const datastore = createMemoryDatastore();
  const cache = createDecisionCache({}, { feed: createChangeFeed(datastore) });
  const audit = new AuditTrail({ repository: datastore, config: { ...defaultAuditConfig, decisions: mode, decisionSample: sample } });
  const service = createRelataService({ datastore, logger: silentLogger(), cache, audit });
  const { id: storeId } = await service.createStore({ name: 'bench' });
  await service.writeAuthorizationModel({ storeId, model });
  const writes = Array.from({ length: 100 }, (_, i) => ({ object: `doc:${i}`, relation: 'viewer', user: `user:${i}` }));
  await service.write({ storeId, writes: { tupleKeys: writes } });
  const caller = { principal: { kind: 'client' as const, id: 'bench', scopes: new Map() }, requestId: 'r', peerAddress: 'ipv4:127.0.0.1:1' };
  const send = (i: number) => service.check({ storeId, tupleKey: { object: `doc:${i % 100}`, relation: 'viewer', user: `user:${(i * 7) % 10}` } }, caller);
  for (let i = 0; i < 1000; i++) await send(i); // every decision cached
  const summary = await runClosedLoop({ concurrency: 64, requests, maxSeconds: 60, warmup: 2000 }, send);
  await audit.close();
  const logged = (await datastore.auditChains()).find((c) => c.chain.startsWith('d:'))?.headSeq ?? 0n;
  await cache.close();
  return { rps: Math.round(summary.throughput), p50: summary.p50, p99: summary.p99, logged: Number(logged), dropped: audit.decisionsDropped };
}

type Row = { rps: number; p50: number; p99: number; logged: number; dropped: number };
const results: Record<'off' | 'all' | 'sampled', Row[]> = { off: [], all: [], sampled: [] };
const order = ['off', 'all', 'sampled'] as const;
for (let r = 0; r < rounds; r++) {
  for (const mode of r % 2 === 0 ? order : [...order].reverse()) results[mode].push(await run(mode === 'off' ? 'off' : 'all', mode === 'sampled' ? 0.1 : 1));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rps = (mode: keyof typeof results) => median(results[mode].map((x) => x.rps));
const cost = (mode: keyof typeof results) => +((1 - rps(mode) / rps('off')) * 100).toFixed(1);
console.log(JSON.stringify({ concurrency: 64, requests, rounds, results, medianRps: { off: rps('off'), all: rps('all'), sampled10pct: rps('sampled') }, costPct: { all: cost('all'), sampled10pct: cost('sampled') } }));
