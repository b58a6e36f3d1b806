// The PostgreSQL import's direct path (sql-tuple-import.ts): a fresh batch is COPYed straight into
// the tuple table and its changelog, a batch meeting stored tuples (or naming one twice) falls back
// to the staged path with nothing of the attempt left; PGlite (no COPY) keeps the staged path and
// gives the same answers. The statements a batch ran are recorded by a SqlClient decorator.
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import { ErrorCode, ValidationError } from '../../src/model/index.js';
import type { TupleKey } from '../../src/model/index.js';
import type { Datastore, WriteTupleKey } from '../../src/storage/datastore.js';
import { TupleAlreadyExistsError } from '../../src/storage/errors.js';
import { createPgliteDatastore } from '../../src/storage/pglite/index.js';
import { PgClient } from '../../src/storage/postgres/index.js';
import type { SqlClient, SqlRow, TransactionOptions } from '../../src/storage/sql/sql-client.js';
import { SqlDatastore } from '../../src/storage/sql/sql-datastore.js';
import { changelogCopyBytes, tupleCopyText } from '../../src/storage/sql/sql-tuple-import.js';
import { copyLine } from '../../src/storage/sql/copy-text.js';
import { toColumns } from '../../src/storage/tuple-columns.js';
import { ImportPredecessorFailedError, ImportSequence } from '../../src/storage/tuple-import.js';
import type { ImportAudit, ImportedBatch } from '../../src/storage/tuple-import.js';
import { AuditTrail } from '../../src/audit/index.js';
import { dropTestSchema, testDatabaseUrl } from '../helpers/services.js';

