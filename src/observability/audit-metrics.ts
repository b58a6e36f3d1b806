// The audit trail's Prometheus counters, on the server's registry: every Check decision by result
// (whether or not the decision log keeps it), suspicious denial spikes (alert on its rate), and
// the decision log's written and dropped records.
import { Counter } from 'prom-client';
import type { Registry } from 'prom-client';

export interface AuditMetrics {
  decision(allowed: boolean): void;
  denialSpike(): void;
  decisionsWritten(count: number): void;
  decisionsDropped(count: number, reason: string): void;
}

export function createAuditMetrics(registry: Registry): AuditMetrics {
  const decisions = new Counter({
    name: 'relata_check_decisions_total',
    help: 'Check decisions, by result (allowed, denied)',
    labelNames: ['result'] as const,
    registers: [registry],
  });
  // Children bound once: the per-Check cost is one increment.
  const allowed = decisions.labels('allowed');
  const denied = decisions.labels('denied');
  const spikes = new Counter({
    name: 'relata_denial_spikes_total',
    help: 'Subjects whose denials in a window exceeded both RELATA_AUDIT_SPIKE_MIN_DENIALS and RELATA_AUDIT_SPIKE_MULTIPLE times their baseline',
    registers: [registry],
  });
  const written = new Counter({ name: 'relata_audit_decisions_written_total', help: 'Decision log records written', registers: [registry] });
  const dropped = new Counter({
    name: 'relata_audit_decisions_dropped_total',
    help: 'Decision log records dropped (queue full or write failed)',
    labelNames: ['reason'] as const,
    registers: [registry],
  });
  return {
    decision: (ok) => (ok ? allowed : denied).inc(),
    denialSpike: () => spikes.inc(),
    decisionsWritten: (count) => written.inc(count),
    decisionsDropped: (count, reason) => dropped.labels(reason).inc(count),
  };
}
