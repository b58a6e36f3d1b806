// CEL's `matches()` on RE2 semantics (re2js: linear-time matching, no backtracking), so that no
// pattern or input from a request context can make one evaluation run for seconds. Compiled
// patterns are cached, bounded; a pattern that does not compile is an evaluation error whose
// message quotes only a short prefix of it.

import { RE2JS, RE2JSException, RE2JSSyntaxException } from 're2js';
import { shortQuote as quote } from './text-bounds.js';

const CACHE_LIMIT = 512;
/** Longer patterns are compiled each time rather than pinned in memory. */
const MAX_CACHED_PATTERN = 1024;

type Compiled = RE2JS | { readonly error: string };

// Patterns are nearly always literals of the model; patterns from contexts may be endless, so
// the cache is cleared rather than grown when they overflow it.
const cache = new Map<string, Compiled>();

function compile(pattern: string): Compiled {
  let compiled = cache.get(pattern);
  if (compiled === undefined) {
    try {
      compiled = RE2JS.compile(pattern);
    } catch (error) {
      if (!(error instanceof RE2JSException)) throw error;
      // Go's regexp error text (what cel-go reports), quoting the offending part shortened.
      compiled =
        error instanceof RE2JSSyntaxException
          ? { error: `error parsing regexp: ${error.error}: \`${quote(error.input ?? pattern)}\`` }
          : { error: `error compiling regexp \`${quote(pattern)}\`: ${quote(error.message)}` };
    }
    if (pattern.length <= MAX_CACHED_PATTERN) {
      if (cache.size >= CACHE_LIMIT) cache.clear();
      cache.set(pattern, compiled);
    }
  }
  return compiled;
}

/** The `re2` engine for celEnv: `compile(p).test(s)` is an unanchored RE2 search, as in cel-go. */
export const conditionRegex = {
  compile(pattern: string): { test(text: string): boolean } {
    const compiled = compile(pattern);
    if (!(compiled instanceof RE2JS)) throw new Error(compiled.error);
    return compiled;
  },
};
