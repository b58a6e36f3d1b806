// Method `preshared`: a fixed list of keys (RELATA_AUTHN_PRESHARED_KEYS), each granting full
// access. Both sides are hashed to 32 bytes before timingSafeEqual, so neither a key's content nor
// its length shows in the comparison time; every key is compared (no early exit on a match). The
// principal's id is the key's position in the list, never the key.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { AuthMethod } from './authenticator.js';
import { fullAccess, type Principal } from './principal.js';

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

export function createPresharedMethod(keys: readonly string[]): AuthMethod {
  if (keys.length === 0) throw new Error('preshared authentication needs at least one key');
  const known = keys.map((key, index) => ({ digest: digest(key), principal: fullAccess('preshared', String(index)) }));
  return {
    name: 'preshared',
    authenticate: async (bearer) => {
      const presented = digest(bearer);
      let match: Principal | undefined;
      for (const key of known) if (timingSafeEqual(presented, key.digest) && !match) match = key.principal;
      // Not one of ours: the next method may know it (a preshared key has no recognisable shape).
      return match;
    },
  };
}
