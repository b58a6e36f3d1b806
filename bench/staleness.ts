// Cross-replica staleness of the decision cache, as a client sees it: a decision granted and
// cached on replica B, revoked through replica A; B is then asked again and again without a
// consistency token until it denies. The time from the revoking Write's return to B's first deny
// is what a caller of B may see of a stale "allowed" (an upper bound: the deny is timed at its
// response). Then the same with the Write's consistency token: B must deny at once, every time;
// any allowed answer is a disagreement and fails the run.
import { performance } from 'node:perf_hooks';
import type { TupleKey } from '../src/model/index.js';
import type { CacheReplica } from './cache-rows.js';
import { log, type BenchRecorder } from './lib/recorder.js';
import type { RelataClient } from './lib/relata-client.js';
import { percentile } from './lib/stats.js';

export interface StalenessOptions {
  trials: number;
  /** The servers' RELATA_CACHE_STALENESS_MS. */
  boundMs: number;
  /** A replica still allowing this long after the Write is a disagreement (bound + slack for a loaded machine). */
  giveUpMs: number;
  /** Object ids of the probe tuples start with this (not in the dataset). */
  idPrefix: string;
}

export interface StalenessResult {
  replica: string;
  boundMs: number;
  trials: number;
  /** Write return -> first deny without a token, ms. */
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  overBound: number;
  /** Trials in which B answered at least once "allowed" after the revoke had returned. */
  trialsWithStaleAnswers: number;
  staleAnswers: number;
  /** With the revoking Write's token: trials, wrong "allowed" answers, p50 latency of that Check. */
  tokenTrials: number;
  tokenFailures: number;
  tokenP50Ms: number;
}

/** Grants `tuple` through `writer` and makes sure `replica` has the "allowed" cached (asked without a token after a token-bound first ask). */
async function grantAndWarm(rec: BenchRecorder, writer: RelataClient, replica: CacheReplica, tuple: TupleKey): Promise<void> {
  const token = await writer.write([tuple]);
  if (!(await replica.client.check(tuple, { consistencyToken: token }))) rec.disagree(`staleness on ${replica.label}: a fresh grant was denied with its token: ${tuple.object}#${tuple.relation}@${tuple.user}`);
  for (let i = 0; i < 2; i++) {
    if (!(await replica.client.check(tuple))) rec.disagree(`staleness on ${replica.label}: a granted tuple was denied: ${tuple.object}#${tuple.relation}@${tuple.user}`);
  }
}

export async function measureStaleness(rec: BenchRecorder, writer: RelataClient, replica: CacheReplica, options: StalenessOptions): Promise<StalenessResult> {
  const probe = (kind: string, i: number): TupleKey => ({ object: `resource:${options.idPrefix}_${kind}${i}`, relation: 'viewer', user: `user:${options.idPrefix}_${kind}${i}` });

  const visibleAfter: number[] = [];
  let staleAnswers = 0;
  let trialsWithStaleAnswers = 0;
  for (let i = 0; i < options.trials; i++) {
    const tuple = probe('s', i);
    await grantAndWarm(rec, writer, replica, tuple);
    await writer.write([], [tuple]);
    const writtenAt = performance.now();
    let stale = 0;
    for (;;) {
      const allowed = await replica.client.check(tuple);
      const elapsed = performance.now() - writtenAt;
      if (!allowed) {
        visibleAfter.push(elapsed);
        break;
      }
      stale++;
      if (elapsed > options.giveUpMs) {
        rec.disagree(`staleness on ${replica.label}: still allowed ${elapsed.toFixed(0)} ms after the revoke returned (bound ${options.boundMs} ms): ${tuple.object}#${tuple.relation}@${tuple.user}`);
        visibleAfter.push(elapsed);
        break;
      }
    }
    staleAnswers += stale;
    if (stale > 0) trialsWithStaleAnswers++;
  }

  // With the token, asked first thing after the revoke (before anything else could refresh B's
  // entry): B must not answer from a decision older than the Write.
  let tokenFailures = 0;
  const tokenLatency: number[] = [];
  for (let i = 0; i < options.trials; i++) {
    const tuple = probe('t', i);
    await grantAndWarm(rec, writer, replica, tuple);
    const token = await writer.write([], [tuple]);
    if (token === undefined) {
      rec.disagree(`staleness on ${replica.label}: the revoking Write returned no consistency token`);
      tokenFailures++;
      continue;
    }
    const started = performance.now();
    const allowed = await replica.client.check(tuple, { consistencyToken: token });
    tokenLatency.push(performance.now() - started);
    if (allowed) {
      tokenFailures++;
      rec.disagree(`staleness on ${replica.label}: allowed with the revoking Write's consistency token ${token}: ${tuple.object}#${tuple.relation}@${tuple.user}`);
    }
  }

  const sorted = [...visibleAfter].sort((x, y) => x - y);
  const result: StalenessResult = {
    replica: replica.label,
    boundMs: options.boundMs,
    trials: options.trials,
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
    maxMs: sorted.at(-1) ?? NaN,
    overBound: sorted.filter((ms) => ms > options.boundMs).length,
    trialsWithStaleAnswers,
    staleAnswers,
    tokenTrials: options.trials,
    tokenFailures,
    tokenP50Ms: percentile([...tokenLatency].sort((x, y) => x - y), 0.5),
  };
  log(
    `staleness on ${replica.label}: revoke visible without a token after p50 ${result.p50Ms.toFixed(1)} ms, p99 ${result.p99Ms.toFixed(1)} ms, max ${result.maxMs.toFixed(1)} ms (bound ${options.boundMs} ms, ${result.overBound} over; stale answers in ${trialsWithStaleAnswers}/${options.trials} trials); with the token: ${tokenFailures} failures in ${options.trials}`,
  );
  return result;
}
