// Statement parameters in the text form PostgreSQL parses, for the arrays the hot statements bind
// (ids, types, relations: flat arrays of strings and booleans). pg's own encoder runs two regular
// expressions and a type dispatch per element; this one checks each string once and copies it
// as it is when it holds neither quote nor backslash, which ids almost never do. The output is
// the same text as pg's (pg-params.test.ts holds it to that), so PostgreSQL sees no difference.
const needsEscape = /["\\]/;
const escapable = /["\\]/g;

/** One element as pg quotes it: every element quoted, `"` and `\` escaped with `\`. */
function quoted(value: string): string {
  return needsEscape.test(value) ? `"${value.replace(escapable, '\\$&')}"` : `"${value}"`;
}

/**
 * A flat array of strings, numbers, booleans and nulls as an array literal (`{"a","b",NULL}`);
 * undefined for anything else (nested arrays, buffers, dates, objects), left to pg.
 */
export function arrayLiteral(values: readonly unknown[]): string | undefined {
  let text = '{';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) text += ',';
    const value = values[i];
    if (typeof value === 'string') text += quoted(value);
    else if (value === null || value === undefined) text += 'NULL';
    else if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') text += `"${String(value)}"`;
    else return undefined;
  }
  return `${text}}`;
}

/** The parameters with their flat arrays pre-encoded (a new array; the caller's is not touched). */
export function encodeParams(params: readonly unknown[]): unknown[] {
  const encoded = new Array<unknown>(params.length);
  for (let i = 0; i < params.length; i++) {
    const value = params[i];
    encoded[i] = Array.isArray(value) ? (arrayLiteral(value) ?? value) : value;
  }
  return encoded;
}
