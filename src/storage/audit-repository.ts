// The audit trail's storage role: append-only hash chains of audit records (one chain per store
// for changes, one per store for sampled decisions, one global chain for store-less events).
// Storage knows nothing of hashing or of what a record means: a record arrives as an AuditDraft
// (built by src/audit/) that storage seals at the chain position it reserved under a lock.
import type { TupleKey } from '../model/index.js';
import type { Page, PageRequest } from './datastore.js';

export type AuditKind = 'change' | 'decision' | 'anchor';

/** One stored audit record. `body` is the canonical JSON the hash covers; the other columns are
 * copies of some of its fields, kept for indexed queries (verification checks they agree). */
export interface AuditRecord {
  /** Storage order (newest first = highest id); not hashed, not part of the evidence. */
  id: bigint;
  chain: string;
  /** 1, 2, 3... within the chain. */
  seq: bigint;
  /** '' for store-less events (the global chain). */
  storeId: string;
  at: Date;
  kind: AuditKind;
  operation: string;
  actor: string;
  /** Decisions: 'allowed' | 'denied'; '' otherwise. */
  result: string;
  subjects: string[];
  objects: string[];
  body: string;
  prevHash: string;
  hash: string;
}

export type SealedAuditRecord = Omit<AuditRecord, 'id'>;

/** Where a new record goes: its sequence number and the hash of the record before it. */
export interface AuditPosition {
  seq: bigint;
  prevHash: string;
}

/** What a tuple write actually changed (ignored duplicates and missing deletes left out). */
export interface AppliedTupleChanges {
  revision: bigint;
  /** Written tuples, with the expiry of those that have one. */
  writes: AuditedTupleKey[];
  /** Deleted tuples (the sweeper's deletes carry the expiry that removed them). */
  deletes: AuditedTupleKey[];
}

/** A changed tuple as the audit record keeps it. */
export type AuditedTupleKey = TupleKey & { expiresAt?: Date };

/** A record waiting for its chain position; `seal` is pure and must not throw. */
export interface AuditDraft {
  readonly chain: string;
  /** `applied` is given for tuple writes, so the record holds what changed, not what was asked. */
  seal(position: AuditPosition, applied?: AppliedTupleChanges): SealedAuditRecord;
}

/** The last record of a chain as an appender sees it: 0n / '' before the chain's first record. */
export interface AuditHead {
  seq: bigint;
  hash: string;
}

/**
 * Records sealed asynchronously (the decision log seals on a worker thread, so the hashing and
 * encoding never run on the request thread): the repository reserves the `chains`' heads, awaits
 * `seal` and appends what it returns. The records must follow each chain's head in order.
 */
export interface AuditBatch {
  readonly chains: readonly string[];
  seal(heads: ReadonlyMap<string, AuditHead>): Promise<SealedAuditRecord[]>;
}

/** Appends sealed batches over a connection of its own (the decision log's worker thread holds one). */
export interface AuditAppender extends Pick<AuditRepository, 'appendAuditBatch'> {
  close(): Promise<void>;
}

/**
 * How a worker thread opens its own AuditAppender: `module` (a URL) exports
 * `openAuditAppender(options)`; `options` is plain data (structured-cloneable). Chosen by the
 * composition root for backends a worker can reach on its own (PostgreSQL; not PGlite or memory).
 */
export interface AuditAppenderSpec {
  module: string;
  options: unknown;
}

/** The head of a chain and, after retention cut it, its base (the last removed record). */
export interface AuditChainHead {
  chain: string;
  headSeq: bigint;
  headHash: string;
  /** 0n / '' when nothing was ever removed: verification starts after the base. */
  baseSeq: bigint;
  baseHash: string;
}

export interface AuditFilter {
  storeId?: string;
  kind?: AuditKind;
  actor?: string;
  /** Records whose changed tuples or decision name this object (`type:id`). */
  object?: string;
  /** ... or this subject (`type:id` or `type:id#relation`). */
  subject?: string;
  operation?: string;
  result?: 'allowed' | 'denied';
  /** from <= at < to */
  from?: Date;
  to?: Date;
}

/**
 * Append-only audit chains.
 * - The mutating methods of the other repositories take an optional AuditDraft: the record is
 *   appended in the same transaction as the change, so it exists if and only if the change
 *   committed; a write that changes nothing (all ignored) and a failed write append nothing.
 * - Appends to one chain are serialized (its head row is locked until commit): concurrent
 *   writers never fork a chain or reuse a sequence number.
 */
export interface AuditRepository {
  /** Appends records on their own (decision batches); drafts of one chain get consecutive seqs in order. */
  appendAudit(drafts: readonly AuditDraft[]): Promise<void>;
  /** Appends a batch sealed off the caller's thread, with the chains' heads held until it is appended. */
  appendAuditBatch(batch: AuditBatch): Promise<void>;
  /** Newest first (by id); the token resumes after the last item. */
  queryAudit(filter: AuditFilter, page: PageRequest): Promise<Page<AuditRecord>>;
  /** Every chain's head, ordered by chain. */
  auditChains(): Promise<AuditChainHead[]>;
  /** A chain's records with seq > afterSeq, oldest first, at most `limit`. */
  readAuditChain(chain: string, afterSeq: bigint, limit: number): Promise<AuditRecord[]>;
  /**
   * Retention: removes the records of `chain` older than `before`, never its head record, and
   * records the last removed one as the chain's base. Returns how many it removed.
   */
  pruneAudit(chain: string, before: Date): Promise<number>;
}
