// How a replica learns that API clients changed elsewhere: it polls the datastore's change log
// (a cheap indexed read) every `intervalMs`, single-flight, and drops what it remembers of each
// changed client. A caller that finds the last successful poll older than `maxStalenessMs` waits
// for a poll first, so a revocation takes effect within max(interval + poll time, maxStaleness)
// even when the timer falls behind; when the datastore cannot be read, warm keys stop working
// (fail closed) once that bound has passed.
import type { ApiClientRepository } from '../../storage/index.js';

export type ApiClientChangeSource = Pick<ApiClientRepository, 'apiClientChangeVersion' | 'apiClientChangesSince'>;

/** More pages than this in one poll: cheaper to forget everything than to walk them. */
const maxPagesPerPoll = 10;

export interface ClientChangeWatcherOptions {
  intervalMs: number;
  maxStalenessMs: number;
  now: () => number;
}

export class ClientChangeWatcher {
  private version: bigint | undefined;
  private lastSyncAt = -Infinity;
  private running: Promise<void> | undefined;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly source: ApiClientChangeSource,
    /** `undefined` = forget every client. */
    private readonly onChange: (clientIds: readonly string[] | undefined) => void,
    private readonly options: ClientChangeWatcherOptions,
  ) {
    this.timer = setInterval(() => void this.sync().catch(() => undefined), options.intervalMs);
    this.timer.unref();
  }

  /** Polls now; concurrent calls share one poll. */
  sync(): Promise<void> {
    this.running ??= this.poll().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Resolves at once when the last poll is recent enough, else after a poll (rejecting when it fails). */
  fresh(): Promise<void> | undefined {
    return this.options.now() - this.lastSyncAt > this.options.maxStalenessMs ? this.sync() : undefined;
  }

  private async poll(): Promise<void> {
    const startedAt = this.options.now();
    if (this.version === undefined) {
      // First poll: nothing is remembered yet, so only the starting point matters.
      this.version = await this.source.apiClientChangeVersion();
    } else {
      let pages = 0;
      for (;;) {
        const changes = await this.source.apiClientChangesSince(this.version);
        if (changes.clientIds.length > 0) this.onChange(changes.clientIds);
        this.version = changes.version;
        if (!changes.more) break;
        if (++pages >= maxPagesPerPoll) {
          // Forget after reading the version, so nothing changed before it can stay remembered.
          this.version = await this.source.apiClientChangeVersion();
          this.onChange(undefined);
          break;
        }
      }
    }
    // What was remembered before the poll started is now vouched for.
    this.lastSyncAt = startedAt;
  }

  close(): void {
    clearInterval(this.timer);
  }
}
