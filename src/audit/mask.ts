// Masking of sensitive request context before it is stored: every value under a configured key
// (RELATA_AUDIT_MASK_KEYS, matched case-insensitively at any depth) becomes "***".

export const maskedValue = '***';

export type Masker = (value: unknown) => unknown;

export function createMasker(keys: readonly string[]): Masker {
  const masked = new Set(keys.map((k) => k.toLowerCase()));
  const mask = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(mask);
    if (value === null || typeof value !== 'object' || value instanceof Date) return value;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      // defineProperty: a key named __proto__ stays an own key, never the prototype.
      Object.defineProperty(out, key, { value: masked.has(key.toLowerCase()) ? maskedValue : mask(item), enumerable: true, writable: true, configurable: true });
    }
    return out;
  };
  return masked.size === 0 ? (value) => value : mask;
}
