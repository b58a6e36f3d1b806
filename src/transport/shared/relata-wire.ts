// relata.v1 messages that both transports send, mapped once to the proto's field names. Only the
// value encodings differ (gRPC: google.protobuf.Struct and Timestamp; HTTP: JSON and RFC 3339),
// so each transport passes its own.
import type { ApiClientInfo, ExplainNode } from '../../service/index.js';

export interface ExplainNodeWire<Parameters> {
  step: string;
  result: string;
  object: string;
  relation: string;
  tupleset: string;
  role: string;
  reason: string;
  tuple: { object: string; relation: string; user: string; condition: string; contextual: boolean; wildcard: boolean } | null;
  condition: { name: string; met: boolean; parameters: Parameters; missing_parameters: string[] } | null;
  error_code: number;
  message: string;
  children: ExplainNodeWire<Parameters>[];
  omitted_children: number;
}

export function explainNodeWire<P>(node: ExplainNode, parameters: (values: Record<string, unknown>) => P): ExplainNodeWire<P> {
  const { tuple, condition } = node;
  return {
    step: node.step,
    result: node.result,
    object: node.object ?? '',
    relation: node.relation ?? '',
    tupleset: node.tupleset ?? '',
    role: node.role ?? '',
    reason: node.reason ?? '',
    tuple: tuple
      ? { object: tuple.object, relation: tuple.relation, user: tuple.user, condition: tuple.condition ?? '', contextual: tuple.contextual, wildcard: tuple.wildcard }
      : null,
    condition: condition
      ? { name: condition.name, met: condition.met, parameters: parameters(condition.parameters), missing_parameters: condition.missingParameters ?? [] }
      : null,
    error_code: node.errorCode ?? 0,
    message: node.message ?? '',
    children: (node.children ?? []).map((child) => explainNodeWire(child, parameters)),
    omitted_children: node.omittedChildren ?? 0,
  };
}

export function apiClientWire<T>(client: ApiClientInfo, timestamp: (at: Date) => T) {
  return {
    id: client.id,
    name: client.name,
    status: client.status,
    expires_at: client.expiresAt ? timestamp(client.expiresAt) : null,
    allowed_cidrs: client.allowedCidrs,
    rate_per_second: client.rateLimit?.perSecond ?? 0,
    rate_burst: client.rateLimit?.burst ?? 0,
    grants: client.grants.map((grant) => ({ store: grant.store, scopes: [...grant.scopes] })),
    created_at: timestamp(client.createdAt),
    updated_at: timestamp(client.updatedAt),
  };
}
