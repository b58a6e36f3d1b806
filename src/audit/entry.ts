// An audit record before its chain position is known (the storage port's AuditDraft). Sealing
// adds the position and, for tuple writes, what the write changed, then hashes the canonical body.
import type { AppliedTupleChanges, AuditedTupleKey, AuditDraft, AuditKind, AuditPosition, SealedAuditRecord } from '../storage/audit-repository.js';
import { canonicalJson } from './canonical.js';
import { chainHash } from './chain.js';
import type { ActorFields } from './actor.js';
import type { Masker } from './mask.js';

export const auditFormatVersion = 1;

export interface EntryFields {
  chain: string;
  storeId: string;
  at: Date;
  kind: AuditKind;
  operation: string;
  actor: ActorFields;
  result?: 'allowed' | 'denied';
  subjects?: string[];
  objects?: string[];
  /** Operation-specific fields, merged into the body. */
  details?: Record<string, unknown>;
}

function auditedTuple(key: AuditedTupleKey, mask: Masker): Record<string, unknown> {
  const condition = key.condition ? { name: key.condition.name, context: key.condition.context === undefined ? undefined : mask(key.condition.context) } : undefined;
  return { object: key.object, relation: key.relation, user: key.user, condition, expires_at: key.expiresAt?.toISOString() };
}

function distinct(values: Iterable<string>): string[] {
  return [...new Set(values)];
}

export class AuditEntry implements AuditDraft {
  readonly chain: string;

  constructor(
    private readonly fields: EntryFields,
    private readonly mask: Masker,
  ) {
    this.chain = fields.chain;
  }

  seal(position: AuditPosition, applied?: AppliedTupleChanges): SealedAuditRecord {
    const f = this.fields;
    const { actor, ...who } = f.actor;
    const changes = applied
      ? { revision: applied.revision, writes: applied.writes.map((k) => auditedTuple(k, this.mask)), deletes: applied.deletes.map((k) => auditedTuple(k, this.mask)) }
      : {};
    const body = canonicalJson({ v: auditFormatVersion, kind: f.kind, store: f.storeId, at: f.at, op: f.operation, actor, ...who, result: f.result, ...f.details, ...changes });
    const tuples = applied ? [...applied.deletes, ...applied.writes] : [];
    return {
      chain: this.chain,
      seq: position.seq,
      storeId: f.storeId,
      at: f.at,
      kind: f.kind,
      operation: f.operation,
      actor,
      result: f.result ?? '',
      subjects: distinct([...(f.subjects ?? []), ...tuples.map((t) => t.user)]),
      objects: distinct([...(f.objects ?? []), ...tuples.map((t) => t.object)]),
      body,
      prevHash: position.prevHash,
      hash: chainHash(position.prevHash, this.chain, position.seq, body),
    };
  }
}
