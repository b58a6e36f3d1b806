// An API client's stored scopes as a Principal. Unknown scope names (a newer version's, or a hand-
// edited row) grant nothing rather than failing the client.
import type { Principal, Scope } from '../principal.js';
import { scopeNames } from '../principal.js';

const known: ReadonlySet<string> = new Set(scopeNames);

export function clientPrincipal(clientId: string, scopes: Record<string, string[]>): Principal {
  const map = new Map<string, ReadonlySet<Scope>>();
  for (const [store, names] of Object.entries(scopes)) {
    const granted = new Set(names.filter((name): name is Scope => known.has(name)));
    if (granted.size > 0) map.set(store, granted);
  }
  return { kind: 'client', id: clientId, scopes: map };
}
