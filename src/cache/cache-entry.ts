// A cached decision and its wire form in Redis.

export interface CacheEntry {
  allowed: boolean;
  /**
   * A store revision the evaluation saw at least: every change up to it was visible to the
   * reads. An entry is stale once its relation, or its relation on its object (the key's
   * object), is invalidated at a later revision, and never serves a request whose consistency
   * token is newer.
   */
  revision: bigint;
  /** Epoch ms when the evaluation started; bounds staleness when invalidations are unknown. */
  computedAt: number;
  /**
   * Epoch ms from which the answer may no longer hold: the earliest expiry of a tuple it rested
   * on (tuple expiry, migration 006). Nothing sets it yet; when set, the entry is never served
   * from that time on, whatever the invalidation state says.
   */
  expiresAt?: number;
}

/** `1:<revision>:<computedAt>[:<expiresAt>]`: short, and parsing it allocates little. */
export function encodeEntry(entry: CacheEntry): string {
  const base = `${entry.allowed ? 1 : 0}:${entry.revision}:${entry.computedAt}`;
  return entry.expiresAt === undefined ? base : `${base}:${entry.expiresAt}`;
}

/** Returns undefined for anything malformed (another version's format, a corrupted value). */
export function decodeEntry(raw: string): CacheEntry | undefined {
  const parts = raw.split(':');
  if ((parts.length !== 3 && parts.length !== 4) || (parts[0] !== '0' && parts[0] !== '1')) return undefined;
  if (!parts.slice(1).every((part) => /^\d+$/.test(part))) return undefined;
  const entry: CacheEntry = { allowed: parts[0] === '1', revision: BigInt(parts[1]), computedAt: Number(parts[2]) };
  if (parts.length === 4) entry.expiresAt = Number(parts[3]);
  return entry;
}
