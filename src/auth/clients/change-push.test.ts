import { describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import { ClientChangePush, maxIdsPerNotice, parseClientChangeNotice, type ClientChangeChannel } from './change-push.js';

/** An in-process channel shared by several replicas (the pub/sub semantics, without Redis). */
class LoopbackChannel implements ClientChangeChannel {
  readonly published: string[] = [];
  private readonly listeners: { message(text: string): void; live(): void }[] = [];
  failing = false;
  publish(text: string): Promise<boolean> {
    if (this.failing) return Promise.reject(new Error('redis down'));
    this.published.push(text);
    for (const listener of this.listeners) listener.message(text);
    return Promise.resolve(true);
  }
  listen(listener: { message(text: string): void; live(): void }): void {
    this.listeners.push(listener);
  }
  deliver(text: string): void {
    for (const listener of this.listeners) listener.message(text);
  }
  goLive(): void {
    for (const listener of this.listeners) listener.live();
  }
}

describe('client change push', () => {
  it('delivers another replica’s announcement, ignores its own, and reports a (re)subscription', async () => {
    const channel = new LoopbackChannel();
    const heard: { a: string[][]; b: string[][]; live: number } = { a: [], b: [], live: 0 };
    const a = new ClientChangePush(channel, 'replica-a', { changed: (ids) => heard.a.push([...ids]), live: () => heard.live++ });
    new ClientChangePush(channel, 'replica-b', { changed: (ids) => heard.b.push([...ids]), live: () => heard.live++ });
    const id = ulid();
    await a.announce([id]);
    expect(heard).toMatchObject({ a: [], b: [[id]] });
    channel.goLive();
    expect(heard.live).toBe(2);
  });

  it('splits a bulk change into bounded notices and survives a channel that throws', async () => {
    const channel = new LoopbackChannel();
    const heard: string[] = [];
    const a = new ClientChangePush(channel, 'a', { changed: () => undefined, live: () => undefined });
    new ClientChangePush(channel, 'b', { changed: (ids) => heard.push(...ids), live: () => undefined });
    const ids = Array.from({ length: 2 * maxIdsPerNotice + 1 }, () => ulid());
    await a.announce(ids);
    expect(channel.published).toHaveLength(3);
    expect(heard).toEqual(ids);
    channel.failing = true;
    await expect(a.announce([ulid()])).resolves.toBeUndefined();
  });

  it('refuses forged, malformed and oversized notices', () => {
    const id = ulid();
    const good = JSON.stringify({ f: 'x', ids: [id] });
    expect(parseClientChangeNotice(good)).toEqual({ f: 'x', ids: [id] });
    const hostile = [
      '',
      'null',
      '[]',
      '"text"',
      '{not json',
      JSON.stringify({ f: 'x' }),
      JSON.stringify({ f: 'x', ids: [] }),
      JSON.stringify({ f: 'x', ids: id }),
      JSON.stringify({ f: 1, ids: [id] }),
      JSON.stringify({ f: '', ids: [id] }),
      JSON.stringify({ f: 'x'.repeat(65), ids: [id] }),
      JSON.stringify({ f: 'x', ids: [id.toLowerCase()] }),
      JSON.stringify({ f: 'x', ids: [`${id}\u0000`] }),
      JSON.stringify({ f: 'x', ids: [{}] }),
      JSON.stringify({ f: 'x', ids: ['__proto__'] }),
      JSON.stringify({ f: 'x', ids: Array.from({ length: maxIdsPerNotice + 1 }, () => id) }),
      JSON.stringify({ f: 'x', ids: [id], pad: 'y'.repeat(10_000) }),
      '{"f":"x","ids":[' + '['.repeat(100_000),
    ];
    for (const text of hostile) expect(parseClientChangeNotice(text)).toBeUndefined();
  });

  it('a hostile message on the channel reaches no handler', () => {
    const channel = new LoopbackChannel();
    let calls = 0;
    new ClientChangePush(channel, 'b', { changed: () => calls++, live: () => undefined });
    for (const text of ['{}', 'x'.repeat(1_000_000), JSON.stringify({ f: 'a', ids: ['../../etc'] })]) channel.deliver(text);
    expect(calls).toBe(0);
  });
});
