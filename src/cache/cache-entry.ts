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
}

/** `1:<revision>:<computedAt>`: short, and parsing it allocates little. */
export function encodeEntry(entry: CacheEntry): string {
  return `${entry.allowed ? 1 : 0}:${entry.revision}:${entry.computedAt}`;
}

/** Returns undefined for anything malformed (another version's format, a corrupted value). */
export function decodeEntry(raw: string): CacheEntry | undefined {
  const parts = raw.split(':');
  if (parts.length !== 3 || (parts[0] !== '0' && parts[0] !== '1')) return undefined;
  if (!/^\d+$/.test(parts[1]) || !/^\d+$/.test(parts[2])) return undefined;
  return { allowed: parts[0] === '1', revision: BigInt(parts[1]), computedAt: Number(parts[2]) };
}
