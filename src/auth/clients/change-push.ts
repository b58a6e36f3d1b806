// The fast path for API client changes between replicas: the replica that disables, enables,
// rotates, deletes or rescopes a client announces its id on a pub/sub channel (Redis, supplied by
// the composition root through the structural ClientChangeChannel port), and every other replica
// forgets that client's verified keys within milliseconds. The change-log poll
// (client-changes.ts) stays the path of record: a lost or forged-away message only delays a
// revocation to the next poll, and each time the subscription (re)starts a poll runs at once to
// catch up on what was missed while it was down.
//
// A message can only make a replica forget (never trust) a key, so the worst a party able to
// publish on the channel can do is cost re-verifications; messages are still parsed strictly and
// bounded.
import { clientIdPattern } from './api-key.js';

/** What the push needs of a pub/sub channel (the cache layer's RedisBroadcast has this shape). */
export interface ClientChangeChannel {
  publish(text: string): Promise<boolean> | Promise<void> | void;
  listen(listener: { message(text: string): void; live(): void }): void;
  close?(): Promise<void>;
}

/** Client ids one message may name (a bulk change is announced as several messages). */
export const maxIdsPerNotice = 100;
const maxNoticeChars = 96 + maxIdsPerNotice * 29;

interface ClientChangeNotice {
  /** The announcing replica. */
  f: string;
  ids: string[];
}

/** The notice in `text`; undefined for anything that is not exactly one. */
export function parseClientChangeNotice(text: string): ClientChangeNotice | undefined {
  if (text.length > maxNoticeChars) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const { f, ids } = value as Record<string, unknown>;
  if (typeof f !== 'string' || f.length === 0 || f.length > 64) return undefined;
  if (!Array.isArray(ids) || ids.length === 0 || ids.length > maxIdsPerNotice) return undefined;
  if (!ids.every((id): id is string => typeof id === 'string' && clientIdPattern.test(id))) return undefined;
  return { f, ids };
}

/** The messages announcing that `clientIds` changed (several when there are many). */
export function clientChangeNotices(replicaId: string, clientIds: readonly string[]): string[] {
  const ids = clientIds.filter((id) => clientIdPattern.test(id));
  const notices: string[] = [];
  for (let i = 0; i < ids.length; i += maxIdsPerNotice) {
    const notice: ClientChangeNotice = { f: replicaId, ids: ids.slice(i, i + maxIdsPerNotice) };
    notices.push(JSON.stringify(notice));
  }
  return notices;
}

export interface ClientChangePushHandlers {
  /** Another replica changed these clients. */
  changed(clientIds: readonly string[]): void;
  /** The subscription (re)started: catch up through the change log. */
  live(): void;
}

export class ClientChangePush {
  constructor(
    private readonly channel: ClientChangeChannel,
    private readonly replicaId: string,
    handlers: ClientChangePushHandlers,
  ) {
    channel.listen({
      message: (text) => {
        const notice = parseClientChangeNotice(text);
        // This replica applied its own changes before announcing them.
        if (notice && notice.f !== this.replicaId) handlers.changed(notice.ids);
      },
      live: () => handlers.live(),
    });
  }

  /** Tells the other replicas; never throws (polling covers a failed publish). */
  async announce(clientIds: readonly string[]): Promise<void> {
    for (const notice of clientChangeNotices(this.replicaId, clientIds)) {
      try {
        await this.channel.publish(notice);
      } catch {
        // The change log carries it to the other replicas within a poll.
      }
    }
  }

  async close(): Promise<void> {
    await this.channel.close?.();
  }
}
