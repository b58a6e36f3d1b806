// Duration strings in Go's time.ParseDuration syntax ("1h30m", "-1.5h", "300ms"), which is what
// OpenFGA accepts for `duration` parameters. Exact: computed in bigint nanoseconds.

const NANOS_PER_UNIT: Record<string, bigint> = {
  ns: 1n,
  us: 1_000n,
  'µs': 1_000n, // U+00B5 micro sign
  'μs': 1_000n, // U+03BC Greek mu
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};

const MAX_INT64 = (1n << 63n) - 1n;

// One `<number><unit>` element; the units are tried longest first so that "ms" is not read as "m".
const ELEMENT = /^(\d*)(?:\.(\d*))?(ns|us|µs|μs|ms|s|m|h)/;

/** Parses a Go duration; returns its length in nanoseconds, or undefined when malformed or out of int64 range. */
export function parseGoDuration(text: string): bigint | undefined {
  let rest = text;
  let negative = false;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    negative = rest.startsWith('-');
    rest = rest.slice(1);
  }
  if (rest === '0') return 0n;
  if (rest === '') return undefined;
  let total = 0n;
  while (rest !== '') {
    const match = ELEMENT.exec(rest);
    if (!match) return undefined;
    const [element, whole = '', fraction = '', unit = ''] = match;
    if (whole === '' && fraction === '') return undefined;
    const scale = NANOS_PER_UNIT[unit]!;
    // More than 20 digits overflow int64 in any unit; fraction digits past 20 are below a
    // nanosecond (Go also stops reading them), so long digit runs are never converted whole.
    const digits = whole.replace(/^0+(?=\d)/, '');
    if (digits.length > 20) return undefined;
    let value = BigInt(digits === '' ? '0' : digits) * scale;
    const kept = fraction.slice(0, 20);
    if (kept !== '') value += (BigInt(kept) * scale) / 10n ** BigInt(kept.length);
    total += value;
    if (total > MAX_INT64 + (negative ? 1n : 0n)) return undefined;
    rest = rest.slice(element.length);
  }
  return negative ? -total : total;
}
