// The fallback path of invalidation: reads each store's changelog when pub/sub cannot vouch for
// it (no Redis, a fresh or re-established subscription, or the periodic safety poll). Changelog
// rows name their objects, so they invalidate as precisely as the local write did: the rows of
// one revision (one Write) are applied together, so a large write falls back to relation-wide
// floors here as it did on the replica that made it.
import { safeEmit, type CacheEventListener } from './cache-events.js';
import type { ChangeFeed, FeedChange } from './change-feed.js';
import { writtenRelations, type InvalidationState } from './invalidation-state.js';

/** More changes than this in one poll: cheaper to drop the store's entries than to walk them. */
const maxPagesPerPoll = 20;

/** Rows grouped by revision, in page order (a revision split across pages is applied in parts: still sound). */
function byRevision(page: readonly FeedChange[]): Map<bigint, FeedChange[]> {
  const groups = new Map<bigint, FeedChange[]>();
  for (const change of page) {
    const rows = groups.get(change.revision);
    if (rows) rows.push(change);
    else groups.set(change.revision, [change]);
  }
  return groups;
}

export interface ChangePollerOptions {
  intervalMs: number;
  safetyIntervalMs: number;
}

export class ChangePoller {
  private readonly timer: NodeJS.Timeout;
  private running: Promise<void> | undefined;

  constructor(
    private readonly feed: ChangeFeed,
    private readonly state: InvalidationState,
    private readonly options: ChangePollerOptions,
    private readonly onEvent?: CacheEventListener,
  ) {
    this.timer = setInterval(() => void this.pollDue(), options.intervalMs);
    this.timer.unref();
  }

  /** Polls every store that needs it; concurrent calls share one run. */
  pollDue(): Promise<void> {
    // `.finally` runs in a later microtask, so `running` is always set before it is cleared.
    this.running ??= this.pollAll().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async pollAll(): Promise<void> {
    for (const storeId of this.state.storesToPoll(this.options.safetyIntervalMs)) await this.pollStore(storeId);
  }

  async pollStore(storeId: string): Promise<void> {
    const cursor = this.state.pollCursor(storeId);
    if (!cursor) return;
    const startedAt = Date.now();
    try {
      const latest = await this.feed.latestRevision(storeId);
      const latestReadAt = Date.now();
      let after = cursor.after;
      let changes = 0;
      if (cursor.baseline !== undefined) {
        let pages = 0;
        while (after < latest) {
          if (++pages > maxPagesPerPoll) {
            this.state.applyStoreWide(storeId);
            break;
          }
          const page = await this.feed.changesSince(storeId, after);
          if (page.length === 0) break;
          for (const [revision, rows] of byRevision(page)) {
            const { written, unparsable } = writtenRelations(rows);
            this.state.applyWrite(storeId, revision, written);
            // An unparsable object cannot be matched to a relation: invalidate the whole store.
            if (unparsable) this.state.applyStoreWide(storeId);
            if (revision > after) after = revision;
          }
          changes += page.length;
        }
      }
      this.state.completePoll(storeId, startedAt, latest > after ? latest : after, latestReadAt);
      safeEmit(this.onEvent, { type: 'poll', storeId, changes });
    } catch (error) {
      safeEmit(this.onEvent, { type: 'poll-error', storeId, error });
    }
  }

  close(): void {
    clearInterval(this.timer);
  }
}
