// API clients on the SQL backends. Each mutation and its change-log row commit together, under an
// advisory lock so that change versions become visible in increasing order (a poller that saw
// version n never later finds a committed n-1).
import type { ApiClientChanges, ApiClientRecord, ApiClientRepository, ApiClientUpdate, NewApiClient } from '../api-clients.js';
import { ApiClientAlreadyExistsError, apiClientChangesPage } from '../api-clients.js';
import { decodeApiClientToken, encodeApiClientToken } from '../continuation-token.js';
import type { AuditDraft } from '../audit-repository.js';
import type { Page, PageRequest } from '../datastore.js';
import { pageSize, toPage } from '../paging.js';
import { asBigint, asDate } from './rows.js';
import { appendAuditSql } from './sql-audit.js';
import type { SqlClient, SqlRow } from './sql-client.js';

const cols = 'id, name, secret_hash, status, expires_at, allowed_cidrs, rate_per_second, rate_burst, scopes, created_at, updated_at';
const lock = { lock: 'relata.api_client' };

function json(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}

function rowToApiClient(row: SqlRow): ApiClientRecord {
  const cidrs = json(row.allowed_cidrs);
  const scopes = json(row.scopes);
  return {
    id: row.id as string,
    name: row.name as string,
    secretHash: row.secret_hash as string,
    status: row.status === 'active' ? 'active' : 'disabled',
    expiresAt: row.expires_at === null || row.expires_at === undefined ? undefined : asDate(row.expires_at),
    allowedCidrs: Array.isArray(cidrs) ? cidrs.map(String) : [],
    rateLimit: row.rate_per_second === null || row.rate_per_second === undefined ? undefined : { perSecond: Number(row.rate_per_second), burst: Number(row.rate_burst) },
    scopes: scopes && typeof scopes === 'object' && !Array.isArray(scopes) ? (scopes as Record<string, string[]>) : {},
    createdAt: asDate(row.created_at),
    updatedAt: asDate(row.updated_at),
  };
}

async function recordChange(tx: SqlClient, id: string, audit: AuditDraft | undefined): Promise<void> {
  await tx.query('INSERT INTO api_client_change (client_id) VALUES ($1)', [id]);
  if (audit) await appendAuditSql(tx, [audit]);
}

export class SqlApiClients implements ApiClientRepository {
  constructor(private readonly client: SqlClient) {}

  createApiClient(c: NewApiClient, audit?: AuditDraft): Promise<ApiClientRecord> {
    return this.client.transaction(async (tx) => {
      const rows = await tx.query(
        `INSERT INTO api_client (id, name, secret_hash, status, expires_at, allowed_cidrs, rate_per_second, rate_burst, scopes)
         VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9::jsonb) ON CONFLICT (id) DO NOTHING RETURNING ${cols}`,
        [c.id, c.name, c.secretHash, c.status ?? 'active', c.expiresAt ?? null, JSON.stringify(c.allowedCidrs ?? []),
          c.rateLimit?.perSecond ?? null, c.rateLimit?.burst ?? null, JSON.stringify(c.scopes)],
      );
      if (rows.length === 0) throw new ApiClientAlreadyExistsError(c.id);
      await recordChange(tx, c.id, audit);
      return rowToApiClient(rows[0]);
    }, lock);
  }

  async getApiClient(id: string): Promise<ApiClientRecord | undefined> {
    const rows = await this.client.query(`SELECT ${cols} FROM api_client WHERE id = $1`, [id], 'relata_get_api_client');
    return rows.length > 0 ? rowToApiClient(rows[0]) : undefined;
  }

  async listApiClients(page: PageRequest): Promise<Page<ApiClientRecord>> {
    const params: unknown[] = [];
    let where = '';
    if (page.continuationToken) {
      params.push(decodeApiClientToken(page.continuationToken));
      where = 'WHERE id > $1';
    }
    const rows = await this.client.query(`SELECT ${cols} FROM api_client ${where} ORDER BY id LIMIT ${pageSize(page) + 1}`, params);
    return toPage(rows.map(rowToApiClient), page, encodeApiClientToken);
  }

  updateApiClient(id: string, u: ApiClientUpdate, audit?: AuditDraft): Promise<ApiClientRecord | undefined> {
    const sets: string[] = [];
    const params: unknown[] = [id];
    const set = (column: string, value: unknown, cast = ''): void => {
      sets.push(`${column} = $${params.push(value)}${cast}`);
    };
    if (u.name !== undefined) set('name', u.name);
    if (u.secretHash !== undefined) set('secret_hash', u.secretHash);
    if (u.status !== undefined) set('status', u.status);
    if (u.expiresAt !== undefined) set('expires_at', u.expiresAt);
    if (u.allowedCidrs !== undefined) set('allowed_cidrs', JSON.stringify(u.allowedCidrs), '::jsonb');
    if (u.rateLimit !== undefined) {
      set('rate_per_second', u.rateLimit?.perSecond ?? null);
      set('rate_burst', u.rateLimit?.burst ?? null);
    }
    if (u.scopes !== undefined) set('scopes', JSON.stringify(u.scopes), '::jsonb');
    sets.push('updated_at = now()');
    return this.client.transaction(async (tx) => {
      const rows = await tx.query(`UPDATE api_client SET ${sets.join(', ')} WHERE id = $1 RETURNING ${cols}`, params);
      if (rows.length === 0) return undefined;
      await recordChange(tx, id, audit);
      return rowToApiClient(rows[0]);
    }, lock);
  }

  deleteApiClient(id: string, audit?: AuditDraft): Promise<boolean> {
    return this.client.transaction(async (tx) => {
      const rows = await tx.query('DELETE FROM api_client WHERE id = $1 RETURNING id', [id]);
      if (rows.length === 0) return false;
      await recordChange(tx, id, audit);
      return true;
    }, lock);
  }

  async apiClientChangeVersion(): Promise<bigint> {
    const [row] = await this.client.query('SELECT max(version)::text AS version FROM api_client_change', [], 'relata_api_client_version');
    return asBigint(row?.version);
  }

  async apiClientChangesSince(version: bigint, limit = apiClientChangesPage): Promise<ApiClientChanges> {
    const size = Math.max(1, Math.min(apiClientChangesPage, Math.floor(limit)));
    const rows = await this.client.query(
      `SELECT version::text AS version, client_id FROM api_client_change WHERE version > $1::bigint ORDER BY version LIMIT $2`,
      [version.toString(), size],
      'relata_api_client_changes',
    );
    return {
      clientIds: rows.map((row) => row.client_id as string),
      version: rows.length > 0 ? asBigint(rows[rows.length - 1].version) : version,
      more: rows.length === size,
    };
  }
}
