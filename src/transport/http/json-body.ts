// The request body parser: JSON only, refused with a 400 naming the problem when the bytes are
// not UTF-8 (a lenient decoder would substitute U+FFFD, and two different ids could then name
// the same object), when the document nests deeper than the decoders may walk, or when it is not
// JSON. An empty body is the empty message, as grpc-gateway reads it.
import { isUtf8 } from 'node:buffer';
import { ErrorCode, ValidationError } from '../../model/index.js';

/**
 * Deepest accepted nesting of arrays and objects. A model rewrite costs three levels per
 * operator (`{"union":{"child":[…`), so this admits the same few hundred levels as gRPC's limit.
 */
export const maxJsonDepth = 1500;

const openBrace = 0x7b;
const openBracket = 0x5b;
const closeBrace = 0x7d;
const closeBracket = 0x5d;
const quote = 0x22;
const backslash = 0x5c;

/** Whether `bytes` nests deeper than `max` (a scan outside strings, without parsing). */
export function nestsDeeperThan(bytes: Buffer, max: number): boolean {
  // Fewer bytes than the limit cannot open more levels than it.
  if (bytes.length <= max) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (inString) {
      if (b === backslash) i++;
      else if (b === quote) inString = false;
    } else if (b === quote) inString = true;
    else if (b === openBrace || b === openBracket) {
      if (++depth > max) return true;
    } else if (b === closeBrace || b === closeBracket) depth--;
  }
  return false;
}

export function parseJsonBody(bytes: Buffer): unknown {
  if (bytes.length === 0) return {};
  if (!isUtf8(bytes)) throw new ValidationError(ErrorCode.ValidationError, 'invalid request body: not valid UTF-8');
  if (nestsDeeperThan(bytes, maxJsonDepth)) throw new ValidationError(ErrorCode.ValidationError, `invalid request body: JSON nested deeper than ${maxJsonDepth} levels`);
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new ValidationError(ErrorCode.ValidationError, `invalid request body: malformed JSON (${error instanceof Error ? error.message.slice(0, 200) : 'parse error'})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ValidationError(ErrorCode.ValidationError, 'invalid request body: expected a JSON object');
  }
  return value;
}
