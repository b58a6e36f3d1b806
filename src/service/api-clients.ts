// API client management (relata.v1 admin RPCs and `relata clients …`): create, list, show,
// disable, enable, rotate, delete. The key (`rk_<id>_<secret>`) is returned once, by create and
// rotate; only its slow hash is stored. Every input is validated here with a message naming the
// field, so the CLI and the RPCs refuse the same things the same way.
import { randomBytes } from 'node:crypto';
import { ulid } from 'ulid';
import {
  anyStore,
  canonicalAllowlistEntry,
  defaultScryptParams,
  formatApiKey,
  generateSecret,
  hashSecret,
  scopeNames,
  type ScryptParams,
} from '../auth/index.js';
import { AuditTrail, type ChangeOperation } from '../audit/audit-trail.js';
import { ErrorCode, NotFoundError, ValidationError } from '../model/index.js';
import type { ApiClientRateLimit, ApiClientRecord, ApiClientRepository, ApiClientStatus } from '../storage/index.js';
import type { Caller } from './caller.js';
import { Tokens } from './tokens.js';
import { continuationToken, pageSize, requireStoreName, requireUlid } from './validation.js';

export interface ScopeGrant {
  /** A store id or `*` (every store, and the store-less admin calls). */
  store: string;
  scopes: string[];
}

export interface CreateApiClientInput {
  name: string;
  grants: ScopeGrant[];
  expiresAt?: Date;
  allowedCidrs?: string[];
  /** Requests per second; absent = unlimited. */
  ratePerSecond?: number;
  /** Default: the rate rounded up (at least 1). */
  rateBurst?: number;
}

export interface ApiClientInfo {
  id: string;
  name: string;
  status: ApiClientStatus;
  expiresAt: Date | undefined;
  allowedCidrs: string[];
  rateLimit: ApiClientRateLimit | undefined;
  grants: ScopeGrant[];
  createdAt: Date;
  updatedAt: Date;
}

export interface IssuedApiClient {
  client: ApiClientInfo;
  /** The only time the key is shown: it cannot be recovered, only rotated. */
  key: string;
}

export interface ApiClientAdmin {
  create(input: CreateApiClientInput, caller?: Caller): Promise<IssuedApiClient>;
  list(input: { pageSize?: number; continuationToken?: string }, caller?: Caller): Promise<{ items: ApiClientInfo[]; continuationToken: string }>;
  show(id: string, caller?: Caller): Promise<ApiClientInfo>;
  disable(id: string, caller?: Caller): Promise<ApiClientInfo>;
  enable(id: string, caller?: Caller): Promise<ApiClientInfo>;
  rotate(id: string, caller?: Caller): Promise<IssuedApiClient>;
  delete(id: string, caller?: Caller): Promise<void>;
}

export interface ApiClientAdminOptions {
  scryptParams?: ScryptParams;
  /**
   * Awaited after every change with the changed client's id (the composition root passes the
   * local clients method's `changed`: this replica applies it before the call returns and
   * announces it to the others); its failure does not fail the change.
   */
  onChange?: (clientId: string) => Promise<void> | void;
  /**
   * Signs ListApiClients continuation tokens (the service passes its own, whose key every replica
   * shares). Default: a key of this process only, enough for one process paging (the CLI, tests).
   */
  tokens?: Pick<Tokens, 'seal' | 'open'>;
  /** Clock for expiry validation (tests). */
  now?: () => number;
  /** Where each change's audit draft comes from (appended in the change's transaction); default: a plain trail. */
  audit?: AuditTrail;
}

/** Tokens under a random key of this process: nothing else is ever read from the datastore stub. */
function processLocalTokens(): Tokens {
  const never = () => Promise.reject(new Error('process-local tokens read no datastore'));
  return new Tokens({ ensureSetting: never, currentRevision: never }, randomBytes(32).toString('base64url'));
}

const maxGrants = 100;
const maxCidrs = 100;
const maxRate = 1_000_000;
const maxLifetimeMs = 100 * 365 * 86_400_000;
const knownScopes: ReadonlySet<string> = new Set(scopeNames);

