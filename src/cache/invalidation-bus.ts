// Cross-replica fan-out over Redis pub/sub (one channel per deployment). A write is published
// as the `type#relation`s it touched (`x`) and, index for index, the ids of the objects written
// of each (`o`; null = every object, for a write of too many objects); each replica maps them
// through its own dependency graphs. `o` came later: a message without it (from a replica of an
// earlier version) is applied relation-wide, and earlier versions ignore it, so mixed versions
// stay safe. Heartbeats let a replica prove its subscription is live and in order: receiving
// its own heartbeat sent at t means every message published before t has arrived. Publishes
// that fail wait in a small outbox and go out, in order, before the next heartbeat.
import type { Redis } from 'ioredis';
import { safeEmit, type CacheEventListener } from './cache-events.js';
import type { RelationKey } from './dependency-graph.js';
import type { InvalidationState, WrittenRelation } from './invalidation-state.js';
import { createRedisClient } from './redis-connection.js';

type BusMessage =
  | { k: 'w'; f: string; t: number; s: string; r: string; x: RelationKey[]; o?: (string[] | null)[] }
  | { k: 'm'; f: string; t: number; s: string }
  | { k: 'h'; f: string; t: number };

const maxOutbox = 1_000;

export interface InvalidationBusOptions {
  url: string;
  channel: string;
  replicaId: string;
  commandTimeoutMs: number;
  heartbeatIntervalMs: number;
}

function isObjectIds(value: unknown): boolean {
  return value === null || (Array.isArray(value) && value.length > 0 && value.every((id) => typeof id === 'string'));
}

/** The written relations of a `w` message; relation-wide where it names no objects. */
function writtenOf(message: Extract<BusMessage, { k: 'w' }>): WrittenRelation[] {
  return message.x.map((relation, i) => {
    const objectIds = message.o?.[i];
    return objectIds ? { relation, objectIds } : { relation };
  });
}

function parseMessage(raw: string): BusMessage | undefined {
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value !== 'object' || value === null) return undefined;
    const m = value as Record<string, unknown>;
    if (typeof m.f !== 'string' || typeof m.t !== 'number') return undefined;
    if (m.k === 'h') return { k: 'h', f: m.f, t: m.t };
    if (typeof m.s !== 'string') return undefined;
    if (m.k === 'm') return { k: 'm', f: m.f, t: m.t, s: m.s };
    if (m.k === 'w' && typeof m.r === 'string' && /^\d+$/.test(m.r) && Array.isArray(m.x) && m.x.every((x) => typeof x === 'string')) {
      // Object ids that do not line up with `x` are dropped: relation-wide is always safe.
      const o = Array.isArray(m.o) && m.o.length === m.x.length && m.o.every(isObjectIds) ? (m.o as (string[] | null)[]) : undefined;
      return { k: 'w', f: m.f, t: m.t, s: m.s, r: m.r, x: m.x as string[], o };
    }
    return undefined;
  } catch {
    return undefined;
  }
}

export class InvalidationBus {
  private readonly subscriber: Redis;
  private readonly outbox: string[] = [];
  private readonly timer: NodeJS.Timeout;
  private flushing = false;
  private closed = false;

  constructor(
    private readonly publisher: Redis,
    private readonly state: InvalidationState,
    private readonly options: InvalidationBusOptions,
    private readonly onEvent?: CacheEventListener,
  ) {
    this.subscriber = createRedisClient({ url: options.url, commandTimeoutMs: Math.max(options.commandTimeoutMs, 1_000) }, (error) =>
      safeEmit(onEvent, { type: 'redis-error', operation: 'subscribe', error }),
    );
    this.subscriber.on('ready', () => void this.subscribe());
    this.subscriber.on('close', () => this.state.subscriptionLost());
    this.subscriber.on('message', (_channel: string, raw: string) => this.receive(raw));
    this.timer = setInterval(() => void this.flush(true), options.heartbeatIntervalMs);
    this.timer.unref();
  }

  private async subscribe(): Promise<void> {
    try {
      await this.subscriber.subscribe(this.options.channel);
      // Live only from the acknowledgement on: anything published earlier may have been missed.
      this.state.subscriptionStarted(Date.now());
      void this.flush(true);
    } catch (error) {
      safeEmit(this.onEvent, { type: 'redis-error', operation: 'subscribe', error });
    }
  }

  private receive(raw: string): void {
    const message = parseMessage(raw);
    if (!message) return;
    if (message.k === 'h') {
      if (message.f === this.options.replicaId) {
        this.state.heartbeatReceived(message.t);
        safeEmit(this.onEvent, { type: 'heartbeat', roundTripMs: Date.now() - message.t });
      }
      return;
    }
    if (message.f === this.options.replicaId) return; // applied locally before publishing
    if (message.k === 'w') this.state.applyWrite(message.s, BigInt(message.r), writtenOf(message));
    else this.state.applyStoreWide(message.s);
    safeEmit(this.onEvent, { type: 'invalidation-received', storeId: message.s, lagMs: Date.now() - message.t });
  }

  publishWrite(storeId: string, revision: bigint, written: readonly WrittenRelation[]): void {
    const x = written.map((w) => w.relation);
    const o = written.map((w) => (w.objectIds && w.objectIds.length > 0 ? [...w.objectIds] : null));
    this.enqueue({ k: 'w', f: this.options.replicaId, t: Date.now(), s: storeId, r: revision.toString(), x, o });
    safeEmit(this.onEvent, { type: 'invalidation-sent', storeId });
  }

  publishStoreWide(storeId: string): void {
    this.enqueue({ k: 'm', f: this.options.replicaId, t: Date.now(), s: storeId });
    safeEmit(this.onEvent, { type: 'invalidation-sent', storeId });
  }

  private enqueue(message: BusMessage): void {
    // When the outbox overflows the oldest messages go; the changelog poll covers them.
    if (this.outbox.length >= maxOutbox) this.outbox.shift();
    this.outbox.push(JSON.stringify(message));
    void this.flush(false);
  }

  /** Sends queued invalidations in order, then (on the timer) a heartbeat behind them. */
  private async flush(withHeartbeat: boolean): Promise<void> {
    if (this.flushing || this.closed || this.publisher.status !== 'ready') return;
    this.flushing = true;
    let failed = false;
    try {
      while (this.outbox.length > 0) {
        await this.publisher.publish(this.options.channel, this.outbox[0]);
        this.outbox.shift();
      }
      if (withHeartbeat) {
        const beat: BusMessage = { k: 'h', f: this.options.replicaId, t: Date.now() };
        await this.publisher.publish(this.options.channel, JSON.stringify(beat));
      }
    } catch (error) {
      failed = true;
      safeEmit(this.onEvent, { type: 'redis-error', operation: 'publish', error });
    } finally {
      this.flushing = false;
    }
    // Something queued while the heartbeat was in flight goes out now, not a tick later.
    if (!failed && this.outbox.length > 0) void this.flush(false);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    this.state.subscriptionLost();
    this.subscriber.disconnect();
  }
}
