// The Datastore over a SqlClient: postgres and pglite are this class with different clients,
// so both run the same SQL.
import type { AuthorizationModel } from '../../model/index.js';
import { toTupleKey } from '../../model/index.js';
import type { TupleReader } from '../../engine/index.js';
import type {
  Assertion,
  ClosureRebuild,
  Datastore,
  Page,
  PageRequest,
  ReadChangesRequest,
  ReadTuplesFilter,
  SerializedModel,
  StoreRecord,
  StoredTuple,
  SweepResult,
  TupleChange,
  TupleReaderOptions,
  WriteResult,
  WriteTupleKey,
  WriteTuplesRequest,
} from '../datastore.js';
import {
  decodeModelToken,
  decodeRevisionToken,
  decodeStoreToken,
  decodeTupleToken,
  encodeModelToken,
  encodeRevisionToken,
  encodeStoreToken,
  encodeTupleToken,
  nextChangesToken,
} from '../continuation-token.js';
import { ModelAlreadyExistsError, StoreAlreadyExistsError } from '../errors.js';
import { pageSize, toPage } from '../paging.js';
import { parseReadFilter } from '../read-filter.js';
import { keyTuple } from '../tuple-columns.js';
import { runMigrations } from './migrate.js';
import { SqlApiClients } from './sql-api-clients.js';
import { asBigint, asDate, rowToColumns, rowToModel, rowToStore } from './rows.js';
import type { SqlClient, SqlRow } from './sql-client.js';
import { StatisticsKeeper, type StatisticsKeeperOptions } from './statistics-keeper.js';
import { SqlTupleReader } from './sql-tuple-reader.js';
import { defaultWriteGroupLimits, selectCurrentRevision, takeTupleWriteGroup, tupleWriteJob, writeTupleGroupSql } from './sql-tuple-writer.js';
import type { TupleWriteJob, WriteGroupLimits } from './sql-tuple-writer.js';
import { GroupCommitQueue } from './group-commit-queue.js';
import { LevelCoalescer, type LevelCoalescerOptions } from './sql-level-coalescer.js';
import type { AuditBatch, AuditChainHead, AuditDraft, AuditFilter, AuditRecord } from '../audit-repository.js';
import { appendAuditBatchSql, appendAuditSql, auditChainsSql, pruneAuditSql, queryAuditSql, readAuditChainSql, withAudit } from './sql-audit.js';
import { importTuplesSql } from './sql-tuple-import.js';
import { closureStoresSql, defaultClosureMaxWorkPerWrite, rebuildClosureSql } from './sql-closure-index.js';
import { sweepExpiredSql } from './sql-expiry-sweep.js';
import type { ImportAudit, ImportSequence, ImportTuplesResult } from '../tuple-import.js';

const storeCols = 'id, name, created_at, updated_at';
const tupleCols = 'object_type, object_id, relation, user_type, user_id, user_relation, condition_name, condition_context, expires_at';
// Changes one type-filtered ReadChanges scans at most by default (readChangesOfType): index
// entries only, tens of milliseconds of PostgreSQL.
const defaultChangesScanBound = 250_000;
const tupleKeyCols = '(object_type, object_id, relation, user_type, user_id, user_relation)';
const changeTupleCols = tupleCols.split(', ').map((column) => `c.${column}`).join(', ');

/** Builds `WHERE` clauses with numbered parameters. */
class Where {
  readonly params: unknown[] = [];
  private readonly clauses: string[] = [];

  add(clause: (p: (value: unknown) => string) => string): this {
    this.clauses.push(clause((value) => `$${this.params.push(value)}`));
    return this;
  }

  toString(): string {
    return this.clauses.length > 0 ? `WHERE ${this.clauses.join(' AND ')}` : '';
  }
}

export interface SqlDatastoreOptions {
  kind: 'postgres' | 'pglite';
  client: SqlClient;
  /** Schema the migrations create (postgres; the client's search_path names it). */
  schema?: string;
  close: () => Promise<void>;
  /** Background ANALYZE of the tuple and changelog tables (statistics-keeper.ts); on by default. */
  statistics?: StatisticsKeeperOptions | false;
  /** Whether readers answer from the closure index (RELATA_CLOSURE_INDEX; on by default). */
  closureIndex?: boolean;
  /** Bounds of a group commit of one store's concurrent writes (sql-tuple-writer.ts). */
  writeGroups?: WriteGroupLimits;
  /** Changes a type-filtered ReadChanges scans at most (readChangesOfType); tests lower it. */
  changesScanBound?: number;
  /**
   * The most closure-index maintenance one write may do (RELATA_CLOSURE_MAX_WORK_PER_WRITE; see
   * maintainClosureSql); over it, the kinds it changed are marked stale instead. 0: writers never
   * maintain the index and mark every kind they change stale. Default defaultClosureMaxWorkPerWrite.
   */
  closureMaxWorkPerWrite?: number;
  /**
   * Whether the plain level reads of concurrent requests of one store go as one statement
   * (RELATA_READ_COALESCING, sql-level-coalescer.ts); on unless false.
   */
  readCoalescing?: boolean | LevelCoalescerOptions;
}

