// The decision cache's rows: Check answered by an L1 hit, by an L2 hit and on a miss, each next
// to the floor it is judged by, measured in the same run and just before it (the machine's load
// drifts): L1 hit vs a no-op RPC on the same server; L2 hit vs a no-op RPC plus one raw Redis GET;
// miss vs the same requests with the cache off. Every row's lookups are read from the server's
// /metrics, so a row labelled "L1 hit" that was not answered from L1 shows it.
import type { CheckCase } from './dataset.js';
import { noopRpcFloor, redisGetFloor } from './floors.js';
import { describeLookups, lookupsBetween, readLookupCounters, type CacheLookups } from './lib/cache-metrics.js';
import { runClosedLoop, type ClosedLoopOptions } from './lib/closed-loop.js';
import { log, type BenchRecorder } from './lib/recorder.js';
import type { RelataClient } from './lib/relata-client.js';
import type { ServerProcess } from './lib/server-process.js';
import type { LatencySummary } from './lib/stats.js';

/** A cache-on server of the run and its client (the server knows its /metrics address). */
export interface CacheReplica {
  label: string;
  server: ServerProcess;
  client: RelataClient;
}

export interface CacheRowsOptions {
  loop: (concurrency: number, count?: number) => ClosedLoopOptions;
  redisUrl: string;
  /** A Redis key of the run's own prefix for the GET floor. */
  redisFloorKey: string;
  checkKinds: readonly (readonly [string, readonly CheckCase[]])[];
}

/** One aim of issue 8, as a ratio to a floor of the same run. */
export interface AimResult {
  what: string;
  concurrency: number;
  aim: string;
  measured: string;
  met: boolean;
}

const concurrencies = [1, 64] as const;

const signed = (ms: number): string => `${ms >= 0 ? '+' : ''}${ms.toFixed(3)}`;

/** Checks `c` and records a wrong answer (the first few in full, then a count). */
export async function checkExpecting(rec: BenchRecorder, client: RelataClient, c: CheckCase, where: string): Promise<void> {
  const allowed = await client.check(c);
  if (allowed !== c.expected) rec.disagree(`${where}: Relata says ${allowed}, expected ${c.expected}: ${c.object}#${c.relation}@${c.user}`);
}

/** Measures a row and notes which tier answered it (from the server's counters), adding them to `statsLabel`. */
async function tierRow(
  rec: BenchRecorder,
  replica: CacheReplica,
  name: string,
  concurrency: number,
  floor: string,
  statsLabel: string,
  run: () => Promise<LatencySummary>,
  compareWith?: string,
): Promise<LatencySummary> {
  const before = await readLookupCounters(replica.server.metricsAddress);
  return rec.measure(replica.server, name, concurrency, floor, run, async (summary) => {
    const stats = lookupsBetween(before, await readLookupCounters(replica.server.metricsAddress));
    const total = rec.cacheStats[statsLabel];
    rec.cacheStats[statsLabel] = total ? sumLookups(total, stats) : stats;
    const other = compareWith ? rec.rows.find((row) => row.name === compareWith && row.concurrency === concurrency) : undefined;
    const versus = other ? `; p50 ${signed(summary.p50 - other.summary.p50)} ms vs "${compareWith}"` : '';
    return `${describeLookups(stats)}${versus}`;
  });
}

function sumLookups(a: CacheLookups, b: CacheLookups): CacheLookups {
  const sum = { l1: a.l1 + b.l1, l2: a.l2 + b.l2, inFlight: a.inFlight + b.inFlight, miss: a.miss + b.miss, errors: a.errors + b.errors };
  const total = sum.l1 + sum.l2 + sum.inFlight + sum.miss;
  return { ...sum, ratio: total ? (sum.l1 + sum.l2 + sum.inFlight) / total : NaN };
}

/** The case with a context field no condition reads, new for every `n`: a key never asked before, same answer. */
export function withFreshContext(c: CheckCase, n: number): CheckCase {
  return { ...c, context: { ...c.context, bench_nonce: n } };
}

