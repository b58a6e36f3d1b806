// Decision-cache lookup counts read from a server's /metrics
// (`relata_decision_cache_lookups_total{result=l1|l2|in-flight|miss}`), and their difference over
// a workload: which tier really answered a row labelled "L1 hit", "L2 hit" or "miss".

export interface CacheLookups {
  l1: number;
  l2: number;
  inFlight: number;
  miss: number;
  /** Failures of Redis (or another dependency) meanwhile: each one turned a lookup into a miss. */
  errors: number;
  /** Hits (any tier) / lookups; NaN when there was no lookup. */
  ratio: number;
}

export type LookupCounters = Record<string, number>;

export async function readLookupCounters(metricsAddress: string): Promise<LookupCounters> {
  const text = await (await fetch(`http://${metricsAddress}/metrics`)).text();
  const counts: LookupCounters = {};
  for (const match of text.matchAll(/^relata_decision_cache_lookups_total\{result="([^"]+)"\} (\d+)/gm)) counts[match[1]!] = Number(match[2]);
  for (const match of text.matchAll(/^relata_decision_cache_errors_total\{source="[^"]+"\} (\d+)/gm)) counts.errors = (counts.errors ?? 0) + Number(match[1]);
  return counts;
}

export function lookupsBetween(before: LookupCounters, after: LookupCounters): CacheLookups {
  const delta = (k: string) => (after[k] ?? 0) - (before[k] ?? 0);
  const hits = delta('l1') + delta('l2') + delta('in-flight');
  const total = hits + delta('miss');
  return { l1: delta('l1'), l2: delta('l2'), inFlight: delta('in-flight'), miss: delta('miss'), errors: delta('errors'), ratio: total ? hits / total : NaN };
}

export function describeLookups(stats: CacheLookups): string {
  const total = stats.l1 + stats.l2 + stats.inFlight + stats.miss;
  const pct = (n: number) => (total ? `${((100 * n) / total).toFixed(1)}%` : '-');
  const errors = stats.errors ? `, cache dependency errors ${stats.errors}` : '';
  return `lookups: l1 ${pct(stats.l1)}, l2 ${pct(stats.l2)}, in-flight ${pct(stats.inFlight)}, miss ${pct(stats.miss)} of ${total}${errors}`;
}
