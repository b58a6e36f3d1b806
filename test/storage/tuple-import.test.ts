// The bulk path (Datastore.importTuples) on every backend: idempotent batches, one changelog row
// per new tuple, a conflicting condition rolls the whole batch back, concurrent imports of
// overlapping batches store each tuple once; expiring tuples keep their expiry, a stored expired
// one is replaced, a different expiry is a conflict.
import { afterAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import { ErrorCode, ValidationError } from '../../src/model/index.js';
import type { TupleKey } from '../../src/model/index.js';
import type { Datastore, WriteTupleKey } from '../../src/storage/datastore.js';
import { TupleAlreadyExistsError } from '../../src/storage/errors.js';
import { AuditTrail } from '../../src/audit/index.js';
import type { ImportAudit } from '../../src/storage/tuple-import.js';
import { createMemoryDatastore } from '../../src/storage/memory/index.js';
import { createPgliteDatastore } from '../../src/storage/pglite/index.js';
import { createPostgresDatastore } from '../../src/storage/postgres/index.js';
import { readAllTuples } from '../helpers/read-all-tuples.js';
import { dropTestSchema, testDatabaseUrl } from '../helpers/services.js';

const schema = `relata_test_import_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
afterAll(() => dropTestSchema(schema));

const backends: [string, () => Promise<Datastore>][] = [
  ['memory', () => Promise.resolve(createMemoryDatastore())],
  ['pglite', () => createPgliteDatastore()],
  ['postgres', () => createPostgresDatastore({ connectionString: testDatabaseUrl, schema, maxConnections: 4 })],
];

const t = (object: string, user: string, condition?: TupleKey['condition']): TupleKey => ({ object, relation: 'viewer', user, ...(condition ? { condition } : {}) });

const readAll = readAllTuples;

async function changeCount(ds: Datastore, storeId: string): Promise<number> {
  let count = 0;
  let token: string | undefined;
  for (;;) {
    const page = await ds.readChanges(storeId, { pageSize: 100, continuationToken: token });
    count += page.items.length;
    if (page.items.length === 0) return count;
    token = page.continuationToken;
  }
}

describe.each(backends)('importTuples on %s', (_name, open) => {
  it('inserts new tuples with one changelog row each, skips the same tuple with the same condition', async () => {
    const ds = await open();
    try {
      await ds.migrate();
      const storeId = ulid();
      const first = await ds.importTuples!(storeId, [t('doc:1', 'user:a'), t('doc:2', 'user:b', { name: 'c', context: { x: 1, y: [1, 2] } })]);
      expect(first.inserted).toBe(2);
      expect(first.revision).toBe(await ds.currentRevision(storeId));
      // The same batch again, context keys in another order: nothing new, same revision.
      const again = await ds.importTuples!(storeId, [t('doc:2', 'user:b', { name: 'c', context: { y: [1, 2], x: 1 } }), t('doc:1', 'user:a'), t('doc:3', 'user:c')]);
      expect(again.inserted).toBe(1);
      expect(again.revision).toBeGreaterThan(first.revision);
      const none = await ds.importTuples!(storeId, [t('doc:3', 'user:c')]);
      expect(none).toEqual({ inserted: 0, revision: again.revision });
      expect(await readAll(ds, storeId)).toEqual([t('doc:1', 'user:a'), t('doc:2', 'user:b', { name: 'c', context: { x: 1, y: [1, 2] } }), t('doc:3', 'user:c')]);
      expect(await changeCount(ds, storeId)).toBe(3);
      expect(await ds.importTuples!(storeId, [])).toEqual({ inserted: 0, revision: again.revision });
      // New first and last tuples around a stored one: the plain path meets it and gives way.
      const around = await ds.importTuples!(storeId, [t('doc:10', 'user:a'), t('doc:1', 'user:a'), t('doc:11', 'user:a')]);
      expect(around.inserted).toBe(2);
      const conflictInside = await ds.importTuples!(storeId, [t('doc:12', 'user:a'), t('doc:1', 'user:a', { name: 'c' }), t('doc:13', 'user:a')]).catch((e: unknown) => e);
      expect(conflictInside).toBeInstanceOf(TupleAlreadyExistsError);
      expect(await readAll(ds, storeId)).toHaveLength(5);
      expect(await changeCount(ds, storeId)).toBe(5);
    } finally {
      await ds.close();
    }
  });

  it('rolls the whole batch back when a stored tuple has another condition', async () => {
    const ds = await open();
    try {
      await ds.migrate();
      const storeId = ulid();
      await ds.importTuples!(storeId, [t('doc:1', 'user:a', { name: 'c', context: { x: 1 } })]);
      const error = await ds.importTuples!(storeId, [t('doc:9', 'user:z'), t('doc:1', 'user:a', { name: 'c', context: { x: 2 } })]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TupleAlreadyExistsError);
      expect((error as TupleAlreadyExistsError).tupleKey.object).toBe('doc:1');
      const plain = await ds.importTuples!(storeId, [t('doc:8', 'user:y'), t('doc:1', 'user:a')]).catch((e: unknown) => e);
      expect(plain).toBeInstanceOf(TupleAlreadyExistsError);
      expect((await readAll(ds, storeId)).map((k) => k.object)).toEqual(['doc:1']);
      expect(await changeCount(ds, storeId)).toBe(1);
    } finally {
      await ds.close();
    }
  });

  it('refuses a batch naming a tuple twice, and a malformed key, before writing', async () => {
    const ds = await open();
    try {
      await ds.migrate();
      const storeId = ulid();
      const twice = await ds.importTuples!(storeId, [t('doc:1', 'user:a'), t('doc:1', 'user:a')]).catch((e: unknown) => e);
      expect(twice).toBeInstanceOf(ValidationError);
      expect((twice as ValidationError).code).toBe(ErrorCode.CannotAllowDuplicateTuplesInOneRequest);
      const malformed = await ds.importTuples!(storeId, [t('doc:1', 'user:a'), t('nocolon', 'user:a')]).catch((e: unknown) => e);
      expect((malformed as ValidationError).code).toBe(ErrorCode.InvalidTuple);
      expect(await readAll(ds, storeId)).toEqual([]);
    } finally {
      await ds.close();
    }
  });

  it('stores each tuple once when overlapping batches run at the same time', async () => {
    const ds = await open();
    try {
      await ds.migrate();
      const storeId = ulid();
      const batch = (from: number) => Array.from({ length: 300 }, (_, i) => t(`doc:${from + i}`, 'user:a'));
      const results = await Promise.all([ds.importTuples!(storeId, batch(0)), ds.importTuples!(storeId, batch(100)), ds.importTuples!(storeId, batch(200))]);
      expect(results.reduce((n, r) => n + r.inserted, 0)).toBe(500);
      expect(await readAll(ds, storeId)).toHaveLength(500);
      expect(await changeCount(ds, storeId)).toBe(500);
      // A batch that inserted something committed a revision of its own.
      const writing = results.filter((r) => r.inserted > 0);
      expect(new Set(writing.map((r) => r.revision)).size).toBe(writing.length);
    } finally {
      await ds.close();
    }
  });

  it('appends the batch audit record in the batch transaction: none for a batch that inserted nothing or failed', async () => {
    const ds = await open();
    try {
      await ds.migrate();
      const storeId = ulid();
      const trail = new AuditTrail();
      const audit: ImportAudit = (batch) =>
        trail.change(storeId, 'ImportTuples', undefined, { inserted: batch.inserted, firstRevision: batch.firstRevision.toString(), revision: batch.revision.toString() });
      const first = await ds.importTuples!(storeId, [t('doc:1', 'user:a'), t('doc:2', 'user:b', { name: 'c' })], audit);
      await ds.importTuples!(storeId, [t('doc:1', 'user:a')], audit);
      await ds.importTuples!(storeId, [t('doc:3', 'user:c'), t('doc:2', 'user:b', { name: 'other' })], audit).catch(() => undefined);
      const records = (await ds.queryAudit({ storeId, operation: 'ImportTuples' }, { pageSize: 10 })).items;
      expect(records).toHaveLength(1);
      const body = JSON.parse(records[0].body) as { inserted: number; firstRevision: string; revision: string };
      expect(body).toMatchObject({ inserted: 2, revision: first.revision.toString() });
      expect(BigInt(body.revision) - BigInt(body.firstRevision)).toBe(1n);
    } finally {
      await ds.close();
    }
  });

  it('imports expiring tuples: reads see them until the instant, an expired stored one is replaced, another expiry conflicts', async () => {
    const ds = await open();
    try {
      await ds.migrate();
      const storeId = ulid();
      const instant = new Date('2031-05-01T12:00:00.000Z');
      const before = new Date(instant.getTime() - 60_000);
      const at = (ms: number) => new Date(instant.getTime() + ms);
      const expiring = (object: string, user: string, expiresAt = instant): WriteTupleKey => ({ ...t(object, user), expiresAt });
      const first = await ds.importTuples!(storeId, [expiring('doc:1', 'user:a'), t('doc:2', 'user:b'), expiring('doc:3', 'user:c', at(1))], undefined, before);
      expect(first.inserted).toBe(3);
      const visible = async (now: Date) => (await ds.readTuples(storeId, { now }, { pageSize: 50 })).items.map((i) => `${i.key.object}@${i.expiresAt?.toISOString() ?? 'never'}`);
      expect(await visible(at(-1))).toEqual([`doc:1@${instant.toISOString()}`, 'doc:2@never', `doc:3@${at(1).toISOString()}`]);
      expect(await visible(instant)).toEqual(['doc:2@never', `doc:3@${at(1).toISOString()}`]);
      expect(await visible(at(1))).toEqual(['doc:2@never']);
      const changes = (await ds.readChanges(storeId, { pageSize: 50 })).items;
      expect(changes.map((c) => c.expiresAt?.getTime())).toEqual([instant.getTime(), undefined, at(1).getTime()]);

      // The same tuples with the same expiries: nothing new. Another expiry, or none: a conflict
      // that writes nothing of its batch (on the plain path's first tuple and inside the batch).
      expect((await ds.importTuples!(storeId, [expiring('doc:1', 'user:a'), t('doc:2', 'user:b')], undefined, before)).inserted).toBe(0);
      for (const batch of [
        [expiring('doc:1', 'user:a', at(5)), t('doc:9', 'user:z')],
        [t('doc:8', 'user:y'), t('doc:1', 'user:a'), t('doc:9', 'user:z')],
        [t('doc:8', 'user:y'), expiring('doc:2', 'user:b', at(5)), t('doc:9', 'user:z')],
      ]) {
        const error = await ds.importTuples!(storeId, batch, undefined, before).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(TupleAlreadyExistsError);
      }
      expect(await changeCount(ds, storeId)).toBe(3);

      // At the instant doc:1 has expired (not swept): it counts as absent and is replaced, in the
      // middle of a batch (the plain path gives way) and as its first tuple.
      const later = at(10 * 60_000);
      const replaced = await ds.importTuples!(storeId, [t('doc:7', 'user:x'), expiring('doc:1', 'user:a', later), t('doc:6', 'user:w')], undefined, instant);
      expect(replaced.inserted).toBe(3);
      const again = await ds.importTuples!(storeId, [expiring('doc:3', 'user:c', later)], undefined, at(1));
      expect(again.inserted).toBe(1);
      expect(await visible(at(2))).toEqual([`doc:1@${later.toISOString()}`, 'doc:2@never', `doc:3@${later.toISOString()}`, 'doc:6@never', 'doc:7@never']);
      expect(await visible(later)).toEqual(['doc:2@never', 'doc:6@never', 'doc:7@never']);
      // Each replacement: a delete carrying the old expiry, then the write.
      const log = (await ds.readChanges(storeId, { pageSize: 50 })).items.slice(3).map((c) => `${c.operation} ${c.key.object}@${c.expiresAt?.toISOString() ?? 'never'}`);
      expect(log.filter((line) => line.includes('doc:1') || line.includes('doc:3'))).toEqual([
        `delete doc:1@${instant.toISOString()}`,
        `write doc:1@${later.toISOString()}`,
        `delete doc:3@${at(1).toISOString()}`,
        `write doc:3@${later.toISOString()}`,
      ]);
      expect(replaced.revision).toBe(again.revision - 2n);
      // An expiry that is not a time is refused before anything is written.
      const bad = await ds.importTuples!(storeId, [{ ...t('doc:5', 'user:v'), expiresAt: new Date(Number.NaN) }], undefined, before).catch((e: unknown) => e);
      expect((bad as ValidationError).code).toBe(ErrorCode.InvalidTuple);
      expect(await changeCount(ds, storeId)).toBe(9);
    } finally {
      await ds.close();
    }
  });

  it('concurrent imports of one expiring tuple: the same expiry is stored once, another one loses whole', async () => {
    const ds = await open();
    try {
      await ds.migrate();
      const storeId = ulid();
      const now = new Date('2031-01-01T00:00:00Z');
      const batch = (expiresAt: Date, from: number): WriteTupleKey[] => [
        ...Array.from({ length: 50 }, (_, i) => t(`doc:${from + i}`, 'user:a')),
        { ...t('doc:shared', 'user:a'), expiresAt },
      ];
      const same = new Date('2031-02-01T00:00:00Z');
      const results = await Promise.all([ds.importTuples!(storeId, batch(same, 0), undefined, now), ds.importTuples!(storeId, batch(same, 100), undefined, now)]);
      expect(results.reduce((n, r) => n + r.inserted, 0)).toBe(101);
      const other = new Date('2031-03-01T00:00:00Z');
      const outcomes = await Promise.allSettled([ds.importTuples!(storeId, batch(other, 200), undefined, now), ds.importTuples!(storeId, batch(same, 300), undefined, now)]);
      expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'fulfilled']);
      expect((outcomes[0] as PromiseRejectedResult).reason).toBeInstanceOf(TupleAlreadyExistsError);
      const stored = (await ds.readTuples(storeId, { object: 'doc:shared', now }, { pageSize: 10 })).items;
      expect(stored.map((i) => i.expiresAt?.toISOString())).toEqual([same.toISOString()]);
      expect(await readAll(ds, storeId)).toHaveLength(151);
    } finally {
      await ds.close();
    }
  });
});
