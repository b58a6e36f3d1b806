// Formats bench results as the README table: each figure beside its floor and peers.
import type { AimResult } from './cache-rows.js';
import type { CacheLookups } from './lib/cache-metrics.js';
import { formatMs, type LatencySummary } from './lib/stats.js';
import type { StalenessResult } from './staleness.js';

export interface ResultRow {
  name: string;
  concurrency: number;
  summary: LatencySummary;
  /** Floor this row is compared with (a key of `floors`). */
  floor?: string;
  note?: string;
}

export function ratio(value: number, base: number): string {
  return Number.isFinite(value) && Number.isFinite(base) && base > 0 ? `${(value / base).toFixed(2)}x` : '-';
}

export function renderTable(rows: ResultRow[], floors: Record<string, LatencySummary>): string {
  const header = '| workload | conc. | p50 ms | p95 ms | p99 ms | ops/s | errors | p50 vs floor | ops/s vs floor | note |';
  const lines = [header, '|---|---:|---:|---:|---:|---:|---:|---:|---:|---|'];
  for (const row of rows) {
    const s = row.summary;
    const floor = row.floor ? floors[`${row.floor}@${row.concurrency}`] : undefined;
    lines.push(
      `| ${row.name} | ${row.concurrency} | ${formatMs(s.p50)} | ${formatMs(s.p95)} | ${formatMs(s.p99)} | ${s.throughput.toFixed(0)} | ${s.errors} | ${floor ? `${ratio(s.p50, floor.p50)} (${row.floor})` : '-'} | ${floor ? ratio(s.throughput, floor.throughput) : '-'} | ${row.note ?? ''} |`,
    );
  }
  return lines.join('\n');
}

/** The issue-8 aims, each met or not, as a markdown list. */
export function renderAims(aims: readonly AimResult[]): string {
  return aims.map((a) => `- ${a.what}, c=${a.concurrency}: aim "${a.aim}": **${a.met ? 'met' : 'not met'}** (${a.measured})`).join('\n');
}

/** Decision-cache lookups per workload group: which tier answered, and the hit ratio. */
export function renderCacheStats(stats: Record<string, CacheLookups>): string {
  const lines = ['| decision cache lookups | l1 | l2 | in-flight | miss | hit ratio | dependency errors |', '|---|---:|---:|---:|---:|---:|---:|'];
  for (const [label, s] of Object.entries(stats)) {
    lines.push(`| ${label} | ${s.l1} | ${s.l2} | ${s.inFlight} | ${s.miss} | ${Number.isFinite(s.ratio) ? `${(100 * s.ratio).toFixed(1)}%` : '-'} | ${s.errors} |`);
  }
  return lines.join('\n');
}

/** Cross-replica staleness: revoke on A, time until B denies without a token; and with the token. */
export function renderStaleness(rows: readonly StalenessResult[]): string {
  const lines = [
    '| revoke on A, read on | trials | no token: p50 ms | p99 ms | max ms | bound ms | over bound | trials with stale answers | with token: wrong allows | token Check p50 ms |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.replica} | ${r.trials} | ${formatMs(r.p50Ms)} | ${formatMs(r.p99Ms)} | ${formatMs(r.maxMs)} | ${r.boundMs} | ${r.overBound} | ${r.trialsWithStaleAnswers} | ${r.tokenFailures}/${r.tokenTrials} | ${formatMs(r.tokenP50Ms)} |`,
    );
  }
  return lines.join('\n');
}
