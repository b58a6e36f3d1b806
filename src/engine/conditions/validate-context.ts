// Validation of condition contexts that come from clients (a request's `context`, a written
// tuple's `condition.context`): a JSON object of bounded size and depth. Run once at the edge of
// a request, so that evaluation can trust the shape.

import { ErrorCode, ValidationError, identifierTextProblem, preview } from '../../model/index.js';
import type { ContextObject } from './evaluate.js';

export interface ContextLimits {
  /** Upper bound of the context's JSON encoding, in bytes (UTF-16 code units, approximately bytes). */
  maxBytes: number;
  /** Deepest nesting of lists/objects; the context object itself is depth 1. */
  maxDepth: number;
  /** Upper bound of object keys plus list items, at every depth (no bound when absent). */
  maxEntries?: number;
}

/** OpenFGA limits a written tuple's condition context to 32 KiB (DefaultWriteContextByteLimit). */
export const tupleContextLimits: ContextLimits = { maxBytes: 32 * 1024, maxDepth: 32, maxEntries: 10_000 };

/**
 * A request's context (the defaults of RELATA_MAX_CONTEXT_BYTES / RELATA_MAX_CONTEXT_ENTRIES):
 * larger than a tuple's, still far below anything that hurts the server. More entries would not
 * help a condition anyway: OpenFGA's evaluation cost limit (100) stops `x in list` on a list of
 * about a hundred items.
 */
export const requestContextLimits: ContextLimits = { maxBytes: 256 * 1024, maxDepth: 32, maxEntries: 10_000 };

const MAX_QUOTED_KEY = 32;
const MAX_QUOTED_PATH = 100;

/** `path.key`, with long keys and paths shortened: messages quote only a prefix of caller input. */
function childPath(path: string, key: string): string {
  if (path.length >= MAX_QUOTED_PATH) return path;
  return `${path}.${key.length <= MAX_QUOTED_KEY ? key : `${key.slice(0, MAX_QUOTED_KEY)}…`}`;
}

function invalid(field: string, reason: string): ValidationError {
  return new ValidationError(ErrorCode.ValidationError, `invalid '${field}': ${reason}`);
}

/** A key is a parameter name: no control characters, no lone surrogates; paths quote it short. */
function checkedKey(field: string, path: string, key: string): string {
  const problem = identifierTextProblem(key);
  if (problem) throw invalid(field, `key '${preview(key)}' at ${path} ${problem}`);
  return preview(key, 32);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Returns the context when it is absent (undefined/null -> undefined) or a JSON object within
 * `limits`; otherwise throws ValidationError(ErrorCode.ValidationError) naming `field` (e.g.
 * `context` or `tuple_key.condition.context`) and the offending path inside it.
 */
export function validateContext(value: unknown, field: string, limits: ContextLimits = requestContextLimits): ContextObject | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isPlainObject(value)) throw invalid(field, `must be an object, found ${Array.isArray(value) ? 'a list' : typeof value}`);
  let bytes = 0;
  let entries = 0;
  const maxEntries = limits.maxEntries ?? Infinity;
  const add = (n: number, path: string): void => {
    bytes += n;
    if (bytes > limits.maxBytes) throw invalid(field, `context size limit exceeded: more than ${limits.maxBytes} bytes (at ${path})`);
  };
  const entry = (path: string): void => {
    entries += 1;
    if (entries > maxEntries) throw invalid(field, `context size limit exceeded: more than ${maxEntries} keys and list items (at ${path})`);
  };
  const walk = (node: unknown, path: string, depth: number): void => {
    switch (typeof node) {
      case 'string':
        add(node.length + 2, path);
        return;
      case 'boolean':
        add(5, path);
        return;
      case 'number':
        if (!Number.isFinite(node)) throw invalid(field, `${path} is not a finite number`);
        add(String(node).length, path);
        return;
      case 'object': {
        if (node === null) {
          add(4, path);
          return;
        }
        if (depth >= limits.maxDepth) throw invalid(field, `nested deeper than ${limits.maxDepth} levels at ${path}`);
        if (Array.isArray(node)) {
          add(2, path);
          node.forEach((item, index) => {
            add(1, path);
            entry(path);
            walk(item, path.length >= MAX_QUOTED_PATH ? path : `${path}[${index}]`, depth + 1);
          });
          return;
        }
        if (!isPlainObject(node)) throw invalid(field, `${path} is not a JSON value`);
        add(2, path);
        for (const [key, item] of Object.entries(node)) {
          add(key.length + 4, path);
          entry(path);
          walk(item, childPath(path, checkedKey(field, path, key)), depth + 1);
        }
        return;
      }
      default:
        throw invalid(field, `${path} is not a JSON value (${typeof node})`);
    }
  };
  add(2, field);
  for (const [key, item] of Object.entries(value)) {
    add(key.length + 4, field);
    entry(field);
    walk(item, childPath(field, checkedKey(field, field, key)), 1);
  }
  return value;
}
