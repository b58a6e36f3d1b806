// API clients in Maps, with the same contract as the SQL backends (order, tokens, change log).
import type { ApiClientChanges, ApiClientRecord, ApiClientRepository, ApiClientUpdate, NewApiClient } from '../api-clients.js';
import { ApiClientAlreadyExistsError, apiClientChangesPage } from '../api-clients.js';
import { decodeApiClientToken, encodeApiClientToken } from '../continuation-token.js';
import type { AuditDraft } from '../audit-repository.js';
import type { Page, PageRequest } from '../datastore.js';
import { pageSize, toPage } from '../paging.js';
import { compareText } from '../tuple-columns.js';

const copy = (record: ApiClientRecord): ApiClientRecord => structuredClone(record);

export class MemoryApiClients implements ApiClientRepository {
  private readonly clients = new Map<string, ApiClientRecord>();
  /** Client id of each change; change version n is at index n - 1. */
  private readonly changes: string[] = [];

  /** `appendAudit` appends synchronously (the memory datastore's audit), in the change's turn. */
  constructor(private readonly appendAudit: (drafts: readonly AuditDraft[]) => void = () => {}) {}

  private changed(id: string, audit: AuditDraft | undefined): void {
    if (audit) this.appendAudit([audit]);
    this.changes.push(id);
  }

  createApiClient(c: NewApiClient, audit?: AuditDraft): Promise<ApiClientRecord> {
    if (this.clients.has(c.id)) return Promise.reject(new ApiClientAlreadyExistsError(c.id));
    const now = new Date();
    const record: ApiClientRecord = {
      id: c.id,
      name: c.name,
      secretHash: c.secretHash,
      status: c.status ?? 'active',
      expiresAt: c.expiresAt ? new Date(c.expiresAt) : undefined,
      allowedCidrs: [...(c.allowedCidrs ?? [])],
      rateLimit: c.rateLimit ? { ...c.rateLimit } : undefined,
      scopes: structuredClone(c.scopes),
      createdAt: now,
      updatedAt: now,
    };
    this.changed(c.id, audit);
    this.clients.set(c.id, record);
    return Promise.resolve(copy(record));
  }

  getApiClient(id: string): Promise<ApiClientRecord | undefined> {
    const record = this.clients.get(id);
    return Promise.resolve(record ? copy(record) : undefined);
  }

  listApiClients(page: PageRequest): Promise<Page<ApiClientRecord>> {
    try {
      const after = page.continuationToken ? decodeApiClientToken(page.continuationToken) : undefined;
      const rows = [...this.clients.values()]
        .filter((c) => after === undefined || compareText(c.id, after) > 0)
        .sort((a, b) => compareText(a.id, b.id))
        .slice(0, pageSize(page) + 1)
        .map(copy);
      return Promise.resolve(toPage(rows, page, encodeApiClientToken));
    } catch (err) {
      return Promise.reject(err);
    }
  }

  updateApiClient(id: string, u: ApiClientUpdate, audit?: AuditDraft): Promise<ApiClientRecord | undefined> {
    const record = this.clients.get(id);
    if (!record) return Promise.resolve(undefined);
    const next: ApiClientRecord = {
      ...record,
      name: u.name ?? record.name,
      secretHash: u.secretHash ?? record.secretHash,
      status: u.status ?? record.status,
      expiresAt: u.expiresAt === undefined ? record.expiresAt : (u.expiresAt ?? undefined),
      allowedCidrs: u.allowedCidrs ? [...u.allowedCidrs] : record.allowedCidrs,
      rateLimit: u.rateLimit === undefined ? record.rateLimit : (u.rateLimit ?? undefined),
      scopes: u.scopes ? structuredClone(u.scopes) : record.scopes,
      updatedAt: new Date(),
    };
    this.changed(id, audit);
    this.clients.set(id, next);
    return Promise.resolve(copy(next));
  }

  deleteApiClient(id: string, audit?: AuditDraft): Promise<boolean> {
    if (!this.clients.has(id)) return Promise.resolve(false);
    this.changed(id, audit);
    this.clients.delete(id);
    return Promise.resolve(true);
  }

  apiClientChangeVersion(): Promise<bigint> {
    return Promise.resolve(BigInt(this.changes.length));
  }

  apiClientChangesSince(version: bigint, limit = apiClientChangesPage): Promise<ApiClientChanges> {
    const size = Math.max(1, Math.min(apiClientChangesPage, Math.floor(limit)));
    const start = Number(version < 0n ? 0n : version);
    const clientIds = this.changes.slice(start, start + size);
    return Promise.resolve({ clientIds, version: version + BigInt(clientIds.length), more: clientIds.length === size });
  }
}
