// The expiry sweeper: deletes expired tuples in batches, so they stop taking space and ReadChanges
// shows each expiry as a delete. Reads never wait for it (they hide expired tuples themselves);
// it only tidies up. Each batch is one storage call (sweepExpired): changelog deletes and the
// audit record (actor `system:expiry-sweeper`) commit with the deletes, then the decision cache
// is told as for any Write. On PostgreSQL an advisory lock lets one replica sweep at a time.
import type { AuditTrail } from '../audit/audit-trail.js';
import type { DecisionCache } from '../cache/decision-cache.js';
import type { Logger } from '../observability/logger.js';
import type { Datastore } from '../storage/datastore.js';

export interface ExpirySweeperOptions {
  datastore: Datastore;
  audit: AuditTrail;
  cache?: DecisionCache;
  logger?: Logger;
  /** Default: the system clock. */
  clock?: () => Date;
  /** Tuples per batch (one transaction); default 500. */
  batchSize?: number;
  /** Batches per run at most, so one run stays bounded; default 100. */
  maxBatches?: number;
}

export interface SweepRun {
  /** False when another replica held the sweep lock. */
  swept: boolean;
  deleted: number;
  batches: number;
}

export const expirySweeperActor = 'expiry-sweeper';

export class ExpirySweeper {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<SweepRun> | undefined;
  private readonly batchSize: number;
  private readonly maxBatches: number;

  constructor(private readonly options: ExpirySweeperOptions) {
    this.batchSize = Math.max(1, options.batchSize ?? 500);
    this.maxBatches = Math.max(1, options.maxBatches ?? 100);
  }

  /** One run: batches until fewer than a batch remain expired (or another replica sweeps). Runs never overlap. */
  runOnce(): Promise<SweepRun> {
    this.running ??= this.sweep().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Runs every `intervalMs` in the background (a failure is logged and retried next time). */
  start(intervalMs: number): void {
    if (this.timer || intervalMs <= 0) return;
    this.timer = setInterval(() => {
      this.runOnce().catch((err: unknown) => this.options.logger?.warn({ err }, 'expiry sweep failed; retried at the next interval'));
    }, intervalMs);
    this.timer.unref();
  }

  /** Stops the timer and waits for a run in progress. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  private async sweep(): Promise<SweepRun> {
    const { datastore, audit, cache, logger } = this.options;
    const run: SweepRun = { swept: true, deleted: 0, batches: 0 };
    while (run.batches < this.maxBatches) {
      const now = (this.options.clock ?? (() => new Date()))();
      const result = await datastore.sweepExpired(now, this.batchSize, (storeId) => audit.change(storeId, 'ExpireTuples', { system: expirySweeperActor }));
      if (!result.swept) return { ...run, swept: run.batches > 0 };
      run.batches += 1;
      let deleted = 0;
      for (const store of result.stores) {
        deleted += store.tuples.length;
        cache?.recordWrite(store.storeId, { revision: store.revision, tuples: store.tuples });
      }
      run.deleted += deleted;
      if (deleted < this.batchSize) break;
    }
    if (run.deleted > 0) logger?.info({ deleted: run.deleted, batches: run.batches }, 'expired tuples swept');
    return run;
  }
}
