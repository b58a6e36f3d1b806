// Logged decisions from the request path to sealed records. The request path only copies a
// decision's fields into a flat DecisionRecord (plain data: no reference to the request, its
// transport or its caller object survives the call); sealing (actor fields, masking, the
// canonical body, SHA-256 chaining) runs later, on the decision log's worker thread
// (seal-worker.ts) or inline. Pure, so both run the same code.
import type { AuditHead, SealedAuditRecord } from '../storage/audit-repository.js';
import type { DecisionEvent } from './audit-trail.js';
import { actorFields, type ActorFields, type AuditCaller } from './actor.js';
import { canonicalJson } from './canonical.js';
import { chainHash, decisionChain } from './chain.js';
import { AuditEntry, auditFormatVersion } from './entry.js';
import type { Masker } from './mask.js';
import type { PrincipalKind } from '../auth/principal.js';

/** A decision as queued: flat and structured-cloneable (the context is the request's plain JSON). */
export interface DecisionRecord extends Omit<DecisionEvent, 'caller' | 'context' | 'contextualTuples'> {
  /** When it was decided (epoch ms). */
  at: number;
  principalKind: PrincipalKind | undefined;
  principalId: string | undefined;
  requestId: string | undefined;
  peerAddress: string | undefined;
  userAgent: string | undefined;
  reason: string | undefined;
  context: Record<string, unknown> | undefined;
  contextualTuples: number | undefined;
}

/** On the request path: the event's fields, the caller's read once (some are getters over the call's metadata). */
export function decisionRecord(event: DecisionEvent, at: number): DecisionRecord {
  const caller = event.caller;
  return {
    operation: event.operation,
    storeId: event.storeId,
    user: event.user,
    relation: event.relation,
    object: event.object,
    allowed: event.allowed,
    modelId: event.modelId,
    cache: event.cache,
    latencyMs: event.latencyMs,
    at,
    principalKind: caller?.principal?.kind,
    principalId: caller?.principal?.id,
    requestId: caller?.requestId,
    peerAddress: caller?.peerAddress,
    userAgent: caller?.userAgent,
    reason: caller?.reason,
    context: event.context,
    contextualTuples: event.contextualTuples,
  };
}

function callerOf(d: DecisionRecord): AuditCaller | undefined {
  if (d.principalKind === undefined && d.requestId === undefined && d.peerAddress === undefined && d.userAgent === undefined && d.reason === undefined) return undefined;
  const principal = d.principalKind === undefined ? undefined : { kind: d.principalKind, id: d.principalId ?? '' };
  return { principal, requestId: d.requestId, peerAddress: d.peerAddress, userAgent: d.userAgent, reason: d.reason };
}

/** The caller's fields as actorFields reads them (undefined: no caller, `in-process`). */
export function decisionActor(d: DecisionRecord): ActorFields {
  return actorFields(callerOf(d));
}

/** The decision as a generic audit entry: the reference encoding decisionBody must equal (tests). */
export function decisionEntry(d: DecisionRecord, mask: Masker): AuditEntry {
  return new AuditEntry(
    {
      chain: decisionChain(d.storeId),
      storeId: d.storeId,
      at: new Date(d.at),
      kind: 'decision',
      operation: d.operation,
      actor: actorFields(callerOf(d)),
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

const q = JSON.stringify;

/** `,"key":value` for a present string value (canonical JSON drops undefined members). */
function text(key: string, value: string | undefined): string {
  return value === undefined ? '' : `,"${key}":${q(value)}`;
}

function number(value: number): string {
  return Number.isFinite(value) ? q(value) : 'null';
}

/**
 * The canonical JSON (canonical.ts) of a decision's body, written directly with its members in
 * code point order: the generic encoder's key sorting and intermediate objects cost most of a
 * decision's sealing. Equal to decisionEntry(d).seal(...).body (decision-seal.test.ts).
 */
export function decisionBody(d: DecisionRecord, a: ActorFields, mask: Masker): string {
  const context = d.context === undefined ? '' : `,"context":${canonicalJson(mask(d.context))}`;
  const contextual = d.contextualTuples ? `,"contextualTuples":${number(d.contextualTuples)}` : '';
  const principal = a.principal ? `,"principal":{"id":${q(a.principal.id)},"kind":${q(a.principal.kind)}}` : '';
  return (
    `{"actor":${q(a.actor)},"at":${q(new Date(d.at).toISOString())},"cache":${q(d.cache)}${context}${contextual}${text('ip', a.ip)}` +
    `,"kind":"decision","latencyMs":${number(Math.round(d.latencyMs * 1000) / 1000)},"modelId":${q(d.modelId)},"object":${q(d.object)}` +
    `,"op":${q(d.operation)}${principal}${text('reason', a.reason)},"relation":${q(d.relation)}${text('requestId', a.requestId)}` +
    `,"result":"${d.allowed ? 'allowed' : 'denied'}","store":${q(d.storeId)},"user":${q(d.user)}${text('userAgent', a.userAgent)},"v":${auditFormatVersion}}`
  );
}

/** Seals `decisions` in order after their chains' `heads`. */
export function sealDecisions(decisions: readonly DecisionRecord[], heads: ReadonlyMap<string, AuditHead>, mask: Masker): SealedAuditRecord[] {
  const next = new Map(heads);
  return decisions.map((d) => {
    const chain = decisionChain(d.storeId);
    const head = next.get(chain) ?? { seq: 0n, hash: '' };
    const seq = head.seq + 1n;
    const actor = actorFields(callerOf(d));
    const body = decisionBody(d, actor, mask);
    const hash = chainHash(head.hash, chain, seq, body);
    next.set(chain, { seq, hash });
    const result = d.allowed ? 'allowed' : 'denied';
    return { chain, seq, storeId: d.storeId, at: new Date(d.at), kind: 'decision', operation: d.operation, actor: actor.actor, result, subjects: [d.user], objects: [d.object], body, prevHash: head.hash, hash };
  });
}

/** The chains a batch of decisions appends to. */
export function decisionChains(decisions: readonly DecisionRecord[]): string[] {
  return [...new Set(decisions.map((d) => decisionChain(d.storeId)))];
}
