// Linear-time helpers for strings from request contexts: their size in code points (CEL's string
// size) without materialising an array, and a short quote of them for error messages.

const SURROGATE_PAIR = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g;

/** Code points of `text`: a surrogate pair counts once, as CEL (and cel-go) count a string's size. */
export function codePoints(text: string): number {
  const pairs = text.match(SURROGATE_PAIR);
  return text.length - (pairs ? pairs.length : 0);
}

/** At most `max` UTF-16 units of caller input, marked when cut. */
export function shortQuote(text: string, max = 64): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}
