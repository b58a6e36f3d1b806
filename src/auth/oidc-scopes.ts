// How a JWT's scope claim becomes store scopes. The claim is a space-separated string (OAuth's
// `scope`) or an array of strings (`scp`, `roles`, ... in some identity providers). Relata reads
// only entries in its own namespace, so the claim can carry other APIs' scopes too:
//   relata:<scope>                    <scope> on every store (and the store-less calls)
//   relata:store:<store-id>:<scope>   <scope> on that store only
// <scope> is check | read | write | model | admin. Colons split unambiguously because store ids
// are ULIDs; anything else in the namespace is ignored rather than refused, so a provider
// adding a scope never locks callers out.
import { anyStore, scopeNames, type Scope } from './principal.js';

const prefix = 'relata:';
/** Entries read from one claim: a token with more is not Relata's to grant that much. */
export const maxScopeEntries = 256;

const isScope = (value: string): value is Scope => (scopeNames as readonly string[]).includes(value);

function entriesOf(claim: unknown): string[] {
  if (typeof claim === 'string') return claim.split(' ');
  if (Array.isArray(claim)) return claim.filter((item): item is string => typeof item === 'string');
  return [];
}

export function scopesFromClaim(claim: unknown): Map<string, Set<Scope>> {
  const scopes = new Map<string, Set<Scope>>();
  const grant = (store: string, scope: Scope): void => {
    let set = scopes.get(store);
    if (!set) scopes.set(store, (set = new Set()));
    set.add(scope);
  };
  for (const entry of entriesOf(claim).slice(0, maxScopeEntries)) {
    if (!entry.startsWith(prefix)) continue;
    const parts = entry.slice(prefix.length).split(':');
    if (parts.length === 1 && isScope(parts[0])) grant(anyStore, parts[0]);
    else if (parts.length === 3 && parts[0] === 'store' && parts[1] !== '' && parts[1] !== anyStore && isScope(parts[2])) grant(parts[1], parts[2]);
  }
  return scopes;
}
