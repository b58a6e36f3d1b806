// The contract between transports and authentication. A transport builds a `CallCredentials` from
// its request (gRPC metadata, HTTP headers, the socket's peer), asks `authenticate` for the
// principal, then `authorize` for the operation; both throw a RelataError (Unauthenticated,
// Forbidden, ThrottledTimeoutError for rate limits) that the transport maps like any other.
import type { ApiOperation } from './operations.js';
import type { Principal } from './principal.js';

export interface CallCredentials {
  /** The `authorization` header as sent (e.g. `Bearer …`), if any. */
  readonly authorization: string | undefined;
  /** The peer's IP address (IPv4, IPv6, or IPv4-mapped IPv6 as the socket reports it). */
  readonly peerAddress: string;
}

/** One way of proving identity (preshared keys, API clients, OIDC JWT). */
export interface AuthMethod {
  readonly name: 'preshared' | 'clients' | 'oidc';
  /**
   * The principal for `bearer`, undefined when the credential is not of this method's kind (so
   * the next method may try it); throws a RelataError when it is this method's and is refused.
   */
  authenticate(bearer: string, call: CallCredentials): Promise<Principal | undefined>;
  close?(): Promise<void>;
}

export interface Authenticator {
  /** Whether calls need credentials at all (false = method `none`: everyone is `anonymous`). */
  readonly required: boolean;
  authenticate(call: CallCredentials): Promise<Principal>;
  /** Throws Forbidden unless `principal` may run `operation` on `storeId`. */
  authorize(principal: Principal, operation: ApiOperation, storeId: string | undefined): void;
  close(): Promise<void>;
}
