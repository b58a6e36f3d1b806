// What the service calls: change drafts for the datastore's mutating methods (always on), and
// decisions (counted always; spikes detected; logged when the decision log selects them).
import type { AuditAppenderSpec, AuditDraft, AuditRepository } from '../storage/audit-repository.js';
import { defaultAuditConfig, type AuditConfig } from '../config/audit.js';
import type { AuditMetrics } from '../observability/audit-metrics.js';
import type { Logger } from '../observability/logger.js';
import { actorFields, type AuditCaller } from './actor.js';
import { changeChain } from './chain.js';
import { DecisionLog } from './decision-log.js';
import { decisionChains, decisionRecord, type DecisionRecord } from './decision-seal.js';
import { inlineDecisionSealer, workerDecisionAppender, workerDecisionSealer, type DecisionSealer } from './decision-sealer.js';
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
  // One record per committed batch of `relata tuples import` / `relata store import`.
  | 'ImportTuples'
  // relata.v1 WriteTuples (tuples with expiry) and the expiry sweeper's deletes.
  | 'WriteTuples'
  | 'ExpireTuples'
  | 'WriteAssertions'
  /** One record per committed batch of a delete by filter (each batch is its own transaction). */
  | 'DeleteTuples'
  | 'WriteAuthzenActions'
  // API clients: store-less, on the global chain.
  | 'CreateApiClient'
  | 'DisableApiClient'
  | 'EnableApiClient'
  | 'RotateApiClientKey'
  | 'DeleteApiClient';

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
  /** Where decision batches go; without it (or decisionStore) the decision log is off whatever the config says. */
  repository?: Pick<AuditRepository, 'appendAuditBatch'>;
  /**
   * Servers on PostgreSQL: the decision log's worker thread seals and appends each batch over a
   * connection it opens from this spec, so the thread answering Checks only hands the batch over.
   */
  decisionStore?: AuditAppenderSpec;
  /** Seal decision batches on a worker thread (servers), not on the thread that answers Checks. */
  sealOnWorker?: boolean;
  metrics?: AuditMetrics;
  logger?: Pick<Logger, 'warn'>;
  now?: () => Date;
}

/** The decision log's writer: the worker appends (decisionStore), or the repository appends what a sealer sealed. */
function decisionWriter(options: AuditTrailOptions, maskKeys: readonly string[]): { write(batch: DecisionRecord[]): Promise<void>; close(): Promise<void> } | undefined {
  if (options.decisionStore) {
    const appender = workerDecisionAppender(maskKeys, options.decisionStore);
    return { write: (batch) => appender.append(batch), close: () => appender.close() };
  }
  const repository = options.repository;
  if (!repository) return undefined;
  const sealer: DecisionSealer = options.sealOnWorker ? workerDecisionSealer(maskKeys) : inlineDecisionSealer(maskKeys);
  return {
    write: (batch) => repository.appendAuditBatch({ chains: decisionChains(batch), seal: (heads) => sealer.seal(batch, heads) }),
    close: () => sealer.close(),
  };
}

export class AuditTrail {
  private readonly mask: Masker;
  private readonly log: DecisionLog<DecisionRecord> | undefined;
  private readonly writer: { close(): Promise<void> } | undefined;
  private readonly spikes: DenialSpikeDetector;
  private readonly now: () => Date;
  private readonly nowMs: () => number;
  /** What counts as a suspicious spike of denials (live counter and reports). */
  readonly spikeRule: SpikeRule;

  constructor(private readonly options: AuditTrailOptions = {}) {
    const config = options.config ?? defaultAuditConfig;
    this.mask = createMasker(config.maskKeys);
    this.now = options.now ?? (() => new Date());
    const now = options.now;
    this.nowMs = now ? () => now().getTime() : Date.now;
    this.spikeRule = { minDenials: config.spikeMinDenials, multiple: config.spikeMultiple, windowMs: config.spikeWindowSeconds * 1000 };
    this.spikes = new DenialSpikeDetector(this.spikeRule);
    const anyLogged = config.decisions !== 'off' || [...config.decisionsByStore.values()].some((m) => m !== 'off');
    const writer = anyLogged ? decisionWriter(options, config.maskKeys) : undefined;
    this.writer = writer;
    this.log = writer
      ? new DecisionLog<DecisionRecord>({
          mode: config.decisions,
          byStore: config.decisionsByStore,
          sample: config.decisionSample,
          queueSize: config.decisionQueueSize,
          batchSize: config.decisionBatchSize,
          flushMs: config.decisionFlushMs,
          write: (batch) => writer.write(batch),
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
    // A flat copy of the fields (no reference to the request or its call survives it); masking,
    // encoding, hashing and storing happen on the log's worker thread.
    this.log.record(decisionRecord(event, this.nowMs()));
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
    await this.writer?.close();
  }
}