export class SqlDatastore implements Datastore {
  readonly kind: 'postgres' | 'pglite';
  /** Two batches of an import at once on PostgreSQL: one inserts its tuples while the other holds the store's lock (sql-tuple-import.ts). PGlite has one connection. */
  readonly importConcurrency: number;
  private readonly client: SqlClient;
  private readonly keeper: StatisticsKeeper | undefined;
  readonly apiClients: SqlApiClients;
  /** Per store: the writes waiting for the transaction in flight to end, then committed together. */
  private readonly writes: GroupCommitQueue<TupleWriteJob, WriteResult>;
  private readonly closureMaxWork: number;
  /** Per store: the level reads waiting for the level statement in flight, then read together. */
  private readonly levels: LevelCoalescer | undefined;

  constructor(private readonly options: SqlDatastoreOptions) {
    this.kind = options.kind;
    this.importConcurrency = options.kind === 'postgres' ? 2 : 1;
    this.client = options.client;
    const limits = options.writeGroups ?? defaultWriteGroupLimits;
    this.writes = new GroupCommitQueue({
      run: (storeId, jobs) => writeTupleGroupSql(this.client, storeId, jobs, this.closureMaxWork),
      take: (waiting) => takeTupleWriteGroup(waiting, limits),
    });
    const coalescing = options.readCoalescing ?? true;
    this.levels = coalescing === false ? undefined : new LevelCoalescer(this.client, coalescing === true ? {} : coalescing);
    this.apiClients = new SqlApiClients(options.client);
    this.closureMaxWork = options.closureMaxWorkPerWrite ?? defaultClosureMaxWorkPerWrite;
    this.keeper = options.statistics === false ? undefined : new StatisticsKeeper(options.client, options.statistics);
  }

  async migrate(): Promise<void> {
    await runMigrations(this.client, { schema: this.options.schema });
    // Every process migrates at start: tables loaded earlier but never analyzed get statistics
    // now, in the background.
    void this.keeper?.start();
  }

  async ping(): Promise<void> {
    await this.client.query('SELECT 1');
  }

  async close(): Promise<void> {
    await this.keeper?.close();
    return this.options.close();
  }

  // --- stores

  async createStore(store: { id: string; name: string }, audit?: AuditDraft): Promise<StoreRecord> {
    const insert = async (tx: SqlClient) => {
      const rows = await tx.query(`INSERT INTO store (id, name) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING RETURNING ${storeCols}`, [store.id, store.name]);
      if (rows.length === 0) throw new StoreAlreadyExistsError(store.id);
      return rowToStore(rows[0]);
    };
    return withAudit(this.client, audit, insert, () => true);
  }

  async getStore(id: string): Promise<StoreRecord | undefined> {
    const rows = await this.client.query(`SELECT ${storeCols} FROM store WHERE id = $1 AND deleted_at IS NULL`, [id], 'relata_get_store');
    return rows.length > 0 ? rowToStore(rows[0]) : undefined;
  }

  async listStores(page: PageRequest, filter: { name?: string; ids?: string[] } = {}): Promise<Page<StoreRecord>> {
    const where = new Where().add(() => 'deleted_at IS NULL');
    if (filter.name !== undefined) where.add((p) => `name = ${p(filter.name)}`);
    if (filter.ids !== undefined) where.add((p) => `id = ANY(${p(filter.ids)}::text[])`);
    if (page.continuationToken) {
      const after = decodeStoreToken(page.continuationToken);
      where.add((p) => `id > ${p(after)}`);
    }
    const rows = await this.client.query(`SELECT ${storeCols} FROM store ${where} ORDER BY id LIMIT ${limit(page)}`, where.params);
    return toPage(rows.map(rowToStore), page, encodeStoreToken);
  }

