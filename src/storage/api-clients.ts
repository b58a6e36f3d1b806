// API clients (issue 15's `clients` authentication method): callers that present a key whose secret
// is stored only as a slow hash. Storage keeps the records and a change log; it knows nothing of
// keys, hashes or scopes beyond storing them (src/auth/clients/ gives them meaning).
import { ErrorCode, RelataError } from '../model/index.js';
import type { AuditDraft } from './audit-repository.js';
import type { Page, PageRequest } from './datastore.js';

export type ApiClientStatus = 'active' | 'disabled';

export interface ApiClientRateLimit {
  /** Sustained requests per second (> 0). */
  perSecond: number;
  /** Requests allowed at once after a quiet period (>= 1). */
  burst: number;
}

export interface ApiClientRecord {
  /** A ULID, part of the client's key so that a presented key finds its record without a scan. */
  id: string;
  name: string;
  /** Self-describing slow hash of the secret (e.g. `$scrypt$ln=15,r=8,p=1$salt$hash`). */
  secretHash: string;
  status: ApiClientStatus;
  expiresAt: Date | undefined;
  /** IP addresses / CIDR ranges the client may call from; empty = anywhere. */
  allowedCidrs: string[];
  rateLimit: ApiClientRateLimit | undefined;
  /** Scope names by store id (`*` = every store). */
  scopes: Record<string, string[]>;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewApiClient {
  id: string;
  name: string;
  secretHash: string;
  status?: ApiClientStatus;
  expiresAt?: Date;
  allowedCidrs?: string[];
  rateLimit?: ApiClientRateLimit;
  scopes: Record<string, string[]>;
}

/** Fields to change; absent = unchanged, null = cleared. */
export interface ApiClientUpdate {
  name?: string;
  secretHash?: string;
  status?: ApiClientStatus;
  expiresAt?: Date | null;
  allowedCidrs?: string[];
  rateLimit?: ApiClientRateLimit | null;
  scopes?: Record<string, string[]>;
}

export interface ApiClientChanges {
  /** Ids of the clients changed (created, updated or deleted) after the version asked for, in change order (may repeat). */
  clientIds: string[];
  /** The version to ask from next time: the last change returned, or the version asked for when none. */
  version: bigint;
  /** Whether more changes follow (the page was full): ask again from `version`. */
  more: boolean;
}

/**
 * API clients and their change log. Every mutation (create, update, delete) appends one change
 * in the same transaction; change versions increase in commit order, so a replica polling
 * `apiClientChangesSince` with the version it got never misses a change. The optional `audit`
 * draft is appended in that transaction too, only when the mutation happened.
 */
export interface ApiClientRepository {
  /** Throws AlreadyExists when the id is taken. */
  createApiClient(client: NewApiClient, audit?: AuditDraft): Promise<ApiClientRecord>;
  getApiClient(id: string): Promise<ApiClientRecord | undefined>;
  /** Ordered by id (ULIDs sort by creation time). */
  listApiClients(page: PageRequest): Promise<Page<ApiClientRecord>>;
  /** The updated record; undefined when there is no such client. Bumps `updatedAt`. */
  updateApiClient(id: string, update: ApiClientUpdate, audit?: AuditDraft): Promise<ApiClientRecord | undefined>;
  /** Hard delete; false when there was no such client. */
  deleteApiClient(id: string, audit?: AuditDraft): Promise<boolean>;
  /** The latest change version (0n when nothing ever changed): where a fresh poller starts. */
  apiClientChangeVersion(): Promise<bigint>;
  /** Changes after `version`, oldest first, up to `limit` (default 1000). */
  apiClientChangesSince(version: bigint, limit?: number): Promise<ApiClientChanges>;
}

/** createApiClient with an id that is taken. */
export class ApiClientAlreadyExistsError extends RelataError {
  constructor(id: string) {
    super(ErrorCode.AlreadyExists, `api client id already exists: '${id}'`);
    this.name = 'ApiClientAlreadyExistsError';
  }
}

/** Default and largest page of `apiClientChangesSince`. */
export const apiClientChangesPage = 1_000;
