// The Datastore in Maps, for tests and `relata serve --datastore memory`. Same observable
// semantics as the SQL backends (order, tokens, changelog, errors); every method completes its
// mutation synchronously, so each write is atomic with respect to the others.
import type { AuthorizationModel } from '../../model/index.js';
import { toTupleKey } from '../../model/index.js';
import type { TupleReader } from '../../engine/index.js';
import {
  decodeModelToken,
  decodeRevisionToken,
  decodeStoreToken,
  decodeTupleToken,
  encodeModelToken,
  encodeStoreToken,
  encodeTupleToken,
  nextChangesToken,
} from '../continuation-token.js';
import type {
  Assertion,
  Datastore,
  Page,
  PageRequest,
  ReadChangesRequest,
  ReadTuplesFilter,
  SerializedModel,
  StoreRecord,
  StoredTuple,
  SweepResult,
  SweptStore,
  TupleChange,
  TupleReaderOptions,
  WriteResult,
  WriteTupleKey,
  WriteTuplesRequest,
} from '../datastore.js';
import { ModelAlreadyExistsError, StoreAlreadyExistsError } from '../errors.js';
import { pageSize, toPage } from '../paging.js';
import { matchesReadFilter, parseReadFilter } from '../read-filter.js';
import { compareKeys, compareText, isExpired, keyString, keyTuple, toExpiringKey } from '../tuple-columns.js';
import type { TupleColumns } from '../tuple-columns.js';
import { parseWrite, planWrite } from '../write-plan.js';
import { MemoryApiClients } from './memory-api-clients.js';
import { MemoryTuples } from './memory-tuples.js';
import { MemoryAudit } from './memory-audit.js';
import type { AuditBatch, AuditChainHead, AuditDraft, AuditFilter, AuditRecord } from '../audit-repository.js';
import type { ImportAudit, ImportTuplesResult } from '../tuple-import.js';
import type { MemoryTuple } from './memory-tuples.js';

interface Change {
  columns: TupleColumns;
  operation: 'write' | 'delete';
  at: Date;
  revision: bigint;
}

interface StoreData {
  record: StoreRecord;
  deleted: boolean;
  tuples: MemoryTuples;
  changes: Change[];
  models: Map<string, AuthorizationModel>;
  assertions: Map<string, Assertion[]>;
}

const emptyStore: StoreData = {
  record: { id: '', name: '', createdAt: new Date(0), updatedAt: new Date(0) },
  deleted: true,
  tuples: new MemoryTuples(),
  changes: [],
  models: new Map(),
  assertions: new Map(),
};

function copyStore(record: StoreRecord): StoreRecord {
  return { ...record, createdAt: new Date(record.createdAt), updatedAt: new Date(record.updatedAt) };
}

export class MemoryDatastore implements Datastore {
  readonly kind = 'memory' as const;
  private readonly stores = new Map<string, StoreData>();
  private readonly settings = new Map<string, string>();
  /** Per-store settings by store id, then by name. */
  private readonly storeSettings = new Map<string, Map<string, string>>();
  // Data written to a store id before (or without) createStore still lives somewhere, as in SQL.
  private readonly orphans = new Map<string, StoreData>();
  private revision = 0n;
  private readonly audit = new MemoryAudit();
  readonly apiClients = new MemoryApiClients((drafts) => this.audit.append(drafts));

  /** `closureIndex`: whether readers answer from the closure index (RELATA_CLOSURE_INDEX; on by default). */
  constructor(private readonly options: { closureIndex?: boolean } = {}) {}

  migrate(): Promise<void> {
    return Promise.resolve();
  }

