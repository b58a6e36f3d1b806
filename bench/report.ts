// Formats bench results as the README table: each figure beside its floor and peers.
import { formatMs, type LatencySummary } from './lib/stats.js';

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
