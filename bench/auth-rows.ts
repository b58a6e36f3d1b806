// The cost of authentication on the hottest path: Check answered from L1, with authentication off
// (replica A) and on (replica D, same config plus an auth method), measured back to back at each
// concurrency so that the machine's drifting load weighs on both alike. Issue 15's aim: with auth
// on, ops/s at concurrency 64 >= 95% of auth off, and p50 within 0.05 ms.
import type { AimResult, CacheReplica } from './cache-rows.js';
import { checkExpecting, warmPath } from './cache-rows.js';
import type { CheckCase } from './dataset.js';
import { runClosedLoop, type ClosedLoopOptions } from './lib/closed-loop.js';
import { log, type BenchRecorder } from './lib/recorder.js';
import type { LatencySummary } from './lib/stats.js';

export async function authRows(
  rec: BenchRecorder,
  off: CacheReplica,
  on: CacheReplica,
  mix: readonly CheckCase[],
  loop: (concurrency: number) => ClosedLoopOptions,
  method: string,
): Promise<AimResult[]> {
  const offName = `Check L1 hit (mix, auth off, ${off.label})`;
  const onName = `Check L1 hit (mix, auth on: ${method}, ${on.label})`;
  log(`auth rows: warming ${mix.length} keys and the code path on ${on.label}`);
  await warmPath((i) => checkExpecting(rec, on.client, mix[i % mix.length]!, `warm-up on ${on.label}`));
  await warmPath((i) => checkExpecting(rec, off.client, mix[i % mix.length]!, `warm-up on ${off.label}`));
  const aims: AimResult[] = [];
  for (const concurrency of [1, 64]) {
    const row = (replica: CacheReplica, name: string): Promise<LatencySummary> =>
      rec.measure(replica.server, name, concurrency, `rpc (${off.label})`, () => runClosedLoop(loop(concurrency), (i) => checkExpecting(rec, replica.client, mix[i % mix.length]!, name)));
    const without = await row(off, offName);
    const withAuth = await row(on, onName);
    const ratio = withAuth.throughput / without.throughput;
    const delta = withAuth.p50 - without.p50;
    aims.push({
      what: `L1 hit, auth on (${method}) vs off`,
      concurrency,
      aim: concurrency === 64 ? 'ops/s >= 95% of auth off, p50 within 0.05 ms' : 'p50 within 0.05 ms of auth off',
      measured: `ops/s ${(100 * ratio).toFixed(0)}% (${withAuth.throughput.toFixed(0)} vs ${without.throughput.toFixed(0)}), p50 ${delta >= 0 ? '+' : ''}${delta.toFixed(3)} ms (${withAuth.p50.toFixed(3)} vs ${without.p50.toFixed(3)})`,
      met: (concurrency !== 64 || ratio >= 0.95) && delta <= 0.05,
    });
  }
  for (const aim of aims) log(`aim ${aim.what} c=${aim.concurrency}: ${aim.aim}: ${aim.met ? 'met' : 'NOT met'} (${aim.measured})`);
  return aims;
}