  ping(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  /** For reads: a store never written to reads as empty, without being allocated. */
  private peek(storeId: string): StoreData {
    return this.stores.get(storeId) ?? this.orphans.get(storeId) ?? emptyStore;
  }

  private data(storeId: string): StoreData {
    const existing = this.stores.get(storeId) ?? this.orphans.get(storeId);
    if (existing) return existing;
    const now = new Date();
    const data: StoreData = {
      record: { id: storeId, name: '', createdAt: now, updatedAt: now },
      deleted: true,
      tuples: new MemoryTuples(),
      changes: [],
      models: new Map(),
      assertions: new Map(),
    };
    this.orphans.set(storeId, data);
    return data;
  }

  // --- stores

  createStore(store: { id: string; name: string }, audit?: AuditDraft): Promise<StoreRecord> {
    if (this.stores.has(store.id)) return Promise.reject(new StoreAlreadyExistsError(store.id));
    if (audit) this.audit.append([audit]);
    const data = this.data(store.id);
    this.orphans.delete(store.id);
    const now = new Date();
    data.record = { id: store.id, name: store.name, createdAt: now, updatedAt: now };
    data.deleted = false;
    this.stores.set(store.id, data);
    return Promise.resolve(copyStore(data.record));
  }

  getStore(id: string): Promise<StoreRecord | undefined> {
    const data = this.stores.get(id);
    return Promise.resolve(data && !data.deleted ? copyStore(data.record) : undefined);
  }

  listStores(page: PageRequest, filter: { name?: string; ids?: string[] } = {}): Promise<Page<StoreRecord>> {
    try {
      const after = page.continuationToken ? decodeStoreToken(page.continuationToken) : undefined;
      const ids = filter.ids ? new Set(filter.ids) : undefined;
      const rows = [...this.stores.values()]
        .filter((d) => !d.deleted && (filter.name === undefined || d.record.name === filter.name) && (!ids || ids.has(d.record.id)))
        .filter((d) => after === undefined || compareText(d.record.id, after) > 0)
        .sort((a, b) => compareText(a.record.id, b.record.id))
        .slice(0, pageSize(page) + 1)
        .map((d) => copyStore(d.record));
      return Promise.resolve(toPage(rows, page, encodeStoreToken));
    } catch (err) {
      return Promise.reject(err);
    }
  }

  updateStore(id: string, name: string, audit?: AuditDraft): Promise<StoreRecord | undefined> {
    const data = this.stores.get(id);
    if (!data || data.deleted) return Promise.resolve(undefined);
    if (audit) this.audit.append([audit]);
    data.record = { ...data.record, name, updatedAt: new Date() };
    return Promise.resolve(copyStore(data.record));
  }

  deleteStore(id: string, audit?: AuditDraft): Promise<boolean> {
    const data = this.stores.get(id);
    if (!data || data.deleted) return Promise.resolve(false);
    if (audit) this.audit.append([audit]);
    data.deleted = true;
    return Promise.resolve(true);
  }

  // --- models

  writeModel(storeId: string, model: (AuthorizationModel & { id: string }) | SerializedModel, audit?: AuditDraft): Promise<void> {
    const models = this.data(storeId).models;
    if (models.has(model.id)) return Promise.reject(new ModelAlreadyExistsError(storeId, model.id));
    if (audit) this.audit.append([audit]);
    models.set(model.id, 'json' in model ? { ...(JSON.parse(model.json) as AuthorizationModel), id: model.id } : structuredClone(model));
    return Promise.resolve();
  }

  readModel(storeId: string, modelId: string): Promise<AuthorizationModel | undefined> {
    const model = this.peek(storeId).models.get(modelId);
    return Promise.resolve(model ? structuredClone(model) : undefined);
  }

  private modelsNewestFirst(storeId: string): AuthorizationModel[] {
    return [...this.peek(storeId).models.values()].sort((a, b) => compareText(b.id ?? '', a.id ?? ''));
  }

  readLatestModel(storeId: string): Promise<AuthorizationModel | undefined> {
    const [latest] = this.modelsNewestFirst(storeId);
    return Promise.resolve(latest ? structuredClone(latest) : undefined);
  }

  listModels(storeId: string, page: PageRequest): Promise<Page<AuthorizationModel>> {
    try {
      const before = page.continuationToken ? decodeModelToken(page.continuationToken) : undefined;
      const rows = this.modelsNewestFirst(storeId)
        .filter((m) => before === undefined || compareText(m.id ?? '', before) < 0)
        .slice(0, pageSize(page) + 1)
        .map((m) => structuredClone(m));
      return Promise.resolve(toPage(rows, page, encodeModelToken));
    } catch (err) {
      return Promise.reject(err);
    }
  }

  // --- tuples

  writeTuples(storeId: string, request: WriteTuplesRequest, audit?: AuditDraft): Promise<WriteResult> {
    try {
      const { revision } = this.writeNow(storeId, request, audit);
      return Promise.resolve({ revision });
    } catch (err) {
      return Promise.reject(err);
    }
  }

  private writeNow(storeId: string, request: WriteTuplesRequest, audit: AuditDraft | undefined): WriteResult & { inserted: number } {
    const parsed = parseWrite(request);
    const data = this.data(storeId);
    const existing = new Map<string, TupleColumns>();
    for (const key of [...parsed.deletes, ...parsed.writes]) {
      const id = keyString(key);
      const stored = data.tuples.get(id);
      if (stored) existing.set(id, stored);
    }
    // Throws before anything changed: all-or-nothing.
    const plan = planWrite(request, parsed, existing);
    if (audit && plan.deletes.length + plan.writes.length > 0) {
      const revision = this.revision + BigInt(plan.deletes.length + plan.writes.length);
      this.audit.append([audit], { revision, deletes: plan.deletes.map(toExpiringKey), writes: plan.writes.map(toExpiringKey) });
    }
    const at = new Date();
    for (const t of plan.deletes) {
      data.tuples.remove(keyString(t));
      data.changes.push({ columns: t, operation: 'delete', at, revision: ++this.revision });
    }
    const written: MemoryTuple[] = [];
    for (const t of plan.writes) {
      const columns = t.conditionContext ? { ...t, conditionContext: structuredClone(t.conditionContext) } : { ...t };
      data.changes.push({ columns, operation: 'write', at, revision: ++this.revision });
      written.push({ ...columns, revision: 0n, insertedAt: at });
    }
    // Like SQL: a tuple carries the revision of the write that created it (its last change).
    for (const t of written) data.tuples.insert({ ...t, revision: this.revision });
    return { revision: plan.deletes.length + plan.writes.length > 0 ? this.revision : this.lastRevision(data), inserted: plan.writes.length };
  }

  /** The bulk path is writeTuples with on_duplicate 'ignore' here: the same contract, in one step. */
  importTuples(storeId: string, tuples: readonly WriteTupleKey[], audit?: ImportAudit, now?: Date): Promise<ImportTuplesResult> {
    try {
      const { revision, inserted } = this.writeNow(storeId, { writes: [...tuples], deletes: [], onDuplicate: 'ignore', now }, undefined);
      // Each change takes the next revision and writes come after the deletes of expired tuples,
      // so the batch's inserts are the last `inserted` revisions.
      if (audit && inserted > 0) this.audit.append([audit({ firstRevision: revision - BigInt(inserted) + 1n, revision, inserted })]);
      return Promise.resolve({ revision, inserted });
    } catch (err) {
      return Promise.reject(err);
    }
  }

  private lastRevision(data: StoreData): bigint {
    return data.changes.at(-1)?.revision ?? 0n;
  }

  readTuples(storeId: string, filter: ReadTuplesFilter, page: PageRequest): Promise<Page<StoredTuple>> {
    try {
      const f = parseReadFilter(filter);
      const nowMs = (filter.now ?? new Date()).getTime();
      const after = page.continuationToken ? decodeTupleToken(page.continuationToken) : undefined;
      const rows = [...this.peek(storeId).tuples.rows.values()]
        .filter((t) => matchesReadFilter(f, t) && !isExpired(t, nowMs))
        .map((t) => ({ t, key: keyTuple(t) }))
        .filter((r) => !after || compareKeys(r.key, after) > 0)
        .sort((a, b) => compareKeys(a.key, b.key))
        .slice(0, pageSize(page) + 1);
      const result = toPage(rows, page, (r) => encodeTupleToken(r.key));
      return Promise.resolve({
        items: result.items.map(({ t }) => ({
          key: toTupleKey(structuredClone(t)),
          timestamp: new Date(t.insertedAt),
          ...(t.expiresAt !== undefined ? { expiresAt: new Date(t.expiresAt) } : {}),
        })),
        continuationToken: result.continuationToken,
      });
    } catch (err) {
      return Promise.reject(err);
    }
  }

  readChanges(storeId: string, request: ReadChangesRequest): Promise<Page<TupleChange>> {
    try {
      const after = request.continuationToken ? decodeRevisionToken(request.continuationToken) : undefined;
      const start = after === undefined ? request.startTime?.getTime() : undefined;
      const items: TupleChange[] = [];
      const size = pageSize(request);
      for (const change of this.peek(storeId).changes) {
        if (items.length >= size) break;
        if (after !== undefined && change.revision <= after) continue;
        if (start !== undefined && change.at.getTime() < start) continue;
        if (request.objectType && change.columns.objectType !== request.objectType) continue;
        const { expiresAt } = change.columns;
        items.push({
          key: toTupleKey(structuredClone(change.columns)),
          operation: change.operation,
          timestamp: new Date(change.at),
          revision: change.revision,
          ...(expiresAt !== undefined ? { expiresAt: new Date(expiresAt) } : {}),
        });
      }
      return Promise.resolve({ items, continuationToken: nextChangesToken(items, request.continuationToken) });
    } catch (err) {
      return Promise.reject(err);
    }
  }

  currentRevision(storeId: string): Promise<bigint> {
    return Promise.resolve(this.lastRevision(this.peek(storeId)));
  }

  tupleReader(storeId: string, options: TupleReaderOptions = {}): TupleReader {
    return this.data(storeId).tuples.at((options.now ?? new Date()).getTime(), this.options.closureIndex !== false);
  }

  /** Single-process: no lock to take; each store's deletes happen synchronously (atomically). */
  sweepExpired(now: Date, batchSize: number, audit?: (storeId: string) => AuditDraft): Promise<SweepResult> {
    const nowMs = now.getTime();
    const stores: SweptStore[] = [];
    let budget = Math.max(1, Math.floor(batchSize));
    for (const [storeId, data] of [...this.stores, ...this.orphans]) {
      if (budget <= 0) break;
      const expired = data.tuples.expired(nowMs, budget);
      if (expired.length === 0) continue;
      budget -= expired.length;
      const revision = this.revision + BigInt(expired.length);
      const keys = expired.map(toExpiringKey);
      if (audit) this.audit.append([audit(storeId)], { revision, deletes: keys, writes: [] });
      const at = new Date();
      for (const t of expired) {
        data.tuples.remove(keyString(t));
        data.changes.push({ columns: t, operation: 'delete', at, revision: ++this.revision });
      }
      stores.push({ storeId, revision, tuples: expired.map(toTupleKey) });
    }
    return Promise.resolve({ swept: true, stores });
  }

  // --- assertions

  writeAssertions(storeId: string, modelId: string, assertions: Assertion[], audit?: AuditDraft): Promise<void> {
    if (audit) this.audit.append([audit]);
    this.data(storeId).assertions.set(modelId, structuredClone(assertions));
    return Promise.resolve();
  }

  readAssertions(storeId: string, modelId: string): Promise<Assertion[]> {
    return Promise.resolve(structuredClone(this.peek(storeId).assertions.get(modelId) ?? []));
  }

  // --- audit

  appendAudit(drafts: readonly AuditDraft[]): Promise<void> {
    this.audit.append(drafts);
    return Promise.resolve();
  }

  appendAuditBatch(batch: AuditBatch): Promise<void> {
    return this.audit.appendBatch(batch);
  }

  queryAudit(filter: AuditFilter, page: PageRequest): Promise<Page<AuditRecord>> {
    try {
      return Promise.resolve(this.audit.query(filter, page));
    } catch (err) {
      return Promise.reject(err);
    }
  }

  auditChains(): Promise<AuditChainHead[]> {
    return Promise.resolve(this.audit.chains());
  }

  readAuditChain(chain: string, afterSeq: bigint, limit: number): Promise<AuditRecord[]> {
    return Promise.resolve(this.audit.readChain(chain, afterSeq, limit));
  }

  pruneAudit(chain: string, before: Date): Promise<number> {
    return Promise.resolve(this.audit.prune(chain, before));
  }

  // --- settings

  ensureSetting(name: string, value: string): Promise<string> {
    if (!this.settings.has(name)) this.settings.set(name, value);
    return Promise.resolve(this.settings.get(name)!);
  }

  // --- per-store settings

  readStoreSetting(storeId: string, name: string): Promise<string | undefined> {
    return Promise.resolve(this.storeSettings.get(storeId)?.get(name));
  }

  writeStoreSetting(storeId: string, name: string, value: string | undefined, audit?: AuditDraft): Promise<void> {
    if (audit) this.audit.append([audit]);
    const settings = this.storeSettings.get(storeId) ?? new Map<string, string>();
    if (value === undefined) settings.delete(name);
    else settings.set(name, value);
    this.storeSettings.set(storeId, settings);
    return Promise.resolve();
  }
}
