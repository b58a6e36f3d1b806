// Who is calling: the principal an authentication method vouched for, and what it may do per store.
// Transports authenticate before the service sees a request; the service receives the principal as
// the request's actor (for the audit trail) and never authenticates anything itself.

/** What a caller may do in a store (issue 15's table; `operations.ts` maps each RPC to one). */
export const scopeNames = ['check', 'read', 'write', 'model', 'admin'] as const;
export type Scope = (typeof scopeNames)[number];

/** A grant's store: a store id, or `*` for every store (and for the store-less admin calls). */
export const anyStore = '*';

/** `cli`: the local operator of a command run against the datastore directly (never authenticated by a server). */
export type PrincipalKind = 'anonymous' | 'preshared' | 'client' | 'oidc' | 'cli';

export interface Principal {
  readonly kind: PrincipalKind;
  /** Stable id of the caller within its kind: the API client's id, the JWT's sub/client_id/azp, the preshared key's index. */
  readonly id: string;
  /** Scopes by store id (`*` = every store). */
  readonly scopes: ReadonlyMap<string, ReadonlySet<Scope>>;
}

const allScopes: ReadonlySet<Scope> = new Set(scopeNames);

/** Full access: what `none` (on loopback) and a preshared key grant. */
export function fullAccess(kind: 'anonymous' | 'preshared', id: string): Principal {
  return { kind, id, scopes: new Map([[anyStore, allScopes]]) };
}

/** Whether `principal` holds `scope` on `storeId` (undefined = a store-less call: only `*` grants count). */
export function hasScope(principal: Principal, scope: Scope, storeId: string | undefined): boolean {
  if (principal.scopes.get(anyStore)?.has(scope)) return true;
  return storeId !== undefined && storeId !== anyStore && (principal.scopes.get(storeId)?.has(scope) ?? false);
}
