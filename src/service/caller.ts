// Who made a request and from where: what a transport knows of the caller, handed to the service
// with every call so that changes and decisions can be attributed (the audit trail's actor).
import type { Principal } from '../auth/principal.js';

export interface Caller {
  /** The authenticated principal (kind `anonymous` when authentication is off). */
  readonly principal: Principal;
  readonly requestId: string;
  /** The peer's IP address as the transport saw it. */
  readonly peerAddress?: string;
  readonly userAgent?: string;
  /** Why the caller made this change (`x-relata-reason` header or a relata.v1 field). */
  readonly reason?: string;
}
