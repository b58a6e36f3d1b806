// Reading the trail: records as views (parsed body), reports over a time range, retention.
import type { AuditFilter, AuditRecord, AuditRepository } from '../storage/audit-repository.js';
import { findSpikes, type SpikeFinding, type SpikeRule } from './denial-spikes.js';

export interface AuditView {
  id: string;
  chain: string;
  seq: string;
  storeId: string;
  at: string;
  kind: string;
  operation: string;
  actor: string;
  result: string;
  prevHash: string;
  hash: string;
  /** The hashed body exactly as stored (canonical JSON), for offline verification. */
  body: string;
  /** The same, parsed. */
  record: Record<string, unknown>;
}

export function toView(record: AuditRecord): AuditView {
  let parsed: unknown;
  try {
    parsed = JSON.parse(record.body);
  } catch {
    parsed = { unreadable: record.body.slice(0, 200) };
  }
  return {
    id: record.id.toString(),
    chain: record.chain,
    seq: record.seq.toString(),
    storeId: record.storeId,
    at: record.at.toISOString(),
    kind: record.kind,
    operation: record.operation,
    actor: record.actor,
    result: record.result,
    prevHash: record.prevHash,
    hash: record.hash,
    body: record.body,
    record: parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {},
  };
}

/** Every record matching `filter`, newest first, page by page (export, report). */
export async function* allRecords(repo: AuditRepository, filter: AuditFilter, pageSize = 1000): AsyncGenerator<AuditRecord> {
  let token: string | undefined;
  do {
    const page = await repo.queryAudit(filter, { pageSize, continuationToken: token });
    yield* page.items;
    token = page.continuationToken || undefined;
  } while (token);
}

export interface Counted {
  key: string;
  count: number;
}

export interface AuditReport {
  storeId: string;
  from: string;
  to: string;
  changesByActor: Counted[];
  changesByOperation: Counted[];
  decisionsByResult: Counted[];
  topDeniedSubjects: Counted[];
  topDeniedObjects: Counted[];
  suspiciousDenials: (Omit<SpikeFinding, 'windowStart'> & { windowStart: string })[];
  /** True when the range held more records than the report reads (maxRecords). */
  truncated: boolean;
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function top(map: Map<string, number>, n: number): Counted[] {
  return [...map].map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1)).slice(0, n);
}

export interface ReportOptions {
  storeId: string;
  from: Date;
  to: Date;
  spikes: SpikeRule;
  topN?: number;
  /** Bound on the records read (memory and time); default 1 000 000. */
  maxRecords?: number;
}

export async function auditReport(repo: AuditRepository, options: ReportOptions): Promise<AuditReport> {
  const byActor = new Map<string, number>();
  const byOperation = new Map<string, number>();
  const byResult = new Map<string, number>();
  const deniedSubjects = new Map<string, number>();
  const deniedObjects = new Map<string, number>();
  const denials: { subject: string; at: Date }[] = [];
  const max = options.maxRecords ?? 1_000_000;
  let read = 0;
  let truncated = false;
  for await (const r of allRecords(repo, { storeId: options.storeId, from: options.from, to: options.to })) {
    if (++read > max) {
      truncated = true;
      break;
    }
    if (r.kind === 'change') {
      bump(byActor, r.actor);
      bump(byOperation, r.operation);
    } else if (r.kind === 'decision') {
      bump(byResult, r.result);
      if (r.result === 'denied') {
        for (const s of r.subjects) {
          bump(deniedSubjects, s);
          denials.push({ subject: s, at: r.at });
        }
        for (const o of r.objects) bump(deniedObjects, o);
      }
    }
  }
  const n = options.topN ?? 10;
  return {
    storeId: options.storeId,
    from: options.from.toISOString(),
    to: options.to.toISOString(),
    changesByActor: top(byActor, Infinity),
    changesByOperation: top(byOperation, Infinity),
    decisionsByResult: top(byResult, Infinity),
    topDeniedSubjects: top(deniedSubjects, n),
    topDeniedObjects: top(deniedObjects, n),
    suspiciousDenials: findSpikes(denials, options.from, options.spikes).map((s) => ({ ...s, windowStart: s.windowStart.toISOString() })),
    truncated,
  };
}

/** Removes records older than `days` from every chain, keeping each chain's head and base. */
export async function applyRetention(repo: AuditRepository, days: number, now = new Date()): Promise<number> {
  if (days <= 0) return 0;
  const before = new Date(now.getTime() - days * 86_400_000);
  let removed = 0;
  for (const head of await repo.auditChains()) removed += await repo.pruneAudit(head.chain, before);
  return removed;
}
