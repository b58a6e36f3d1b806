// The identity of a decision: (store, model id, object, relation, user, contextual tuples,
// context). Contextual tuples and context are reduced to one order-independent hash, so that
// equal requests share an entry whatever the order of their tuples or object keys.
import { createHash } from 'node:crypto';
import type { CheckRequest } from '../engine/index.js';
import { parseObject } from '../model/index.js';
import { relationKey, type RelationKey } from './dependency-graph.js';

export interface DecisionKey {
  storeId: string;
  modelId: string;
  /** `type#relation` of the checked object, which the invalidation state is tracked by. */
  relation: RelationKey;
  /** Id of the checked object (without its type): writes on other objects may leave the entry valid. */
  objectId: string;
  /** Unique within the store and model: L1 key suffix and L2 key suffix. */
  id: string;
}

/** One string for a key: the L1 map key and the in-flight map key. */
export function decisionKeyString(key: DecisionKey): string {
  return `${key.storeId}\u0001${key.modelId}\u0001${key.id}`;
}

/** Canonical JSON: object keys sorted at every level, so equal values print equally. */
function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

/** '-' when the request has neither contextual tuples nor context (the common case: no hashing). */
export function requestContextHash(request: Pick<CheckRequest, 'contextualTuples' | 'context'>): string {
  const tuples = request.contextualTuples ?? [];
  const context = request.context;
  if (tuples.length === 0 && (context === undefined || Object.keys(context).length === 0)) return '-';
  const sortedTuples = tuples.map(canonical).sort();
  return createHash('sha256').update(canonical({ t: sortedTuples, c: context ?? {} })).digest('base64url').slice(0, 22);
}

/** Returns undefined for a request whose object does not parse: such a request is not cached. */
export function decisionKey(storeId: string, modelId: string, request: CheckRequest): DecisionKey | undefined {
  const object = parseObject(request.object);
  if (!object) return undefined;
  return {
    storeId,
    modelId,
    relation: relationKey(object.type, request.relation),
    objectId: object.id,
    id: `${request.object}#${request.relation}@${request.user}|${requestContextHash(request)}`,
  };
}