  async updateStore(id: string, name: string, audit?: AuditDraft): Promise<StoreRecord | undefined> {
    const update = async (tx: SqlClient) => {
      const rows = await tx.query(`UPDATE store SET name = $2, updated_at = now() WHERE id = $1 AND deleted_at IS NULL RETURNING ${storeCols}`, [id, name]);
      return rows.length > 0 ? rowToStore(rows[0]) : undefined;
    };
    return withAudit(this.client, audit, update, (record) => record !== undefined);
  }

  async deleteStore(id: string, audit?: AuditDraft): Promise<boolean> {
    const remove = async (tx: SqlClient) =>
      (await tx.query('UPDATE store SET deleted_at = now() WHERE id = $1 AND deleted_at IS NULL RETURNING id', [id])).length > 0;
    return withAudit(this.client, audit, remove, (deleted) => deleted);
  }

  // --- models

  async writeModel(storeId: string, model: (AuthorizationModel & { id: string }) | SerializedModel, audit?: AuditDraft): Promise<void> {
    const [schemaVersion, json] = 'json' in model ? [model.schemaVersion, model.json] : [model.schema_version, JSON.stringify(model)];
    const insert = async (tx: SqlClient) => {
      const rows = await tx.query(
        'INSERT INTO authorization_model (store, id, schema_version, json) VALUES ($1, $2, $3, $4::jsonb) ON CONFLICT (store, id) DO NOTHING RETURNING id',
        [storeId, model.id, schemaVersion, json],
      );
      if (rows.length === 0) throw new ModelAlreadyExistsError(storeId, model.id);
    };
    await withAudit(this.client, audit, insert, () => true);
  }

  async readModel(storeId: string, modelId: string): Promise<AuthorizationModel | undefined> {
    const rows = await this.client.query('SELECT id, json FROM authorization_model WHERE store = $1 AND id = $2', [storeId, modelId], 'relata_read_model');
    return rows.length > 0 ? rowToModel(rows[0]) : undefined;
  }

  async readLatestModel(storeId: string): Promise<AuthorizationModel | undefined> {
    const rows = await this.client.query(
      'SELECT id, json FROM authorization_model WHERE store = $1 ORDER BY id DESC LIMIT 1',
      [storeId],
      'relata_read_latest_model',
    );
    return rows.length > 0 ? rowToModel(rows[0]) : undefined;
  }

  async listModels(storeId: string, page: PageRequest): Promise<Page<AuthorizationModel>> {
    const where = new Where().add((p) => `store = ${p(storeId)}`);
    if (page.continuationToken) {
      const before = decodeModelToken(page.continuationToken);
      where.add((p) => `id < ${p(before)}`);
    }
    const rows = await this.client.query(`SELECT id, json FROM authorization_model ${where} ORDER BY id DESC LIMIT ${limit(page)}`, where.params);
    return toPage(rows.map(rowToModel), page, encodeModelToken);
  }

  // --- tuples

  async writeTuples(storeId: string, request: WriteTuplesRequest, audit?: AuditDraft): Promise<WriteResult> {
    const result = await this.writes.submit(storeId, tupleWriteJob(request, audit));
    // An upper bound (ignored duplicates and missing deletes count too), as the threshold is.
    this.keeper?.recordChanges(request.writes.length + request.deletes.length);
    return result;
  }

  async importTuples(storeId: string, tuples: readonly WriteTupleKey[], audit?: ImportAudit, now?: Date, sequence?: ImportSequence): Promise<ImportTuplesResult> {
    const { deleted, ...result } = await importTuplesSql(this.client, storeId, tuples, this.closureMaxWork, audit, now, sequence);
    // The stored expired tuples the batch replaced were deleted too (a changelog row each).
    this.keeper?.recordChanges(result.inserted + deleted);
    return result;
  }

