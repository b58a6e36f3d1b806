// The canonical encoding the hash chain covers: JSON with object keys in code point order at every
// depth, no insignificant whitespace, undefined members dropped, bigints and dates as strings.
// Deterministic across processes and Node versions, so verification recomputes the same bytes.

function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function encode(value: unknown, out: string[]): void {
  if (value === null || value === undefined) {
    out.push('null');
  } else if (typeof value === 'string' || typeof value === 'boolean') {
    out.push(JSON.stringify(value));
  } else if (typeof value === 'number') {
    out.push(Number.isFinite(value) ? JSON.stringify(value) : 'null');
  } else if (typeof value === 'bigint') {
    out.push(JSON.stringify(value.toString()));
  } else if (value instanceof Date) {
    out.push(JSON.stringify(value.toISOString()));
  } else if (Array.isArray(value)) {
    out.push('[');
    value.forEach((item, i) => {
      if (i > 0) out.push(',');
      encode(item, out);
    });
    out.push(']');
  } else if (typeof value === 'object') {
    const keys = Object.keys(value).filter((k) => (value as Record<string, unknown>)[k] !== undefined).sort(compareCodePoints);
    out.push('{');
    keys.forEach((key, i) => {
      if (i > 0) out.push(',');
      out.push(JSON.stringify(key), ':');
      encode((value as Record<string, unknown>)[key], out);
    });
    out.push('}');
  } else {
    out.push('null');
  }
}

export function canonicalJson(value: unknown): string {
  const out: string[] = [];
  encode(value, out);
  return out.join('');
}
