// Who is calling, as a gRPC call shows it: the `authorization` metadata and the socket's peer for
// the authenticator, and the `Caller` handed to the service. The peer is read when the call
// opens (grpc-js forgets it once the stream closes, and an audit record may be written later);
// the metadata fields are read only when something asks for them (the metadata outlives the call).
import type { Metadata } from '@grpc/grpc-js';
import type { CallCredentials, Principal } from '../../auth/index.js';
import type { Caller } from '../../service/caller.js';

export const reasonHeader = 'x-relata-reason';

/** Longest `x-relata-reason` / `user-agent` kept (longer ones are cut, not refused: they are informational). */
export const maxCallerTextLength = 256;

export function firstValue(metadata: Metadata, key: string): string | undefined {
  const [value] = metadata.get(key);
  return typeof value === 'string' ? value : value?.toString('utf8');
}

/** The IP of a grpc-js peer string (`1.2.3.4:5678`, `::1:5678`, `unknown`), without the port. */
export function peerIp(peer: string): string {
  const colon = peer.lastIndexOf(':');
  if (colon <= 0 || !/^\d+$/.test(peer.slice(colon + 1))) return peer;
  const host = peer.slice(0, colon);
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

function bounded(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  return value.length <= maxCallerTextLength ? value : value.slice(0, maxCallerTextLength);
}

interface PeerCall {
  readonly metadata: Metadata;
  getPeer(): string;
}

/** A call's credentials and caller; `principal` is set once the authenticator has vouched for one. */
export class GrpcCallIdentity implements CallCredentials, Caller {
  principal: Principal;
  readonly peerAddress: string;
  private readonly metadata: Metadata;

  constructor(call: PeerCall, readonly requestId: string, anonymous: Principal) {
    this.principal = anonymous;
    this.metadata = call.metadata;
    this.peerAddress = peerIp(call.getPeer());
  }

  get authorization(): string | undefined {
    return firstValue(this.metadata, 'authorization');
  }

  get userAgent(): string | undefined {
    return bounded(firstValue(this.metadata, 'user-agent'));
  }

  get reason(): string | undefined {
    return bounded(firstValue(this.metadata, reasonHeader));
  }

  /** Some fields are getters (not copied by a spread): this is the caller as plain data, for logs and audit records. */
  toJSON(): Caller {
    return { principal: this.principal, requestId: this.requestId, peerAddress: this.peerAddress, userAgent: this.userAgent, reason: this.reason };
  }
}