  async readTuples(storeId: string, filter: ReadTuplesFilter, page: PageRequest): Promise<Page<StoredTuple>> {
    const f = parseReadFilter(filter);
    const where = new Where().add((p) => `store = ${p(storeId)}`);
    const columns: [string, string | undefined][] = [
      ['object_type', f.objectType],
      ['object_id', f.objectId],
      ['relation', f.relation],
      ['user_type', f.userType],
      ['user_id', f.userId],
      ['user_relation', f.userRelation],
    ];
    for (const [column, value] of columns) if (value !== undefined) where.add((p) => `${column} = ${p(value)}`);
    where.add((p) => `(expires_at IS NULL OR expires_at > ${p((filter.now ?? new Date()).toISOString())}::timestamptz)`);
    if (page.continuationToken) {
      const after = decodeTupleToken(page.continuationToken);
      where.add((p) => `${tupleKeyCols} > (${after.map(p).join(', ')})`);
    }
    const rows = await this.client.query(
      `SELECT ${tupleCols}, inserted_at FROM tuple ${where} ORDER BY object_type, object_id, relation, user_type, user_id, user_relation LIMIT ${limit(page)}`,
      where.params,
    );
    const items = rows.map((row) => ({ columns: rowToColumns(row), timestamp: asDate(row.inserted_at) }));
    const result = toPage(items, page, (item) => encodeTupleToken(keyTuple(item.columns)));
    return { items: result.items.map((item) => ({ key: toTupleKey(item.columns), timestamp: item.timestamp, ...expiryOf(item.columns) })), continuationToken: result.continuationToken };
  }

  async readChanges(storeId: string, request: ReadChangesRequest): Promise<Page<TupleChange>> {
    const scan = new Where().add((p) => `store = ${p(storeId)}`);
    if (request.continuationToken) {
      const after = decodeRevisionToken(request.continuationToken);
      scan.add((p) => `revision > ${p(after.toString())}::bigint`);
    } else if (request.startTime) {
      scan.add((p) => `at >= ${p(request.startTime)}`);
    }
    const size = pageSize(request);
    // `changelog.revision` in ORDER BY: a bare `revision` would be the text column of the select list.
    if (request.objectType) return this.readChangesOfType(scan, request.objectType, size, request.continuationToken);
    const rows = await this.client.query(`SELECT revision::text AS revision, op, ${tupleCols}, at FROM changelog ${scan} ORDER BY changelog.revision LIMIT ${size}`, scan.params);
    const items = rows.map(toTupleChange);
    return { items, continuationToken: nextChangesToken(items, request.continuationToken) };
  }

  /**
   * A type-filtered page: the store's changes past the token are scanned in revision order (the
   * primary key carries object_type: index entries only, no heap visit for other types; see
   * migration 011), at most `changesScanBound` of them per request. When the bound cuts the scan
   * short of a full page, the token moves to the last change scanned, so that a type rare in a
   * long changelog costs each request a bounded scan and the next one goes on from there (the
   * page may then be empty although later changes of the type exist; only an empty page under
   * the bound means caught up).
   */
  private async readChangesOfType(scan: Where, objectType: string, size: number, requestToken: string | undefined): Promise<Page<TupleChange>> {
    const bound = Math.max(1, Math.floor(this.options.changesScanBound ?? defaultChangesScanBound));
    const typeParam = `$${scan.params.length + 1}`;
    // One pass, stopping once the page is full: the type's changes among the first `bound`
    // scanned, and the bound-th change itself when the scan gets that far (where it stopped).
    // A page short of `size` with that mark was cut by the bound.
    const rows = await this.client.query(
      `WITH marks AS (
         SELECT revision, object_type = ${typeParam} AS hit, n = ${bound} AS last FROM (
           SELECT revision, object_type, row_number() OVER (ORDER BY revision) AS n FROM changelog ${scan} ORDER BY revision LIMIT ${bound}) s
         WHERE object_type = ${typeParam} OR n = ${bound} ORDER BY revision LIMIT ${size + 1})
       SELECT (SELECT revision FROM marks WHERE last)::text AS scanned_to, c.revision::text AS revision, c.op, ${changeTupleCols}, c.at
       FROM (SELECT 1) one LEFT JOIN changelog c
         ON c.store = $1 AND c.revision = ANY(ARRAY(SELECT revision FROM marks WHERE hit ORDER BY revision LIMIT ${size}))
       ORDER BY c.revision`,
      [...scan.params, objectType],
    );
    const items = rows.filter((row) => row.revision !== null).map(toTupleChange);
    const scannedTo = rows[0]?.scanned_to;
    if (items.length < size && scannedTo !== null && scannedTo !== undefined) return { items, continuationToken: encodeRevisionToken(asBigint(scannedTo)) };
    return { items, continuationToken: nextChangesToken(items, requestToken) };
  }

  async currentRevision(storeId: string): Promise<bigint> {
    const [row] = await this.client.query(selectCurrentRevision, [storeId], 'relata_current_revision');
    return asBigint(row?.revision);
  }

  tupleReader(storeId: string, options: TupleReaderOptions = {}): TupleReader {
    return new SqlTupleReader(this.client, storeId, { closureIndex: this.options.closureIndex, now: options.now, coalescer: this.levels });
  }

