// The errors authentication and authorization throw. Their messages are deliberately coarse: a
// caller learns that it was refused, never whether a client id exists, how close a key was or
// which JWT check failed (the precise reason goes to metrics and the debug log via `reason`).
import { ErrorCode, RelataError } from '../model/index.js';

/** Why a credential was refused: the label of the failure counter in /metrics. */
export type AuthFailureReason =
  | 'missing'
  | 'malformed'
  | 'unknown_key'
  | 'bad_secret'
  | 'disabled'
  | 'expired'
  | 'address_not_allowed'
  | 'invalid_token'
  | 'rate_limited'
  | 'forbidden';

export class AuthenticationError extends RelataError {
  readonly reason: AuthFailureReason;

  constructor(reason: AuthFailureReason, message = 'unauthenticated') {
    super(reason === 'missing' ? ErrorCode.BearerTokenMissing : ErrorCode.Unauthenticated, message);
    this.name = 'AuthenticationError';
    this.reason = reason;
  }
}

export class ForbiddenError extends RelataError {
  readonly reason: AuthFailureReason = 'forbidden';

  constructor(message = 'the caller is not allowed to perform this operation') {
    super(ErrorCode.Forbidden, message);
    this.name = 'ForbiddenError';
  }
}

/** Over a rate limit: transports send `retryAfterMs` as a hint (gRPC `retry-after` metadata, HTTP `Retry-After`). */
export class RateLimitedError extends RelataError {
  readonly reason: AuthFailureReason = 'rate_limited';
  readonly retryAfterMs: number;

  constructor(retryAfterMs: number) {
    super(ErrorCode.ThrottledTimeoutError, 'rate limit exceeded: retry later');
    this.name = 'RateLimitedError';
    this.retryAfterMs = Math.max(1, Math.ceil(retryAfterMs));
  }
}
