// The PostgreSQL import's direct path (sql-tuple-import.ts): a fresh batch is COPYed straight into
// the tuple table and its changelog, a batch meeting stored tuples (or naming one twice) falls back
// to the staged path with nothing of the attempt left; PGlite (no COPY) keeps the staged path and
// gives the same answers. The statements a batch ran are recorded by a SqlClient decorator.
import { afterAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import { ErrorCode, ValidationError } from '../../src/model/index.js';
import type { TupleKey } from '../../src/model/index.js';
import type { Datastore, WriteTupleKey } from '../../src/storage/datastore.js';
import { TupleAlreadyExistsError } from '../../src/storage/errors.js';
import { createPgliteDatastore } from '../../src/storage/pglite/index.js';
import { copyLine } from '../../src/storage/sql/copy-text.js';
import { changelogCopyBytes, tupleCopyBytes } from '../../src/storage/sql/sql-tuple-import.js';
import { toColumns } from '../../src/storage/tuple-columns.js';
import { ImportPredecessorFailedError, ImportSequence } from '../../src/storage/tuple-import.js';
import type { ImportAudit, ImportedBatch } from '../../src/storage/tuple-import.js';
import { AuditTrail } from '../../src/audit/index.js';
import { readAllChanges } from '../helpers/changelog.js';
import { readAllTuples as stored } from '../helpers/read-all-tuples.js';
import { dropTestSchema } from '../helpers/services.js';
import { loggedPostgresDatastore, StatementLog } from '../helpers/statement-log.js';

const schema = `imp3_test_direct_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
afterAll(() => dropTestSchema(schema));

interface Opened {
  ds: Datastore;
  /** The tables the batches since the last call COPYed into (none on PGlite). */
  took: () => string[];
}

function openPostgres(): Promise<Opened> {
  const log = new StatementLog();
  let mark = 0;
  const took = () => {
    const copies = log.since(mark).flatMap((s) => /^COPY (\w+)/.exec(s.text)?.[1] ?? []);
    mark = log.statements.length;
    return copies;
  };
  return Promise.resolve({ ds: loggedPostgresDatastore(schema, log), took });
}

async function openPglite(): Promise<Opened> {
  return { ds: await createPgliteDatastore(), took: () => [] };
}

const backends: [string, () => Promise<Opened>][] = [
  ['postgres', openPostgres],
  ['pglite', openPglite],
];

/** Runs `body` on a migrated datastore and a new store id, closing the datastore after. */
async function withStore(open: () => Promise<Opened>, body: (opened: Opened, storeId: string) => Promise<void>): Promise<void> {
  const opened = await open();
  try {
    await opened.ds.migrate();
    await body(opened, ulid());
  } finally {
    await opened.ds.close();
  }
}

const t = (object: string, user: string, condition?: TupleKey['condition']): TupleKey => ({ object, relation: 'viewer', user, ...(condition ? { condition } : {}) });
const many = (from: number, count: number): TupleKey[] => Array.from({ length: count }, (_, i) => t(`doc:${from + i}`, `user:u${i % 7}`));

async function changes(ds: Datastore, storeId: string): Promise<{ revision: bigint; op: string; object: string; user: string }[]> {
  return (await readAllChanges(ds, storeId)).map((c) => ({ revision: c.revision, op: c.operation, object: c.key.object, user: c.key.user }));
}

describe.each(backends)('the import direct path on %s', (name, open) => {
  const direct = name === 'postgres';

  it('a fresh batch: COPYed into tuple, its changelog in file order in the audited range; hostile ids round-trip exactly', async () => {
    await withStore(open, async ({ ds, took }, storeId) => {
      const hostile: WriteTupleKey[] = [
        t('doc:z-last-in-key-order', 'user:first'),
        t('doc:tab\there', 'user:new\nline'),
        t('doc:back\\slash', 'user:\\N'),
        t('doc:\\N', 'user:\\\\N'),
        t('doc:cr\rreturn', 'user:"quoted",\'single\''),
        t('doc:ünïcödé-𝄞', 'user:日本語'),
        t('doc:ctx', 'user:c', { name: 'cond\tname\\', context: { s: 'tab\there\nnew\rline \\N \\\\ end', n: null, deep: { a: ['\\t', 'ü'] } } }),
        { ...t('doc:expiring', 'user:e'), expiresAt: new Date('2031-05-01T12:00:00.123Z') },
        t('doc:g', 'group:g\\x#member'),
        t('doc:a-first-in-key-order', 'user:last'),
      ];
      let audited: ImportedBatch | undefined;
      const trail = new AuditTrail();
      const audit: ImportAudit = (batch) => {
        audited = batch;
        return trail.change(storeId, 'ImportTuples', undefined, { inserted: batch.inserted });
      };
      const result = await ds.importTuples!(storeId, hostile, audit, new Date('2031-01-01T00:00:00Z'));
      expect(result.inserted).toBe(hostile.length);
      if (direct) expect(took()).toEqual(['tuple', 'changelog']);
      const byKey = (keys: TupleKey[]) => [...keys].sort((a, b) => (`${a.object} ${a.user}` < `${b.object} ${b.user}` ? -1 : 1));
      const plain = hostile.map(({ expiresAt: _, ...k }) => k);
      expect(byKey(await stored(ds, storeId))).toEqual(byKey(plain));
      const expiring = (await ds.readTuples(storeId, { object: 'doc:expiring', now: new Date('2031-01-01T00:00:00Z') }, { pageSize: 5 })).items;
      expect(expiring.map((i) => i.expiresAt?.toISOString())).toEqual(['2031-05-01T12:00:00.123Z']);
      const log = await changes(ds, storeId);
      expect(log.map((c) => `${c.op} ${c.object} ${c.user}`)).toEqual(hostile.map((k) => `write ${k.object} ${k.user}`));
      expect(audited).toEqual({ firstRevision: log[0].revision, revision: log.at(-1)!.revision, inserted: hostile.length });
      expect(result.revision).toBe(log.at(-1)!.revision);
      expect((await ds.queryAudit({ storeId, operation: 'ImportTuples' }, { pageSize: 10 })).items).toHaveLength(1);
      expect(await ds.currentRevision(storeId)).toBe(result.revision);
      // The same batch again: nothing new; the probe sees its first tuple and nothing is COPYed.
      expect((await ds.importTuples!(storeId, hostile, undefined, new Date('2031-01-01T00:00:00Z'))).inserted).toBe(0);
      if (direct) expect(took()).toEqual(['relata_import_stage']);
    });
  });

  it('a batch meeting a stored tuple inside falls back: the others inserted once, in file order', async () => {
    await withStore(open, async ({ ds, took }, storeId) => {
      await ds.importTuples!(storeId, [t('doc:50', 'user:u1')]);
      took();
      const batch = many(0, 100);
      batch[50] = t('doc:50', 'user:u1');
      const result = await ds.importTuples!(storeId, batch);
      expect(result.inserted).toBe(99);
      // The direct COPY met the stored tuple, rolled back to its savepoint and the batch was staged.
      if (direct) expect(took()).toEqual(['tuple', 'relata_import_stage']);
      const log = await changes(ds, storeId);
      expect(log.map((c) => c.object)).toEqual(['doc:50', ...batch.filter((_, i) => i !== 50).map((k) => k.object)]);
      expect(await stored(ds, storeId)).toHaveLength(100);
    });
  });

  it('a tuple twice inside a fresh batch, or a conflict mid-batch, leaves nothing of the batch', async () => {
    await withStore(open, async ({ ds, took }, storeId) => {
      await ds.importTuples!(storeId, [t('doc:40', 'user:u5', { name: 'c', context: { x: 1 } })]);
      const before = await changes(ds, storeId);
      took();
      const twice = many(0, 100);
      twice[60] = twice[30];
      const error = await ds.importTuples!(storeId, twice).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).code).toBe(ErrorCode.CannotAllowDuplicateTuplesInOneRequest);
      if (direct) expect(took()).toEqual(['tuple']);
      const conflicting = many(0, 100);
      conflicting[40] = t('doc:40', 'user:u5', { name: 'c', context: { x: 2 } });
      const conflict = await ds.importTuples!(storeId, conflicting).catch((e: unknown) => e);
      expect(conflict).toBeInstanceOf(TupleAlreadyExistsError);
      expect((conflict as TupleAlreadyExistsError).tupleKey.object).toBe('doc:40');
      expect(await changes(ds, storeId)).toEqual(before);
      expect(await stored(ds, storeId)).toHaveLength(1);
      // Fixed, it goes through.
      conflicting[40] = t('doc:40', 'user:u5', { name: 'c', context: { x: 1 } });
      expect((await ds.importTuples!(storeId, conflicting)).inserted).toBe(99);
    });
  });

  it('batches in flight: a failed one writes nothing and neither do the ones after it; changelog in call order', async () => {
    await withStore(open, async ({ ds }, storeId) => {
      await ds.importTuples!(storeId, [t('doc:250', 'user:u0', { name: 'c' })]);
      const sequence = new ImportSequence();
      const bad = many(200, 100);
      bad[50] = t('doc:250', 'user:u0');
      const outcomes = await Promise.allSettled([
        ds.importTuples!(storeId, many(0, 100), undefined, undefined, sequence),
        ds.importTuples!(storeId, many(100, 100), undefined, undefined, sequence),
        ds.importTuples!(storeId, bad, undefined, undefined, sequence),
        ds.importTuples!(storeId, many(300, 100), undefined, undefined, sequence),
      ]);
      expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'rejected']);
      expect((outcomes[2] as PromiseRejectedResult).reason).toBeInstanceOf(TupleAlreadyExistsError);
      expect((outcomes[3] as PromiseRejectedResult).reason).toBeInstanceOf(ImportPredecessorFailedError);
      const log = await changes(ds, storeId);
      expect(log.map((c) => c.object)).toEqual(['doc:250', ...many(0, 200).map((k) => k.object)]);
      expect(await stored(ds, storeId)).toHaveLength(201);
    });
  });
});

it('the changelog COPY bytes are the tuple COPY lines with the revision swapped for the op, byte for byte', () => {
  const keys: WriteTupleKey[] = [
    t('doc:tab\there', 'user:new\nline'),
    t('doc:𝄞\n', 'user:\\N', { name: 'c', context: { s: 'a\tb\\n\u000a' } }),
    { ...t('doc:e', 'user:ü'), expiresAt: new Date('2031-05-01T12:00:00.123Z') },
  ];
  const columns = keys.map(toColumns);
  const tuples = tupleCopyBytes('S1', columns, '1234567');
  const fields = (c: (typeof columns)[number]) => [
    'S1', c.objectType, c.objectId, c.relation, c.userType, c.userId, c.userRelation, c.conditionName, c.conditionContext ? JSON.stringify(c.conditionContext) : undefined,
    c.expiresAt === undefined ? undefined : new Date(c.expiresAt).toISOString(),
  ];
  expect(tuples.toString('utf8')).toBe(columns.map((c) => copyLine([...fields(c), '1234567'])).join(''));
  expect(changelogCopyBytes(tuples, '1234567', columns.length).toString('utf8')).toBe(columns.map((c) => copyLine([...fields(c), 'write'])).join(''));

  // Lines far longer than the buffer's first guess (it grows), multi-byte text among them.
  const long = Array.from({ length: 40 }, (_, i) => toColumns(t(`doc:${'𝄞é'.repeat(150)}${i}`, `user:${'x'.repeat(900)}${i}`)));
  const grown = tupleCopyBytes('S1', long, '9');
  expect(grown.toString('utf8')).toBe(long.map((c) => copyLine([...fields(c), '9'])).join(''));
});