  async sweepExpired(now: Date, batchSize: number, audit?: (storeId: string) => AuditDraft): Promise<SweepResult> {
    const result = await sweepExpiredSql(this.client, now, batchSize, this.closureMaxWork, audit);
    this.keeper?.recordChanges(result.stores.reduce((n, s) => n + s.tuples.length, 0));
    return result;
  }

  async rebuildClosureIndex(storeId?: string): Promise<ClosureRebuild[]> {
    const stores = storeId === undefined ? await closureStoresSql(this.client) : [storeId];
    const done: ClosureRebuild[] = [];
    for (const id of stores) done.push({ storeId: id, ...(await rebuildClosureSql(this.client, id)) });
    return done;
  }

  // --- assertions

  async writeAssertions(storeId: string, modelId: string, assertions: Assertion[], audit?: AuditDraft): Promise<void> {
    const upsert = async (tx: SqlClient) => {
      await tx.query(
        `INSERT INTO assertion (store, model_id, json) VALUES ($1, $2, $3::jsonb)
         ON CONFLICT (store, model_id) DO UPDATE SET json = excluded.json`,
        [storeId, modelId, JSON.stringify(assertions)],
      );
    };
    await withAudit(this.client, audit, upsert, () => true);
  }

  async readAssertions(storeId: string, modelId: string): Promise<Assertion[]> {
    const rows = await this.client.query('SELECT json FROM assertion WHERE store = $1 AND model_id = $2', [storeId, modelId]);
    if (rows.length === 0) return [];
    const json: unknown = typeof rows[0].json === 'string' ? JSON.parse(rows[0].json) : rows[0].json;
    return Array.isArray(json) ? (json as Assertion[]) : [];
  }

  // --- audit

  appendAudit(drafts: readonly AuditDraft[]): Promise<void> {
    return this.client.transaction((tx) => appendAuditSql(tx, drafts));
  }

  appendAuditBatch(batch: AuditBatch): Promise<void> {
    return appendAuditBatchSql(this.client, batch);
  }

  queryAudit(filter: AuditFilter, page: PageRequest): Promise<Page<AuditRecord>> {
    return queryAuditSql(this.client, filter, page);
  }

  auditChains(): Promise<AuditChainHead[]> {
    return auditChainsSql(this.client);
  }

  readAuditChain(chain: string, afterSeq: bigint, limit: number): Promise<AuditRecord[]> {
    return readAuditChainSql(this.client, chain, afterSeq, limit);
  }

  pruneAudit(chain: string, before: Date): Promise<number> {
    return pruneAuditSql(this.client, chain, before);
  }

  // --- settings

  async ensureSetting(name: string, value: string): Promise<string> {
    await this.client.query('INSERT INTO setting (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [name, value]);
    const [row] = await this.client.query('SELECT value FROM setting WHERE name = $1', [name]);
    return String(row.value);
  }

  // --- per-store settings

  async readStoreSetting(storeId: string, name: string): Promise<string | undefined> {
    const rows = await this.client.query('SELECT value FROM store_setting WHERE store = $1 AND name = $2', [storeId, name]);
    return rows.length > 0 ? String(rows[0].value) : undefined;
  }

  async writeStoreSetting(storeId: string, name: string, value: string | undefined, audit?: AuditDraft): Promise<void> {
    await withAudit(
      this.client,
      audit,
      (tx) =>
        value === undefined
          ? tx.query('DELETE FROM store_setting WHERE store = $1 AND name = $2', [storeId, name])
          : tx.query(
              'INSERT INTO store_setting (store, name, value) VALUES ($1, $2, $3) ON CONFLICT (store, name) DO UPDATE SET value = EXCLUDED.value, updated_at = now()',
              [storeId, name, value],
            ),
      () => true,
    );
  }
}

/** `{ expiresAt }` of columns that have an expiry, else nothing. */
function toTupleChange(row: SqlRow): TupleChange {
  const columns = rowToColumns(row);
  return { key: toTupleKey(columns), operation: row.op === 'delete' ? 'delete' : 'write', timestamp: asDate(row.at), revision: asBigint(row.revision), ...expiryOf(columns) };
}

function expiryOf(columns: { expiresAt?: number }): { expiresAt?: Date } {
  return columns.expiresAt === undefined ? {} : { expiresAt: new Date(columns.expiresAt) };
}

/** One row more than the page, to know whether another page follows. */
function limit(page: PageRequest): number {
  return pageSize(page) + 1;
}
