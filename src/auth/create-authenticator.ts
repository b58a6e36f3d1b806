// The one authenticator every transport uses: the `authorization` header is parsed once, then
// each configured method is asked in turn; the first that claims the bearer decides. With
// `required: false` (method `none`) every call is the full-access `anonymous` principal.
//
// ListStores is a store-less call: it needs `read` on `*`. A caller holding only per-store grants
// is refused rather than shown a filtered list, because filtering pages by grant would change
// what a page and its continuation token mean for OpenFGA clients, and such a caller already
// knows the ids of its stores (GetStore on each works).
import type { Authenticator, AuthMethod, CallCredentials } from './authenticator.js';
import { AuthenticationError, ForbiddenError, RateLimitedError, type AuthFailureReason } from './errors.js';
import { FailureSlowdown, type SlowdownOptions } from './failure-slowdown.js';
import { operationRules, type ApiOperation } from './operations.js';
import { fullAccess, hasScope, type Principal, type PrincipalKind } from './principal.js';

/** Where authentication outcomes are counted (the Prometheus metrics implement it). */
export interface AuthObserver {
  observeAuthFailure(reason: AuthFailureReason): void;
  observeAuthSuccess(kind: PrincipalKind): void;
}

export interface AuthenticatorOptions {
  methods: readonly AuthMethod[];
  /** false = method `none`: no credentials needed, every caller is `anonymous` with full access. */
  required: boolean;
  observer?: AuthObserver;
  slowdown?: Partial<SlowdownOptions>;
  /** Longest `authorization` header accepted, in characters (a JWT with many claims fits in 8 KiB). */
  maxAuthorizationLength?: number;
}

export const defaultMaxAuthorizationLength = 8192;

/** The caller when authentication is off. */
export const anonymousPrincipal: Principal = fullAccess('anonymous', 'anonymous');

// RFC 6750's b64token after a case-insensitive `Bearer` and one or more spaces.
const bearerPattern = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

/** The token of an `authorization: Bearer <token>` header; throws AuthenticationError otherwise. */
export function bearerToken(authorization: string | undefined, maxLength = defaultMaxAuthorizationLength): string {
  if (authorization === undefined || /^(Bearer *)?$/i.test(authorization)) throw new AuthenticationError('missing', 'missing bearer token');
  if (authorization.length > maxLength) throw new AuthenticationError('malformed');
  const match = bearerPattern.exec(authorization);
  if (!match) throw new AuthenticationError('malformed');
  return match[1];
}

export function createAuthenticator(options: AuthenticatorOptions): Authenticator {
  const { methods, required, observer } = options;
  if (required && methods.length === 0) throw new Error('an authenticator that requires credentials needs at least one method');
  const maxLength = options.maxAuthorizationLength ?? defaultMaxAuthorizationLength;
  const slowdown = new FailureSlowdown(options.slowdown);

  const refuse = async (error: unknown, call: CallCredentials): Promise<never> => {
    if (error instanceof RateLimitedError) observer?.observeAuthFailure(error.reason);
    // Only refused credentials slow an address down (a client over its own rate limit is not guessing).
    if (error instanceof AuthenticationError) {
      observer?.observeAuthFailure(error.reason);
      await slowdown.failed(call.peerAddress).catch((limited: unknown) => {
        observer?.observeAuthFailure('rate_limited');
        throw limited;
      });
    }
    throw error;
  };

  const identify = async (call: CallCredentials): Promise<Principal> => {
    const token = bearerToken(call.authorization, maxLength);
    for (const method of methods) {
      const principal = await method.authenticate(token, call);
      if (principal) return principal;
    }
    throw new AuthenticationError('unknown_key');
  };

  return {
    required,
    async authenticate(call) {
      if (!required) return anonymousPrincipal;
      let principal: Principal;
      try {
        principal = await identify(call);
      } catch (error) {
        return refuse(error, call);
      }
      observer?.observeAuthSuccess(principal.kind);
      return principal;
    },
    authorize(principal, operation: ApiOperation, storeId) {
      const rule = operationRules[operation];
      if (hasScope(principal, rule.scope, rule.storeScoped && storeId ? storeId : undefined)) return;
      observer?.observeAuthFailure('forbidden');
      // A global call, or a store-scoped one without a store (ReadAuditRecords of the global
      // chain), touches what no single store owns: only a grant on every store covers it.
      if (!rule.storeScoped || !storeId) {
        throw new ForbiddenError(`${operation}${rule.storeScoped ? ' without a store_id' : ''} needs the '${rule.scope}' scope on every store (store '*')`);
      }
      throw new ForbiddenError();
    },
    async close() {
      await Promise.all(methods.map((method) => method.close?.()));
    },
  };
}
