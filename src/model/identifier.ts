// The text rules every caller-chosen identifier obeys (object ids, types, relations, users,
// condition names, context keys), and the one way an error message may quote caller input.
//
// OpenFGA's API patterns say nothing about control characters, but no identifier OpenFGA's
// language accepts contains one (object ids are `[a-zA-Z0-9_|*@.+/-]`), PostgreSQL cannot store
// NUL in text, and a newline or NUL in an id is a log-forging and truncation hazard. So every
// Unicode control character (Cc: C0 incl. NUL, DEL, C1) is refused. A lone surrogate cannot be
// encoded as UTF-8 (it would become U+FFFD, making two ids equal), so it is refused as well.

/** How many characters of an input an error message quotes before eliding the rest. */
const PREVIEW_LENGTH = 64;

const controlOrLoneSurrogate = /[\p{Cc}\p{Cs}]/u;
const control = /\p{Cc}/u;

/** Why `value` cannot be an identifier whatever its pattern, or undefined when it can. */
export function identifierTextProblem(value: string): string | undefined {
  const match = controlOrLoneSurrogate.exec(value);
  if (!match) return undefined;
  return control.test(match[0]) ? 'must not contain control characters' : 'must be well-formed Unicode (no lone surrogates)';
}

/** Length in Unicode code points, as OpenFGA's patterns (`{1,50}`) count. */
export function codePointLength(value: string): number {
  let n = 0;
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    // A high surrogate followed by a low one is a single code point.
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < value.length) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** Length of the UTF-8 encoding, as OpenFGA's `max_bytes` counts (a lone surrogate counts 3, as U+FFFD). */
export function utf8Length(value: string): number {
  let n = 0;
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    if (unit < 0x80) n += 1;
    else if (unit < 0x800) n += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < value.length && (value.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/**
 * Caller input as an error message may show it: at most `max` code points, control characters
 * and lone surrogates escaped (`\u0000`), and `…(N more)` when cut, so that neither a 64 KiB id
 * nor a NUL ends up in a response or a log line.
 */
export function preview(value: unknown, max = PREVIEW_LENGTH): string {
  const text = typeof value === 'string' ? value : String(value);
  let out = '';
  let count = 0;
  let i = 0;
  for (; i < text.length && count < max; count++) {
    const point = text.codePointAt(i) ?? 0;
    const char = String.fromCodePoint(point);
    i += char.length;
    out += controlOrLoneSurrogate.test(char) ? `\\u${point.toString(16).padStart(4, '0')}` : char;
  }
  if (i >= text.length) return out;
  return `${out}…(${codePointLength(text.slice(i))} more)`;
}

const loneSurrogate = /\p{Cs}/u;

/**
 * Why a JSON value (a tuple's condition context) cannot be stored, or undefined: PostgreSQL's
 * jsonb refuses U+0000 and lone surrogates in keys and strings, which must be the caller's
 * INVALID_ARGUMENT rather than a driver error. Walks iteratively, so depth cannot overflow.
 */
export function jsonTextProblem(value: unknown): string | undefined {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node === 'string') {
      if (node.includes('\u0000') || loneSurrogate.test(node)) return 'must not contain NUL characters or lone surrogates';
    } else if (Array.isArray(node)) {
      for (const item of node as unknown[]) stack.push(item);
    } else if (typeof node === 'object' && node !== null) {
      for (const [key, item] of Object.entries(node)) {
        stack.push(key, item);
      }
    }
  }
  return undefined;
}
