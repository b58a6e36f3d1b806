// Expiring tuples (issue 19): a tuple written with `expiresAt` is seen by every read made at an
// instant before it and by none at or after it (engine reads and Read alike), on every backend;
// duplicates compare expiries; an expired row still stored counts as absent; the sweeper deletes
// expired rows once, with one changelog delete (carrying the expiry) and one audit record each.
import { beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../src/model/index.js';
import type { RelationTuple } from '../../../src/model/index.js';
import type { Datastore } from '../../../src/storage/datastore.js';
import type { TupleReader } from '../../../src/engine/index.js';
import { AuditTrail, changeChain } from '../../../src/audit/index.js';
import { expectCode, keysOf, tk } from './storage-fixtures.js';
import type { StorageSuite } from './storage-fixtures.js';

// A base well ahead of the wall clock, so that defaults ("now" = the call's time) never interfere.
const base = Date.UTC(2031, 0, 1, 12, 0, 0);
const at = (offsetMs: number): Date => new Date(base + offsetMs);

/** Every read method of a reader, flattened to `object#relation@user` strings (sorted). */
async function allReads(reader: TupleReader): Promise<string[]> {
  const show = (ts: RelationTuple[]) => ts.map((t) => `${t.objectType}:${t.objectId}#${t.relation}@${t.userType}:${t.userId}${t.userRelation ? `#${t.userRelation}` : ''}`);
  const results = [
    show(await reader.readByObjects({ objectType: 'doc', objectIds: ['1', '2'], relation: 'viewer' })),
    show(await reader.readByObjects({ objectType: 'doc', objectIds: ['1', '2'], relation: 'viewer', userFilters: [{ userType: 'user', userRelation: '' }] })),
    show(await reader.readByUsers({ objectType: 'doc', relation: 'viewer', userType: 'user', userIds: ['anne', 'bob'], userRelation: '' })),
    show(await reader.readByUsers({ objectType: 'doc', relation: 'viewer', userType: 'user', userIds: ['anne', 'bob'], userRelation: '', objectIds: ['1', '2'] })),
    show((await reader.readRelationsByObjects?.({ objectType: 'doc', objectIds: ['1', '2'], relations: [{ relation: 'viewer' }, { relation: 'owner', userFilters: [{ userType: 'user', userRelation: '' }] }] })) ?? []),
    show((await reader.readManyByObjects?.([{ objectType: 'doc', relation: 'viewer', objectIds: ['1'] }, { objectType: 'doc', relation: 'viewer', objectIds: ['2'] }])) ?? []),
    show((await reader.readManyByUsers?.([{ objectType: 'doc', relation: 'viewer', userType: 'user', userRelation: '', userIds: ['anne'] }, { objectType: 'doc', relation: 'viewer', userType: 'user', userRelation: '', userIds: ['bob'] }])) ?? []),
    ...(await readLevelSides(reader)).map(show),
  ];
  return results.map((r) => r.sort().join(','));
}

/** Both sides of one readLevel (forward reads of doc:1 and doc:2, reverse reads of anne and bob). */
async function readLevelSides(reader: TupleReader): Promise<RelationTuple[][]> {
  const level = await reader.readLevel?.({
    objects: [{ objectType: 'doc', relation: 'viewer', objectIds: ['1', '2'] }],
    users: [{ objectType: 'doc', relation: 'viewer', userType: 'user', userRelation: '', userIds: ['anne', 'bob'] }],
  });
  return [level?.objects ?? [], level?.users ?? []];
}

export function expirySuite(suite: StorageSuite): void {
  const { newStore } = suite;
  let ds: Datastore;
  beforeAll(async () => {
    ds = await suite.datastore();
  });

  describe('expiring tuples', () => {
    it('are read (with their expiry) before the instant and by no read at or after it', async () => {
      const store = await newStore();
      await ds.writeTuples(store, {
        writes: [{ ...tk('doc:1', 'viewer', 'user:anne'), expiresAt: at(1000) }, tk('doc:2', 'viewer', 'user:bob'), { ...tk('doc:1', 'owner', 'user:anne'), expiresAt: at(5000) }],
        deletes: [],
        now: at(0),
      });
      const before = ds.tupleReader(store, { now: at(999) });
      const [forward] = await Promise.all([before.readByObjects({ objectType: 'doc', objectIds: ['1'], relation: 'viewer' })]);
      expect(forward).toEqual([expect.objectContaining({ userId: 'anne', expiresAt: at(1000).getTime() })]);
      const reverse = await before.readByUsers({ objectType: 'doc', relation: 'viewer', userType: 'user', userIds: ['bob'], userRelation: '' });
      expect(reverse[0]!.expiresAt).toBeUndefined();
      const seenBefore = await allReads(before);
      for (const r of seenBefore.slice(0, 4)) expect(r).toContain('doc:1#viewer@user:anne');
      // readLevel, both sides (the last two reads), with the expiry.
      for (const r of seenBefore.slice(-2)) expect(r).toContain('doc:1#viewer@user:anne');
      for (const side of await readLevelSides(before)) expect(side.find((t) => t.userId === 'anne')?.expiresAt).toBe(at(1000).getTime());
      // At the instant itself the grant is over (exclusive), and after it too.
      for (const now of [at(1000), at(1001)]) {
        const reads = await allReads(ds.tupleReader(store, { now }));
        for (const r of reads) expect(r).not.toContain('doc:1#viewer@user:anne');
        expect(reads[0]).toBe('doc:2#viewer@user:bob');
        expect(reads[4]).toContain('doc:1#owner@user:anne');
      }

      const readAt = async (now: Date) => (await ds.readTuples(store, { object: 'doc:', user: 'user:anne', now }, { pageSize: 10 })).items;
      const listed = await readAt(at(999));
      expect(keysOf(listed)).toEqual([tk('doc:1', 'owner', 'user:anne'), tk('doc:1', 'viewer', 'user:anne')]);
      expect(listed.map((t) => t.expiresAt?.getTime())).toEqual([at(5000).getTime(), at(1000).getTime()]);
      expect(keysOf(await readAt(at(1000)))).toEqual([tk('doc:1', 'owner', 'user:anne')]);
      expect(keysOf(await readAt(at(5000)))).toEqual([]);
      const plain = (await ds.readTuples(store, { object: 'doc:2', now: at(10_000) }, { pageSize: 10 })).items;
      expect(plain).toHaveLength(1);
      expect(plain[0]!.expiresAt).toBeUndefined();

      const changes = await ds.readChanges(store, { pageSize: 10 });
      expect(changes.items.map((c) => c.expiresAt?.getTime())).toEqual([at(1000).getTime(), undefined, at(5000).getTime()]);
    });

    it('compare expiries on a duplicate; a delete and a write in one request replace the expiry', async () => {
      const store = await newStore();
      const key = tk('doc:1', 'viewer', 'user:anne');
      await ds.writeTuples(store, { writes: [{ ...key, expiresAt: at(1000) }], deletes: [], now: at(0) });
      // Same expiry: ignorable. Another expiry, or none: a conflict, as a different condition is.
      const same = await ds.writeTuples(store, { writes: [{ ...key, expiresAt: at(1000) }], deletes: [], onDuplicate: 'ignore', now: at(0) });
      expect(same.revision).toBe(await ds.currentRevision(store));
      await expectCode(ds.writeTuples(store, { writes: [{ ...key, expiresAt: at(2000) }], deletes: [], onDuplicate: 'ignore', now: at(0) }), ErrorCode.WriteFailedDueToInvalidInput);
      await expectCode(ds.writeTuples(store, { writes: [key], deletes: [], onDuplicate: 'ignore', now: at(0) }), ErrorCode.WriteFailedDueToInvalidInput);
      await ds.writeTuples(store, { writes: [{ ...key, expiresAt: at(2000) }], deletes: [key], now: at(0) });
      const [row] = (await ds.readTuples(store, { object: 'doc:1', now: at(1500) }, { pageSize: 10 })).items;
      expect(row?.expiresAt?.getTime()).toBe(at(2000).getTime());
    });

    it('count as absent once expired, even before the sweeper removed them', async () => {
      const store = await newStore();
      const key = tk('doc:1', 'viewer', 'user:anne');
      await ds.writeTuples(store, { writes: [{ ...key, expiresAt: at(1000) }], deletes: [], now: at(0) });
      // Deleting an expired tuple is a missing delete.
      await expectCode(ds.writeTuples(store, { writes: [], deletes: [key], now: at(1000) }), ErrorCode.WriteFailedDueToInvalidInput);
      const ignored = await ds.writeTuples(store, { writes: [], deletes: [key], onMissing: 'ignore', now: at(1000) });
      expect(ignored.revision).toBe(await ds.currentRevision(store));
      // Writing it again replaces the expired row: its delete is recorded first.
      await ds.writeTuples(store, { writes: [key], deletes: [], now: at(1000) });
      const changes = (await ds.readChanges(store, { pageSize: 10 })).items;
      expect(changes.map((c) => `${c.operation}:${c.expiresAt?.getTime() ?? '-'}`)).toEqual([`write:${at(1000).getTime()}`, `delete:${at(1000).getTime()}`, 'write:-']);
      const [row] = (await ds.readTuples(store, { object: 'doc:1', now: at(99_000) }, { pageSize: 10 })).items;
      expect(row?.key).toEqual(key);
      expect(row?.expiresAt).toBeUndefined();
    });

    it('refuse an expiry that is not a valid time', async () => {
      const store = await newStore();
      await expectCode(ds.writeTuples(store, { writes: [{ ...tk('doc:1', 'viewer', 'user:anne'), expiresAt: new Date(Number.NaN) }], deletes: [] }), ErrorCode.InvalidTuple);
      expect(await ds.currentRevision(store)).toBe(0n);
    });

    it('are swept once: deleted in batches with one changelog delete and one audit record per store', async () => {
      const store = await newStore();
      const trail = new AuditTrail();
      const writes = Array.from({ length: 5 }, (_, i) => ({ ...tk(`doc:${i}`, 'viewer', 'user:anne'), expiresAt: at(100 + i) }));
      await ds.writeTuples(store, { writes: [...writes, tk('doc:keep', 'viewer', 'user:anne'), { ...tk('doc:later', 'viewer', 'user:anne'), expiresAt: at(900_000) }], deletes: [], now: at(0) });
      const swept: string[] = [];
      let revision = 0n;
      // Other stores of this backend may hold expired tuples too: only this store's share counts.
      for (let i = 0; i < 20; i++) {
        const result = await ds.sweepExpired(at(104), 2, (storeId) => trail.change(storeId, 'ExpireTuples', { system: 'expiry-sweeper' }));
        expect(result.swept).toBe(true);
        const mine = result.stores.find((s) => s.storeId === store);
        if (mine) {
          swept.push(...mine.tuples.map((t) => t.object));
          expect(mine.revision).toBeGreaterThan(revision);
          revision = mine.revision;
        }
        if (result.stores.length === 0) break;
      }
      expect(swept.sort()).toEqual(['doc:0', 'doc:1', 'doc:2', 'doc:3', 'doc:4']);
      expect(revision).toBe(await ds.currentRevision(store));
      const deletes = (await ds.readChanges(store, { pageSize: 50 })).items.filter((c) => c.operation === 'delete');
      expect(deletes.map((c) => c.key.object).sort()).toEqual(['doc:0', 'doc:1', 'doc:2', 'doc:3', 'doc:4']);
      expect(deletes.every((c) => c.expiresAt !== undefined && c.expiresAt.getTime() <= at(104).getTime())).toBe(true);
      const left = (await ds.readTuples(store, { now: at(0) }, { pageSize: 50 })).items.map((t) => t.key.object);
      expect(left).toEqual(['doc:keep', 'doc:later']);
      const audit = (await ds.queryAudit({ storeId: store }, { pageSize: 50 })).items.filter((r) => r.operation === 'ExpireTuples');
      expect(audit.length).toBeGreaterThanOrEqual(1);
      expect(new Set(audit.map((r) => r.actor))).toEqual(new Set(['system:expiry-sweeper']));
      expect(audit.every((r) => r.chain === changeChain(store))).toBe(true);
      const bodies = audit.map((r) => JSON.parse(r.body) as { deletes: { object: string; expires_at: string }[] });
      expect(bodies.flatMap((b) => b.deletes.map((d) => d.object)).sort()).toEqual(['doc:0', 'doc:1', 'doc:2', 'doc:3', 'doc:4']);
      expect(bodies[0]!.deletes[0]!.expires_at).toMatch(/^2031-01-01T12:00:00\.10\dZ$/);
    });
  });
}
