// Who a record is about: the caller as the transport knew it (structurally the service's Caller,
// which this layer may not import). The `actor` string is what queries filter on:
//   <principal kind>:<id>   an authenticated principal (e.g. client:01H..., oidc:alice), or the
//                           local operator of a CLI command (cli:<os user>)
//   peer:<ip>               authentication off: the anonymous caller's address
//   in-process              no caller at all (embedded use, tests, bench)
//   system:<job>            a background job of the server itself (e.g. system:expiry-sweeper)
import type { PrincipalKind } from '../auth/principal.js';

export interface AuditCaller {
  readonly principal?: { readonly kind: PrincipalKind; readonly id: string };
  readonly requestId?: string;
  readonly peerAddress?: string;
  readonly userAgent?: string;
  readonly reason?: string;
  /** A background job of the server acting on its own (no request): the actor is `system:<job>`. */
  readonly system?: string;
}

/** Longest reason / user agent kept; longer ones are cut (with an ellipsis) rather than refused. */
export const maxReasonChars = 1024;
export const maxUserAgentChars = 512;

export interface ActorFields {
  actor: string;
  principal?: { kind: string; id: string };
  ip?: string;
  userAgent?: string;
  requestId?: string;
  reason?: string;
}

function cut(value: string | undefined, max: number): string | undefined {
  if (value === undefined || value === '') return undefined;
  return value.length > max ? `${value.slice(0, max)}…` : value;
}

/** gRPC peers look like `ipv4:1.2.3.4:5678` or `ipv6:[::1]:5678`: the address alone is the client IP. */
export function clientIp(peer: string | undefined): string | undefined {
  if (!peer) return undefined;
  const match = /^(?:ipv4:|ipv6:)?(?:\[([^\]]+)\]|([^:]+(?::[^:]+)*?))(?::\d+)?$/.exec(peer);
  const ip = match?.[1] ?? match?.[2];
  return ip ? cut(ip, 64) : cut(peer, 64);
}

export function actorFields(caller: AuditCaller | undefined): ActorFields {
  if (!caller) return { actor: 'in-process' };
  if (caller.system) return { actor: `system:${caller.system}` };
  const ip = clientIp(caller.peerAddress);
  const principal = caller.principal && caller.principal.kind !== 'anonymous' ? { kind: caller.principal.kind, id: caller.principal.id } : undefined;
  const actor = principal ? `${principal.kind}:${principal.id}` : ip ? `peer:${ip}` : 'unknown';
  return {
    actor,
    principal,
    ip,
    userAgent: cut(caller.userAgent, maxUserAgentChars),
    requestId: cut(caller.requestId, 128),
    reason: cut(caller.reason, maxReasonChars),
  };
}
