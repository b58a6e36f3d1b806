// What the service calls: change drafts for the datastore's mutating methods (always on), and
// decisions (counted always; spikes detected; logged when the decision log selects them).
import type { AuditDraft, AuditRepository } from '../storage/audit-repository.js';
import { defaultAuditConfig, type AuditConfig } from '../config/audit.js';
import type { AuditMetrics } from '../observability/audit-metrics.js';
import type { Logger } from '../observability/logger.js';
import { actorFields, type AuditCaller } from './actor.js';
import { changeChain, decisionChain } from './chain.js';
import { DecisionLog } from './decision-log.js';
import { DenialSpikeDetector, type SpikeRule } from './denial-spikes.js';
import { AuditEntry } from './entry.js';
import { createMasker, type Masker } from './mask.js';

/** The change operations, named as the API calls that make them (so `--op Write` finds tuple writes). */
export type ChangeOperation =
  | 'CreateStore'
  | 'UpdateStore'
  | 'DeleteStore'
  | 'WriteAuthorizationModel'
  | 'Write'
  // relata.v1 WriteTuples (tuples with expiry) and the expiry sweeper's deletes.
  | 'WriteTuples'
  | 'ExpireTuples'
  | 'WriteAssertions'
  // API clients and settings (wired by their own features, see README "Audit trail").
  | 'CreateApiClient'
  | 'UpdateApiClient'
  | 'DeleteApiClient'
  | 'RotateApiClientSecret'
  | 'ChangeSetting';

export interface DecisionEvent {
  operation: 'Check' | 'BatchCheck';
  storeId: string;
  user: string;
  relation: string;
  object: string;
  allowed: boolean;
  modelId: string;
  /** Where the answer came from: l1 | l2 | in-flight | miss | bypass | off. */
  cache: string;
  latencyMs: number;
  caller?: AuditCaller;
  context?: Record<string, unknown>;
  contextualTuples?: number;
}

export interface AuditTrailOptions {
  config?: AuditConfig;
  /** Where decision batches go; without it the decision log is off whatever the config says. */
  repository?: Pick<AuditRepository, 'appendAudit'>;
  metrics?: AuditMetrics;
  logger?: Pick<Logger, 'warn'>;
  now?: () => Date;
}

export class AuditTrail {
  private readonly mask: Masker;
  private readonly log: DecisionLog | undefined;
  private readonly spikes: DenialSpikeDetector;
  private readonly now: () => Date;
  /** What counts as a suspicious spike of denials (live counter and reports). */
  readonly spikeRule: SpikeRule;

  constructor(private readonly options: AuditTrailOptions = {}) {
    const config = options.config ?? defaultAuditConfig;
    this.mask = createMasker(config.maskKeys);
    this.now = options.now ?? (() => new Date());
    this.spikeRule = { minDenials: config.spikeMinDenials, multiple: config.spikeMultiple, windowMs: config.spikeWindowSeconds * 1000 };
    this.spikes = new DenialSpikeDetector(this.spikeRule);
    const anyLogged = config.decisions !== 'off' || [...config.decisionsByStore.values()].some((m) => m !== 'off');
    const repository = options.repository;
    this.log =
      repository && anyLogged
        ? new DecisionLog({
            mode: config.decisions,
            byStore: config.decisionsByStore,
            sample: config.decisionSample,
            queueSize: config.decisionQueueSize,
            batchSize: config.decisionBatchSize,
            flushMs: config.decisionFlushMs,
            write: (drafts) => repository.appendAudit(drafts),
            onWritten: (count) => options.metrics?.decisionsWritten(count),
            onDropped: (count, why, error) => this.dropped(count, why, error),
          })
        : undefined;
  }

  private droppedLogged = 0;

  private dropped(count: number, why: string, error?: unknown): void {
    this.options.metrics?.decisionsDropped(count, why);
    // One line per 1000 drops at most: a full queue must not turn into a flood of log lines.
    const before = this.droppedLogged;
    this.droppedLogged += count;
    if (Math.floor(before / 1000) !== Math.floor(this.droppedLogged / 1000) || before === 0) {
      this.options.logger?.warn({ err: error, reason: why, dropped: count, droppedTotal: this.droppedLogged }, 'audit: decision log records dropped');
    }
  }

  /** The draft to pass to the datastore's mutating method: appended only if the change commits. */
  change(storeId: string | undefined, operation: ChangeOperation, caller?: AuditCaller, details?: Record<string, unknown>): AuditDraft {
    return new AuditEntry(
      { chain: changeChain(storeId), storeId: storeId ?? '', at: this.now(), kind: 'change', operation, actor: actorFields(caller), details },
      this.mask,
    );
  }

  /** Whether the decision log would keep this decision (so callers skip building an event). */
  get decisionLogOn(): boolean {
    return this.log !== undefined;
  }

  /** On the Check path: counts, watches for spikes, and queues the decision if selected. Never blocks. */
  decision(event: DecisionEvent): void {
    this.options.metrics?.decision(event.allowed);
    if (!event.allowed && this.spikes.denied(event.user)) {
      this.options.metrics?.denialSpike();
      this.options.logger?.warn({ storeId: event.storeId, subject: event.user }, 'audit: suspicious spike of denials for a subject');
    }
    if (!this.log?.wants(event.storeId, event.allowed)) return;
    const at = this.now();
    this.log.record(() => this.decisionEntry(event, at));
  }

  private decisionEntry(event: DecisionEvent, at: Date): AuditDraft {
    const result = event.allowed ? 'allowed' : 'denied';
    return new AuditEntry(
      {
        chain: decisionChain(event.storeId),
        storeId: event.storeId,
        at,
        kind: 'decision',
        operation: event.operation,
        actor: actorFields(event.caller),
        result,
        subjects: [event.user],
        objects: [event.object],
        details: {
          user: event.user,
          relation: event.relation,
          object: event.object,
          modelId: event.modelId,
          cache: event.cache,
          latencyMs: Math.round(event.latencyMs * 1000) / 1000,
          context: event.context === undefined ? undefined : this.mask(event.context),
          contextualTuples: event.contextualTuples || undefined,
        },
      },
      this.mask,
    );
  }

  /** Writes queued decisions now (tests, shutdown). */
  async flush(): Promise<void> {
    await this.log?.flush();
  }

  get decisionsDropped(): number {
    return this.log?.droppedCount ?? 0;
  }

  /** Graceful shutdown: stop taking decisions and write the queued ones. */
  async close(): Promise<void> {
    await this.log?.close();
  }
}
