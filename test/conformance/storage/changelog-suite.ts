// Changelog contract: readChanges in revision order, filtered by type and start time, resumable by a token that survives catching up.
import { beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../src/model/index.js';
import type { Datastore } from '../../../src/storage/datastore.js';
import { encodeToken } from '../../../src/storage/continuation-token.js';
import { expectCode, tk } from './storage-fixtures.js';
import type { StorageSuite } from './storage-fixtures.js';

export function changelogSuite(suite: StorageSuite): void {
  const { newStore } = suite;
  let ds: Datastore;
  beforeAll(async () => {
    ds = await suite.datastore();
  });

  describe('readChanges', () => {
    it('returns changes oldest first, filtered by type, resumable by token', async () => {
      const store = await newStore();
      const r1 = await ds.writeTuples(store, { writes: [tk('doc:1', 'viewer', 'user:anne'), tk('folder:1', 'viewer', 'user:anne')], deletes: [] });
      await new Promise((resolve) => setTimeout(resolve, 30));
      const between = new Date();
      await new Promise((resolve) => setTimeout(resolve, 30));
      await ds.writeTuples(store, { writes: [tk('doc:2', 'viewer', 'user:anne', { name: 'c', context: { k: 'v' } })], deletes: [tk('doc:1', 'viewer', 'user:anne')] });

      const all = await ds.readChanges(store, { pageSize: 10 });
      expect(all.items.map((c) => `${c.operation} ${c.key.object}`)).toEqual(['write doc:1', 'write folder:1', 'delete doc:1', 'write doc:2']);
      expect(all.items[3].key.condition).toEqual({ name: 'c', context: { k: 'v' } });
      expect(all.items[0].timestamp).toBeInstanceOf(Date);
      expect(all.items[1].revision).toBeLessThanOrEqual(r1.revision);

      const docs = await ds.readChanges(store, { pageSize: 10, objectType: 'doc' });
      expect(docs.items.map((c) => `${c.operation} ${c.key.object}`)).toEqual(['write doc:1', 'delete doc:1', 'write doc:2']);

      const seen: string[] = [];
      let token: string | undefined;
      for (let i = 0; i < 3; i++) {
        const page = await ds.readChanges(store, { pageSize: 1, objectType: 'doc', continuationToken: token });
        seen.push(...page.items.map((c) => c.key.object));
        token = page.continuationToken;
      }
      expect(seen).toEqual(['doc:1', 'doc:1', 'doc:2']);
      // caught up: no items, and the token stays usable for the next poll
      const empty = await ds.readChanges(store, { pageSize: 5, objectType: 'doc', continuationToken: token });
      expect(empty.items).toEqual([]);
      expect(empty.continuationToken).toBe(token);
      await ds.writeTuples(store, { writes: [tk('doc:3', 'viewer', 'user:anne')], deletes: [] });
      const polled = await ds.readChanges(store, { pageSize: 5, objectType: 'doc', continuationToken: token });
      expect(polled.items.map((c) => c.key.object)).toEqual(['doc:3']);

      const recent = await ds.readChanges(store, { pageSize: 10, startTime: between });
      expect(recent.items.map((c) => c.key.object)).toEqual(['doc:1', 'doc:2', 'doc:3']);
      expect((await ds.readChanges(await newStore(), { pageSize: 10 })).items).toEqual([]);
      await expectCode(ds.readChanges(store, { pageSize: 1, continuationToken: 'garbage' }), ErrorCode.InvalidContinuationToken);
    });
    it('refuses a token whose revision is outside int64 with InvalidContinuationToken, never an internal error', async () => {
      const store = await newStore();
      for (const revision of ['9223372036854775808', '9999999999999999999', '-1', '1e3']) {
        await expectCode(ds.readChanges(store, { pageSize: 1, continuationToken: encodeToken('changes', [revision]) }), ErrorCode.InvalidContinuationToken);
      }
      const max = await ds.readChanges(store, { pageSize: 1, continuationToken: encodeToken('changes', ['9223372036854775807']) });
      expect(max.items).toEqual([]);
    });
    it('never hands out a token behind which a change appears later: concurrent writers, a poller resuming by token', async () => {
      const store = await newStore();
      const writers = 8;
      const perWriter = 12;
      let done = false;
      const seen: bigint[] = [];
      const poll = (async () => {
        let token: string | undefined;
        for (;;) {
          const finished = done;
          const page = await ds.readChanges(store, { pageSize: 7, continuationToken: token });
          seen.push(...page.items.map((c) => c.revision));
          token = page.continuationToken || token;
          if (finished && page.items.length === 0) return;
        }
      })();
      await Promise.all(
        Array.from({ length: writers }, async (_, w) => {
          for (let i = 0; i < perWriter; i++) {
            const writes = [tk(`doc:${w}-${i}`, 'viewer', 'user:anne'), tk(`doc:${w}-${i}`, 'viewer', 'user:bob')];
            await ds.writeTuples(store, { writes, deletes: i % 3 === 2 ? [tk(`doc:${w}-${i - 1}`, 'viewer', 'user:bob')] : [] });
          }
        }),
      );
      done = true;
      await poll;
      const all = (await ds.readChanges(store, { pageSize: 1000 })).items.map((c) => c.revision);
      expect(all).toHaveLength(writers * perWriter * 2 + writers * Math.floor(perWriter / 3));
      // Every change exactly once, in revision order: none appeared behind a token already handed out.
      expect(seen).toEqual(all);
    });
    it('orders changes by revision number, also across digit boundaries (9 -> 10, 99 -> 100)', async () => {
      const store = await newStore();
      for (let i = 0; i < 120; i++) await ds.writeTuples(store, { writes: [tk(`doc:${i}`, 'viewer', 'user:anne')], deletes: [] });
      const revisions: bigint[] = [];
      let token: string | undefined;
      for (;;) {
        const page = await ds.readChanges(store, { pageSize: 50, continuationToken: token });
        if (page.items.length === 0) break;
        revisions.push(...page.items.map((c) => c.revision));
        token = page.continuationToken;
      }
      expect(revisions).toHaveLength(120);
      for (let i = 1; i < revisions.length; i++) expect(revisions[i]).toBeGreaterThan(revisions[i - 1]);
    });
  });
}