/** Requests a server must have run before a row is measured, so that V8 has compiled its path. */
export const jitWarmupRequests = 3000;

/** Runs `send` unrecorded, 8 at a time: warms the path's code, not (only) the cache. */
export async function warmPath(send: (i: number) => Promise<unknown>, requests = jitWarmupRequests): Promise<void> {
  await runClosedLoop({ concurrency: 8, requests, maxSeconds: 120, warmup: 0 }, send);
}

/** Sends every case once, 8 at a time: afterwards each key is in the server's cache (and Redis). */
async function warm(rec: BenchRecorder, replica: CacheReplica, cases: readonly CheckCase[]): Promise<void> {
  await runClosedLoop({ concurrency: 8, requests: cases.length, maxSeconds: 600, warmup: 0 }, (i) => checkExpecting(rec, replica.client, cases[i]!, `warm-up on ${replica.label}`));
}

/**
 * L1 hits on `a` (L1 + L2), L2 hits on `b` (same Redis, L1 disabled), misses on `a`. Returns the
 * aims met or not; rows, floors and lookups go to `rec`.
 */
export async function cacheTierRows(rec: BenchRecorder, a: CacheReplica, b: CacheReplica, options: CacheRowsOptions): Promise<AimResult[]> {
  const { loop } = options;
  const mix = options.checkKinds.flatMap(([, cases]) => cases);
  const rpcA = `rpc (${a.label})`;
  const rpcB = `rpc (${b.label})`;
  const rpcBRedis = `rpc (${b.label}) + redis GET`;
  const l1Name = `Check L1 hit (mix, ${a.label})`;
  const l2Name = `Check L2 hit (mix, ${b.label})`;
  const aims: AimResult[] = [];

  log(`L1 hits: warming ${mix.length} keys on ${a.label}, then ${jitWarmupRequests} hits to warm the code path`);
  await warm(rec, a, mix);
  await warmPath((i) => checkExpecting(rec, a.client, mix[i % mix.length]!, `warm-up on ${a.label}`));
  const l1: Record<number, LatencySummary> = {};
  for (const concurrency of concurrencies) {
    // The floor right before its row: the machine's load drifts over a run.
    await rec.floor(rpcA, concurrency, () => noopRpcFloor(a.client, loop(concurrency)), { note: 'no-op unary RPC (gRPC health Check) on the cache-on server', server: a.server });
    l1[concurrency] = await tierRow(rec, a, l1Name, concurrency, rpcA, 'L1 hit rows', () =>
      runClosedLoop(loop(concurrency), (i) => checkExpecting(rec, a.client, mix[i % mix.length]!, l1Name)),
    );
  }

  log(`L2 hits: warming ${mix.length} keys in Redis through ${b.label}, then ${jitWarmupRequests} hits to warm the code path`);
  await warm(rec, b, mix);
  await warmPath((i) => checkExpecting(rec, b.client, mix[i % mix.length]!, `warm-up on ${b.label}`));
  const l2: Record<number, LatencySummary> = {};
  for (const concurrency of concurrencies) {
    await rec.floor('redis GET', concurrency, () => redisGetFloor(options.redisUrl, options.redisFloorKey, loop(concurrency)), { note: 'ioredis GET, one connection' });
    await rec.floor(rpcB, concurrency, () => noopRpcFloor(b.client, loop(concurrency)), { note: 'no-op unary RPC on the L1-disabled server', server: b.server });
    rec.sumFloor(rpcBRedis, rpcB, 'redis GET', concurrency);
    l2[concurrency] = await tierRow(rec, b, l2Name, concurrency, rpcBRedis, 'L2 hit rows', () =>
      runClosedLoop(loop(concurrency), (i) => checkExpecting(rec, b.client, mix[i % mix.length]!, l2Name)),
    );
  }

  // Misses: the cache-off requests with a context field no condition reads, new for every
  // request, so that each one is a key never asked before (L1 and L2 miss, then evaluation and
  // the L1 + L2 write) while its answer stays the known one; compared with the same fresh-context
  // requests on the cache-off server (the client encodes each one anew in both).
  let nonce = 0;
  log(`misses: ${jitWarmupRequests} fresh-key checks on ${a.label} to warm the code path`);
  await warmPath((i) => checkExpecting(rec, a.client, withFreshContext(mix[i % mix.length]!, nonce++), `warm-up on ${a.label}`));
  for (const [kind, cases] of options.checkKinds) {
    const name = `Check ${kind} miss (fresh keys, ${a.label})`;
    for (const concurrency of concurrencies) {
      await tierRow(
        rec,
        a,
        name,
        concurrency,
        'rpc+read',
        'miss rows',
        () =>
          runClosedLoop(loop(concurrency), (i) => {
            const c = cases[i % cases.length]!;
            return checkExpecting(rec, a.client, withFreshContext(c, nonce++), name);
          }),
        `Check ${kind} (cache off, fresh context)`,
      );
    }
  }

  // Server CPU per request, next to the wall-clock ratios: on a shared machine the load generator
  // competes with the server, so CPU per request shows what the server alone would sustain.
  const cpuPerRequest = (name: string, concurrency: number) => {
    return rec.serverUsage[`${name}@${concurrency}`]?.cpuMicrosPerRequest;
  };
  const cpuNote = (rowName: string, floorName: string, concurrency: number) => {
    const row = cpuPerRequest(rowName, concurrency);
    const floor = cpuPerRequest(`floor: ${floorName}`, concurrency);
    return row && floor ? `; server CPU ${row.toFixed(0)} vs ${floor.toFixed(0)} µs/req (the server alone would sustain ${((100 * floor) / row).toFixed(0)}% of the no-op's ops/s)` : '';
  };
  for (const concurrency of concurrencies) {
    const floor = rec.floors[`${rpcA}@${concurrency}`]!;
    const row = l1[concurrency]!;
    const ratio = row.throughput / floor.throughput;
    const delta = row.p50 - floor.p50;
    aims.push({
      what: 'L1 hit vs no-op RPC',
      concurrency,
      aim: concurrency === 64 ? 'ops/s >= 80% of the no-op' : 'p50 within 0.1 ms of the no-op',
      measured: `ops/s ${(100 * ratio).toFixed(0)}% (${row.throughput.toFixed(0)} vs ${floor.throughput.toFixed(0)}), p50 ${signed(delta)} ms (${row.p50.toFixed(3)} vs ${floor.p50.toFixed(3)})${cpuNote(l1Name, rpcA, concurrency)}`,
      met: concurrency === 64 ? ratio >= 0.8 : delta <= 0.1,
    });
  }
  for (const concurrency of concurrencies) {
    const rpc = rec.floors[`${rpcB}@${concurrency}`]!;
    const redis = rec.floors[`redis GET@${concurrency}`]!;
    const row = l2[concurrency]!;
    const extra = row.p50 - rpc.p50;
    aims.push({
      what: 'L2 hit vs no-op RPC + one Redis GET',
      concurrency,
      aim: 'p50 at most one Redis round trip over the no-op',
      measured: `p50 ${signed(extra)} ms over the no-op = ${(extra / redis.p50).toFixed(2)} Redis GET p50s (${redis.p50.toFixed(3)} ms); ops/s ${(100 * (row.throughput / Math.min(rpc.throughput, redis.throughput))).toFixed(0)}% of the combined floor${cpuNote(l2Name, rpcB, concurrency)}`,
      met: extra <= redis.p50,
    });
  }
  for (const aim of aims) log(`aim ${aim.what} c=${aim.concurrency}: ${aim.aim}: ${aim.met ? 'met' : 'NOT met'} (${aim.measured})`);
  return aims;
}
