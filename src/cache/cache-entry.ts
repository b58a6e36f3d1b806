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
   * Epoch ms of the earliest expiry among the tuples the evaluation read: from then on the entry
   * is never served (and its TTL in L1 and Redis ends there). Absent = nothing read expires.
   */
  expiresAt?: number;
}

/** Whether the entry is still valid at `nowMs` as far as expiring grants go. */
export function isUnexpired(entry: { expiresAt?: number }, nowMs: number): boolean {
  return entry.expiresAt === undefined || entry.expiresAt > nowMs;
}

/** The entry's lifetime from `nowMs`: `ttlMs`, capped by its expiry (<= 0 = do not store it). */
export function cappedTtl(entry: CacheEntry, ttlMs: number, nowMs: number): number {
  return entry.expiresAt === undefined ? ttlMs : Math.min(ttlMs, entry.expiresAt - nowMs);
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
  // Times are epoch ms (at most 16 digits); revisions may be any size.
  if (!/^\d+$/.test(parts[1]) || !parts.slice(2).every((part) => /^\d{1,16}$/.test(part))) return undefined;
  const entry: CacheEntry = { allowed: parts[0] === '1', revision: BigInt(parts[1]), computedAt: Number(parts[2]) };
  if (parts.length === 4) entry.expiresAt = Number(parts[3]);
  return entry;
}