function invalid(field: string, problem: string): ValidationError {
  return new ValidationError(ErrorCode.ValidationError, `invalid ${field}: ${problem}`);
}

// Only admins get here (every API client RPC needs `*:admin`, checked before the request is read),
// so saying that an id names no client tells nobody else anything.
function clientNotFound(): NotFoundError {
  return new NotFoundError(ErrorCode.ApiClientNotFound, 'api client not found: client_id');
}

/** `STORE:check,read` (the CLI's --scope) as a grant. */
export function parseScopeGrant(text: string, field = 'scope'): ScopeGrant {
  const colon = text.lastIndexOf(':');
  if (colon <= 0 || colon === text.length - 1) throw invalid(field, `expected STORE:SCOPE[,SCOPE...] (STORE a store id or *), got '${text.slice(0, 80)}'`);
  return { store: text.slice(0, colon), scopes: text.slice(colon + 1).split(',').map((s) => s.trim()) };
}

/** `30d`, `12h`, `15m`, `90s` from now, or an ISO 8601 date-time. */
export function parseExpiry(text: string, now = Date.now(), field = 'expires'): Date {
  const relative = /^(\d{1,6})([smhd])$/.exec(text);
  if (relative) {
    const unit = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[relative[2] as 's' | 'm' | 'h' | 'd'];
    return new Date(now + Number(relative[1]) * unit);
  }
  const date = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/.test(text) ? new Date(text) : new Date(NaN);
  if (Number.isNaN(date.getTime())) throw invalid(field, `expected a duration such as 30d, 12h, 15m, 90s or an ISO 8601 date, got '${text.slice(0, 80)}'`);
  return date;
}

function validateGrants(grants: readonly ScopeGrant[]): Record<string, string[]> {
  if (grants.length === 0) throw invalid('scopes', 'at least one STORE:SCOPE grant is required');
  if (grants.length > maxGrants) throw invalid('scopes', `at most ${maxGrants} grants`);
  const scopes: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  grants.forEach((grant, i) => {
    const store = grant.store === anyStore ? anyStore : requireUlid(grant.store, `scopes[${i}].store`);
    if (grant.scopes.length === 0) throw invalid(`scopes[${i}].scopes`, 'at least one scope is required');
    for (const scope of grant.scopes) {
      if (!knownScopes.has(scope)) throw invalid(`scopes[${i}].scopes`, `unknown scope '${scope.slice(0, 40)}' (expected one of ${scopeNames.join(', ')})`);
    }
    scopes[store] = [...new Set([...(scopes[store] ?? []), ...grant.scopes])].sort();
  });
  return { ...scopes };
}

function validateCidrs(entries: readonly string[]): string[] {
  if (entries.length > maxCidrs) throw invalid('allowed_cidrs', `at most ${maxCidrs} entries`);
  return entries.map((entry, i) => {
    const canonical = canonicalAllowlistEntry(entry);
    if (!canonical) throw invalid(`allowed_cidrs[${i}]`, `not an IP address or CIDR range: '${entry.slice(0, 80)}'`);
    return canonical;
  });
}

function validateRate(perSecond: number | undefined, burst: number | undefined): ApiClientRateLimit | undefined {
  if (perSecond === undefined || perSecond === 0) {
    if (burst !== undefined && burst !== 0) throw invalid('rate_burst', 'a burst needs a rate');
    return undefined;
  }
  if (!Number.isFinite(perSecond) || perSecond <= 0 || perSecond > maxRate) throw invalid('rate', `requests per second must be in (0, ${maxRate}]`);
  const b = burst === undefined || burst === 0 ? Math.max(1, Math.ceil(perSecond)) : burst;
  if (!Number.isInteger(b) || b < 1 || b > maxRate) throw invalid('rate_burst', `must be an integer in [1, ${maxRate}]`);
  return { perSecond, burst: b };
}