const schema = `imp3_test_direct_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
afterAll(() => dropTestSchema(schema));

/** Records the tables COPYed into and whether the staging table was used. */
class RecordingClient implements SqlClient {
  readonly copyRows?: (table: string, columns: readonly string[], data: string | Uint8Array) => Promise<void>;

  constructor(
    private readonly inner: SqlClient,
    private readonly log: string[],
  ) {
    const copy = inner.copyRows?.bind(inner);
    if (copy) {
      this.copyRows = (table, columns, data) => {
        log.push(`copy ${table}`);
        return copy(table, columns, data);
      };
    }
  }

  query(text: string, params?: readonly unknown[], name?: string): Promise<SqlRow[]> {
    if (/^\s*INSERT INTO relata_import_stage/.test(text)) this.log.push('stage');
    return this.inner.query(text, params, name);
  }

  exec(script: string): Promise<void> {
    return this.inner.exec(script);
  }

  transaction<T>(fn: (tx: SqlClient) => Promise<T>, options?: TransactionOptions): Promise<T> {
    return this.inner.transaction((tx) => fn(new RecordingClient(tx, this.log)), options);
  }
}

interface Opened {
  ds: Datastore;
  /** What the batches since the last call ran (copies; 'stage' for the PGlite staging insert). */
  took: () => string[];
}

async function openPostgres(): Promise<Opened> {
  const pool = new pg.Pool({ connectionString: testDatabaseUrl, max: 4, options: `-c search_path=${schema}` });
  const log: string[] = [];
  const ds = new SqlDatastore({ kind: 'postgres', client: new RecordingClient(new PgClient(pool), log), schema, close: () => pool.end(), statistics: false });
  return { ds, took: () => log.splice(0) };
}

async function openPglite(): Promise<Opened> {
  return { ds: await createPgliteDatastore(), took: () => [] };
}

const backends: [string, () => Promise<Opened>][] = [
  ['postgres', openPostgres],
  ['pglite', openPglite],
];

const t = (object: string, user: string, condition?: TupleKey['condition']): TupleKey => ({ object, relation: 'viewer', user, ...(condition ? { condition } : {}) });
const many = (from: number, count: number): TupleKey[] => Array.from({ length: count }, (_, i) => t(`doc:${from + i}`, `user:u${i % 7}`));

async function changes(ds: Datastore, storeId: string): Promise<{ revision: bigint; op: string; object: string; user: string }[]> {
  const out: { revision: bigint; op: string; object: string; user: string }[] = [];
  let token: string | undefined;
  for (;;) {
    const page = await ds.readChanges(storeId, { pageSize: 100, continuationToken: token });
    if (page.items.length === 0) return out;
    out.push(...page.items.map((c) => ({ revision: c.revision, op: c.operation, object: c.key.object, user: c.key.user })));
    token = page.continuationToken;
  }
}

async function stored(ds: Datastore, storeId: string): Promise<TupleKey[]> {
  const out: TupleKey[] = [];
  let token: string | undefined;
  do {
    const page = await ds.readTuples(storeId, {}, { pageSize: 100, continuationToken: token });
    out.push(...page.items.map((i) => i.key));
    token = page.continuationToken || undefined;
  } while (token);
  return out;
}

describe.each(backends)('the import direct path on %s', (name, open) => {
  const direct = name === 'postgres';

  it('a fresh batch: COPYed into tuple, its changelog in file order in the audited range; hostile ids round-trip exactly', async () => {
    const { ds, took } = await open();
    try {
      await ds.migrate();
      const storeId = ulid();
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
      if (direct) expect(took()).toEqual(['copy tuple', 'copy changelog']);
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
      if (direct) expect(took()).toEqual(['copy relata_import_stage']);
    } finally {
      await ds.close();
    }
  });

  it('a batch meeting a stored tuple inside falls back: the others inserted once, in file order', async () => {
    const { ds, took } = await open();
    try {
      await ds.migrate();
      const storeId = ulid();
      await ds.importTuples!(storeId, [t('doc:50', 'user:u1')]);
      took();
      const batch = many(0, 100);
      batch[50] = t('doc:50', 'user:u1');
      const result = await ds.importTuples!(storeId, batch);
      expect(result.inserted).toBe(99);
      // The direct COPY met the stored tuple, rolled back to its savepoint and the batch was staged.
      if (direct) expect(took()).toEqual(['copy tuple', 'copy relata_import_stage']);
      const log = await changes(ds, storeId);
      expect(log.map((c) => c.object)).toEqual(['doc:50', ...batch.filter((_, i) => i !== 50).map((k) => k.object)]);
      expect(await stored(ds, storeId)).toHaveLength(100);
    } finally {
      await ds.close();
    }
  });

  it('a tuple twice inside a fresh batch, or a conflict mid-batch, leaves nothing of the batch', async () => {
    const { ds, took } = await open();
    try {
      await ds.migrate();
      const storeId = ulid();
      await ds.importTuples!(storeId, [t('doc:40', 'user:u5', { name: 'c', context: { x: 1 } })]);
      const before = await changes(ds, storeId);
      took();
      const twice = many(0, 100);
      twice[60] = twice[30];
      const error = await ds.importTuples!(storeId, twice).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).code).toBe(ErrorCode.CannotAllowDuplicateTuplesInOneRequest);
      if (direct) expect(took()).toEqual(['copy tuple']);
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
    } finally {
      await ds.close();
    }
  });

  it('batches in flight: a failed one writes nothing and neither do the ones after it; changelog in call order', async () => {
    const { ds } = await open();
    try {
      await ds.migrate();
      const storeId = ulid();
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
    } finally {
      await ds.close();
    }
  });
});

it('the changelog COPY bytes are the tuple COPY lines with the revision swapped for the op, byte for byte', () => {
  const keys: WriteTupleKey[] = [
    t('doc:tab\there', 'user:new\nline'),
    t('doc:𝄞\n', 'user:\\N', { name: 'c', context: { s: 'a\tb\\n\u000a' } }),
    { ...t('doc:e', 'user:ü'), expiresAt: new Date('2031-05-01T12:00:00.123Z') },
  ];
  const columns = keys.map(toColumns);
  const tuples = Buffer.from(tupleCopyText('S1', columns, '1234567'), 'utf8');
  const fields = (c: (typeof columns)[number]) => [
    'S1', c.objectType, c.objectId, c.relation, c.userType, c.userId, c.userRelation, c.conditionName, c.conditionContext ? JSON.stringify(c.conditionContext) : undefined,
    c.expiresAt === undefined ? undefined : new Date(c.expiresAt).toISOString(),
  ];
  expect(tuples.toString('utf8')).toBe(columns.map((c) => copyLine([...fields(c), '1234567'])).join(''));
  expect(changelogCopyBytes(tuples, '1234567', columns.length).toString('utf8')).toBe(columns.map((c) => copyLine([...fields(c), 'write'])).join(''));
});
