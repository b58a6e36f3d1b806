// Converts a JSON context value to the CEL value of a declared parameter type, with OpenFGA's
// rules: numbers may also come as numeric strings, ints must be whole and in range, timestamps are
// RFC 3339 strings, durations Go duration strings, ipaddresses address strings; lists and maps
// convert element-wise. A wrong value throws ConversionError naming what was expected.

import { celUint } from '@bufbuild/cel';
import type { CelInput } from '@bufbuild/cel';
import { durationValue, ipAddressValue, timestampValue } from './cel-runtime.js';
import { parseGoDuration } from './go-duration.js';
import { parseIpAddress } from './ip-address.js';
import type { ParamType } from './param-type.js';
import { parseRfc3339 } from './rfc3339.js';
import { shortQuote } from './text-bounds.js';

export class ConversionError extends Error {
  /** What was wrong, without the position. */
  readonly detail: string;
  /** Where inside a list/map value, e.g. `[2]['home']`; '' for the value itself. */
  readonly path: string;

  /** Both quote context values and keys, so both are cut to a short prefix. */
  constructor(detail: string, path = '') {
    const shortDetail = shortQuote(detail, 160);
    const shortPath = shortQuote(path, 96);
    super(shortPath ? `${shortPath}: ${shortDetail}` : shortDetail);
    this.detail = shortDetail;
    this.path = shortPath;
  }
}

const MIN_INT64 = -(1n << 63n);
const MAX_INT64 = (1n << 63n) - 1n;
const MAX_UINT64 = (1n << 64n) - 1n;
const INTEGER_TEXT = /^[+-]?\d+$/;
const DECIMAL_TEXT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'object') return 'map';
  return typeof value === 'string' ? `string '${value}'` : `${typeof value} '${String(value)}'`;
}

/**
 * BigInt of a decimal digit string; past 20 significant digits (beyond any int64/uint64) a
 * stand-in just past the range, so that a context cannot make us convert thousands of digits.
 */
function boundedBigInt(text: string): bigint {
  const sign = text[0] === '-' || text[0] === '+' ? 1 : 0;
  let first = sign;
  while (first < text.length - 1 && text[first] === '0') first += 1;
  if (text.length - first <= 20) return BigInt(text.slice(0, sign) + text.slice(first));
  return text[0] === '-' ? -(MAX_UINT64 + 1n) : MAX_UINT64 + 1n;
}

/** A whole number from a JSON number or numeric string, or undefined when it is not whole. */
function wholeNumber(value: number | string, expected: string): bigint | undefined {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new ConversionError(`expected ${expected} value, but found numeric value '${value}'`);
    return Number.isInteger(value) ? BigInt(value) : undefined;
  }
  if (INTEGER_TEXT.test(value)) return boundedBigInt(value);
  if (!DECIMAL_TEXT.test(value)) throw new ConversionError(`expected ${expected} value, but found invalid string value '${value}'`);
  const parsed = Number(value);
  if (!Number.isFinite(parsed)) throw new ConversionError(`expected ${expected} value, but found numeric value '${value}'`);
  return Number.isInteger(parsed) ? BigInt(parsed) : undefined;
}

function toInt(value: unknown): bigint {
  if (typeof value !== 'number' && typeof value !== 'string') throw new ConversionError(`expected an int value, but found ${describe(value)}`);
  const whole = wholeNumber(value, 'an int');
  if (whole === undefined) throw new ConversionError(`expected an int value, but found numeric value '${value}'`);
  if (whole < MIN_INT64 || whole > MAX_INT64) throw new ConversionError(`expected an int value, but found out of range value '${value}'`);
  return whole;
}

function toUint(value: unknown): bigint {
  if (typeof value !== 'number' && typeof value !== 'string') throw new ConversionError(`expected a uint value, but found ${describe(value)}`);
  const whole = wholeNumber(value, 'a uint');
  if (whole === undefined) throw new ConversionError(`expected a uint value, but found numeric value '${value}'`);
  if (whole < 0n || whole > MAX_UINT64) throw new ConversionError(`expected a uint value, but found out of range value '${value}'`);
  return whole;
}

