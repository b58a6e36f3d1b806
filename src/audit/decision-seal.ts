// Queued decisions as sealed records: the encoding, masking and hashing the decision log keeps off
// the request thread. Pure (plain data in, records out), so it runs the same on the log's worker
// thread (seal-worker.ts) and inline.
import type { AuditHead, SealedAuditRecord } from '../storage/audit-repository.js';
import type { DecisionEvent } from './audit-trail.js';
import { actorFields, type AuditCaller } from './actor.js';
import { decisionChain } from './chain.js';
import { AuditEntry } from './entry.js';
import type { Masker } from './mask.js';

/** A decision as queued, copied to plain data (structured-cloneable) when its batch is flushed. */
export interface DecisionData extends DecisionEvent {
  /** When it was decided (epoch ms). */
  at: number;
}

/** The caller's fields as plain data (a transport's caller may expose them as getters). */
export function plainCaller(caller: AuditCaller | undefined): AuditCaller | undefined {
  if (!caller) return undefined;
  const principal = caller.principal ? { kind: caller.principal.kind, id: caller.principal.id } : undefined;
  return { principal, requestId: caller.requestId, peerAddress: caller.peerAddress, userAgent: caller.userAgent, reason: caller.reason };
}

export function decisionEntry(d: DecisionData, mask: Masker): AuditEntry {
  return new AuditEntry(
    {
      chain: decisionChain(d.storeId),
      storeId: d.storeId,
      at: new Date(d.at),
      kind: 'decision',
      operation: d.operation,
      actor: actorFields(d.caller),
      result: d.allowed ? 'allowed' : 'denied',
      subjects: [d.user],
      objects: [d.object],
      details: {
        user: d.user,
        relation: d.relation,
        object: d.object,
        modelId: d.modelId,
        cache: d.cache,
        latencyMs: Math.round(d.latencyMs * 1000) / 1000,
        context: d.context === undefined ? undefined : mask(d.context),
        contextualTuples: d.contextualTuples || undefined,
      },
    },
    mask,
  );
}

/** Seals `decisions` in order after their chains' `heads`. */
export function sealDecisions(decisions: readonly DecisionData[], heads: ReadonlyMap<string, AuditHead>, mask: Masker): SealedAuditRecord[] {
  const next = new Map(heads);
  return decisions.map((d) => {
    const entry = decisionEntry(d, mask);
    const head = next.get(entry.chain) ?? { seq: 0n, hash: '' };
    const record = entry.seal({ seq: head.seq + 1n, prevHash: head.hash });
    next.set(entry.chain, { seq: record.seq, hash: record.hash });
    return record;
  });
}