function validateExpiry(expiresAt: Date | undefined, now: number): Date | undefined {
  if (expiresAt === undefined) return undefined;
  const at = expiresAt.getTime();
  if (Number.isNaN(at)) throw invalid('expires_at', 'not a valid time');
  if (at <= now) throw invalid('expires_at', 'must be in the future');
  if (at > now + maxLifetimeMs) throw invalid('expires_at', 'must be within 100 years');
  return expiresAt;
}

function toInfo(record: ApiClientRecord): ApiClientInfo {
  return {
    id: record.id,
    name: record.name,
    status: record.status,
    expiresAt: record.expiresAt,
    allowedCidrs: record.allowedCidrs,
    rateLimit: record.rateLimit,
    grants: Object.entries(record.scopes).map(([store, scopes]) => ({ store, scopes })),
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

export function createApiClientAdmin(clients: ApiClientRepository, options: ApiClientAdminOptions = {}): ApiClientAdmin {
  const params = options.scryptParams ?? defaultScryptParams;
  const now = options.now ?? Date.now;
  const tokens = options.tokens ?? processLocalTokens();
  const changed = async <T>(clientId: string, value: T): Promise<T> => {
    try {
      await options.onChange?.(clientId);
    } catch {
      // Other replicas learn of the change by polling; so will this one.
    }
    return value;
  };
  const trail = options.audit ?? new AuditTrail();
  // Store-less (the global chain); never the secret or its hash.
  const audit = (operation: ChangeOperation, caller: Caller | undefined, details: Record<string, unknown>) => trail.change(undefined, operation, caller, details);
  const requireId = (id: string): string => requireUlid(id, 'client_id');
  const setStatus = async (id: string, status: ApiClientStatus, caller: Caller | undefined): Promise<ApiClientInfo> => {
    const record = await clients.updateApiClient(requireId(id), { status }, audit(status === 'active' ? 'EnableApiClient' : 'DisableApiClient', caller, { clientId: id, status }));
    if (!record) throw clientNotFound();
    return changed(record.id, toInfo(record));
  };

  return {
    async create(input, caller) {
      const name = requireStoreName(input.name, 'name');
      const scopes = validateGrants(input.grants);
      const allowedCidrs = validateCidrs(input.allowedCidrs ?? []);
      const rateLimit = validateRate(input.ratePerSecond, input.rateBurst);
      const expiresAt = validateExpiry(input.expiresAt, now());
      const id = ulid();
      const secret = generateSecret();
      const details = { clientId: id, name, scopes, allowedCidrs, rateLimit, expiresAt: expiresAt?.toISOString() };
      const record = await clients.createApiClient({ id, name, secretHash: await hashSecret(secret, params), scopes, allowedCidrs, rateLimit, expiresAt }, audit('CreateApiClient', caller, details));
      return changed(id, { client: toInfo(record), key: formatApiKey(id, secret) });
    },
    async list(input) {
      const size = pageSize(input.pageSize, 50);
      // Not bound to a store: signed for the empty store id, like ListStores' tokens.
      const token = await tokens.open('clients', '', continuationToken(input.continuationToken));
      const page = await clients.listApiClients({ pageSize: size, continuationToken: token });
      return { items: page.items.map(toInfo), continuationToken: await tokens.seal('clients', '', page.continuationToken) };
    },
    async show(id) {
      const record = await clients.getApiClient(requireId(id));
      if (!record) throw clientNotFound();
      return toInfo(record);
    },
    disable: (id, caller) => setStatus(id, 'disabled', caller),
    enable: (id, caller) => setStatus(id, 'active', caller),
    async rotate(id, caller) {
      requireId(id);
      const secret = generateSecret();
      const record = await clients.updateApiClient(id, { secretHash: await hashSecret(secret, params) }, audit('RotateApiClientKey', caller, { clientId: id }));
      if (!record) throw clientNotFound();
      return changed(id, { client: toInfo(record), key: formatApiKey(id, secret) });
    },
    async delete(id, caller) {
      if (!(await clients.deleteApiClient(requireId(id), audit('DeleteApiClient', caller, { clientId: id })))) throw clientNotFound();
      await changed(id, undefined);
    },
  };
}