function toDouble(value: unknown): number {
  let parsed: number;
  if (typeof value === 'number') parsed = value;
  else if (typeof value === 'string') {
    if (!DECIMAL_TEXT.test(value)) throw new ConversionError(`expected a double value, but found invalid string value '${value}'`);
    parsed = Number(value);
  } else throw new ConversionError(`expected a double value, but found ${describe(value)}`);
  // JSON cannot carry infinities: a literal beyond float64 range is a client error, not +Inf.
  if (!Number.isFinite(parsed)) throw new ConversionError(`expected a double value, but found out of range value '${value}'`);
  return parsed;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Any JSON value as CEL sees it: numbers are doubles, objects are maps. */
function toDynamic(value: unknown): CelInput {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (!Number.isFinite(value)) throw new ConversionError(`expected a JSON value, but found number '${value}'`);
      return value;
    case 'object': {
      if (value === null) return null;
      if (Array.isArray(value)) return value.map(toDynamic);
      const map = new Map<string, CelInput>();
      for (const [key, item] of Object.entries(value)) map.set(key, toDynamic(item));
      return map;
    }
    default:
      throw new ConversionError(`expected a JSON value, but found ${typeof value}`);
  }
}

export function convertParamValue(type: ParamType, value: unknown): CelInput {
  switch (type.kind) {
    case 'any':
      return toDynamic(value);
    case 'bool':
      if (typeof value !== 'boolean') throw new ConversionError(`expected a bool value, but found ${describe(value)}`);
      return value;
    case 'string':
      if (typeof value !== 'string') throw new ConversionError(`expected a string value, but found ${describe(value)}`);
      return value;
    case 'int':
      return toInt(value);
    case 'uint':
      return celUint(toUint(value));
    case 'double':
      return toDouble(value);
    case 'duration': {
      if (typeof value !== 'string') throw new ConversionError(`expected a duration string, but found ${describe(value)}`);
      const nanos = parseGoDuration(value);
      if (nanos === undefined) throw new ConversionError(`expected a valid duration string, but found: '${value}'`);
      return durationValue(nanos);
    }
    case 'timestamp': {
      if (typeof value !== 'string') throw new ConversionError(`expected RFC 3339 formatted timestamp string, but found ${describe(value)}`);
      const time = parseRfc3339(value);
      if (!time) throw new ConversionError(`expected RFC 3339 formatted timestamp string, but found '${value}'`);
      return timestampValue(time);
    }
    case 'ipaddress': {
      if (typeof value !== 'string') throw new ConversionError(`expected an ipaddress string, but found ${describe(value)}`);
      const address = parseIpAddress(value);
      if (!address) throw new ConversionError(`expected a well-formed IP address, but found: '${value}'`);
      return ipAddressValue(address);
    }
    case 'list': {
      if (!Array.isArray(value)) throw new ConversionError(`expected a list value, but found ${describe(value)}`);
      const element = type.element;
      return value.map((item, index) => convertNested(element, item, `[${index}]`));
    }
    case 'map': {
      if (!isPlainObject(value)) throw new ConversionError(`expected a map value, but found ${describe(value)}`);
      const map = new Map<string, CelInput>();
      for (const [key, item] of Object.entries(value)) map.set(key, convertNested(type.value, item, `['${key}']`));
      return map;
    }
  }
}

// Prefixes the element's position so that a message points at e.g. `ips[2]`.
function convertNested(type: ParamType, value: unknown, position: string): CelInput {
  try {
    return convertParamValue(type, value);
  } catch (error) {
    if (error instanceof ConversionError) throw new ConversionError(error.detail, position + error.path);
    throw error;
  }
}
