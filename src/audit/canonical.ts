// The canonical encoding the hash chain covers: JSON with object keys in code point order at every
// depth, no insignificant whitespace, undefined members dropped, bigints and dates as strings.
// Deterministic across processes and Node versions, so verification recomputes the same bytes.

// Strings are built by concatenation (V8 ropes) rather than pushed and joined: the decision log
// seals every logged decision, so this is its hottest code. Keys are sorted by UTF-16 code units
// (Array#sort's default order, the same as comparing with <).
function encode(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'bigint':
      return `"${value.toString()}"`;
    case 'object':
      break;
    default:
      return 'null';
  }
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i > 0 ? ',' : '') + encode(value[i]);
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const item = record[key];
    if (item === undefined) continue;
    out += `${first ? '' : ','}${JSON.stringify(key)}:${encode(item)}`;
    first = false;
  }
  return `${out}}`;
}

export function canonicalJson(value: unknown): string {
  return encode(value);
}
