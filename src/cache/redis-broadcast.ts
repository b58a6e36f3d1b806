// A plain Redis pub/sub channel for notices that are not decision invalidations (API client
// changes). Only this layer touches Redis, so other layers reach it through a structural port
// (e.g. the auth layer's ClientChangeChannel). Publishes are fire-and-forget and fail fast while
// Redis is away (no offline queue); whoever uses the channel keeps a slower path (a change-log
// poll) for what is lost, and hears `live` each time the subscription (re)starts so it can catch
// up on what it may have missed while it was down.
import type { Redis } from 'ioredis';
import { createRedisClient } from './redis-connection.js';

export interface RedisBroadcastOptions {
  url: string;
  channel: string;
  /** Bound on one publish; a slower Redis counts as down. */
  commandTimeoutMs: number;
  onError?: (operation: 'publish' | 'subscribe', error: unknown) => void;
}

export interface BroadcastListener {
  /** Every message on the channel, this process's own included. */
  message(text: string): void;
  /** The subscription is (again) acknowledged: messages from now on arrive. */
  live(): void;
}

export class RedisBroadcast {
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private listener: BroadcastListener | undefined;
  private closed = false;
  private subscribed = false;

  constructor(private readonly options: RedisBroadcastOptions) {
    this.publisher = createRedisClient({ url: options.url, commandTimeoutMs: options.commandTimeoutMs }, (error) => this.report('publish', error));
    this.subscriber = createRedisClient({ url: options.url, commandTimeoutMs: Math.max(options.commandTimeoutMs, 1_000) }, (error) =>
      this.report('subscribe', error),
    );
    this.subscriber.on('ready', () => void this.subscribe());
    this.subscriber.on('close', () => (this.subscribed = false));
    this.subscriber.on('message', (_channel: string, text: string) => this.listener?.message(text));
  }

  /** Sets the one listener (the channel carries one kind of notice). */
  listen(listener: BroadcastListener): void {
    this.listener = listener;
    if (this.subscriber.status === 'ready') void this.subscribe();
  }

  /** Whether messages published now would be sent and heard (both connections up, subscribed). */
  get live(): boolean {
    return !this.closed && this.subscribed && this.publisher.status === 'ready';
  }

  /** Waits (at most `timeoutMs`) for the publishing connection; true when it is up. */
  async publisherReady(timeoutMs: number): Promise<boolean> {
    if (this.publisher.status === 'ready') return true;
    return new Promise((resolve) => {
      const done = (ready: boolean) => {
        clearTimeout(timer);
        this.publisher.off('ready', onReady);
        resolve(ready);
      };
      const onReady = () => done(true);
      const timer = setTimeout(() => done(false), timeoutMs);
      this.publisher.once('ready', onReady);
    });
  }

  /** Resolves false (never rejects) when the message could not be handed to Redis. */
  async publish(text: string): Promise<boolean> {
    if (this.closed || this.publisher.status !== 'ready') return false;
    try {
      await this.publisher.publish(this.options.channel, text);
      return true;
    } catch (error) {
      this.report('publish', error);
      return false;
    }
  }

  private async subscribe(): Promise<void> {
    if (this.closed || !this.listener) return;
    try {
      await this.subscriber.subscribe(this.options.channel);
      this.subscribed = true;
      this.listener?.live();
    } catch (error) {
      this.report('subscribe', error);
    }
  }

  private report(operation: 'publish' | 'subscribe', error: unknown): void {
    try {
      this.options.onError?.(operation, error);
    } catch {
      // A faulty log hook must not break the channel.
    }
  }

  close(): Promise<void> {
    this.closed = true;
    this.listener = undefined;
    this.publisher.disconnect();
    this.subscriber.disconnect();
    return Promise.resolve();
  }
}
