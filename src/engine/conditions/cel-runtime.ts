// The CEL pieces OpenFGA adds to the standard library, built on @bufbuild/cel: the `IPAddress`
// object type (a tiny protobuf message so that CEL equality and dispatch work on it), its
// `in_cidr(string)` method and the `ipaddress(string)` constructor; plus builders of the protobuf
// Timestamp/Duration values that CEL's timestamp and duration types are. Also replaces the
// standard functions whose @bufbuild/cel implementation is slow on a long context string (`size`
// spreads the string into an array; `int`/`uint` parse any length with BigInt): cel-go charges
// them 1, so they must stay cheap.

import { CelScalar, celFunc, celMethod, celUint, listType, mapType, objectType } from '@bufbuild/cel';
import type { CelFunc, CelObjectType, CelType } from '@bufbuild/cel';
import { create, createFileRegistry } from '@bufbuild/protobuf';
import type { DescMessage, Message, Registry } from '@bufbuild/protobuf';
import { DurationSchema, FileDescriptorProtoSchema, TimestampSchema } from '@bufbuild/protobuf/wkt';
import type { Duration, Timestamp } from '@bufbuild/protobuf/wkt';
import { parseIpAddress, parseIpPrefix, prefixContains } from './ip-address.js';
import type { IpAddress, IpPrefix } from './ip-address.js';
import type { ParamType } from './param-type.js';
import type { EpochTime } from './rfc3339.js';
import { codePoints, shortQuote } from './text-bounds.js';

// FieldDescriptorProto.Type / Label numbers (descriptor.proto).
const TYPE_STRING = 9;
const TYPE_BYTES = 12;
const LABEL_OPTIONAL = 1;

const ipFile = create(FileDescriptorProtoSchema, {
  name: 'relata/conditions/ipaddress.proto',
  syntax: 'proto3',
  messageType: [
    {
      name: 'IPAddress',
      field: [
        { name: 'addr', number: 1, type: TYPE_BYTES, label: LABEL_OPTIONAL, jsonName: 'addr' },
        { name: 'zone', number: 2, type: TYPE_STRING, label: LABEL_OPTIONAL, jsonName: 'zone' },
      ],
    },
  ],
});

/** Registry holding the IPAddress message (the well-known types are added by celEnv). */
export const conditionRegistry: Registry = createFileRegistry(ipFile, () => undefined);

const ipDesc: DescMessage = (() => {
  const desc = conditionRegistry.getMessage('IPAddress');
  if (!desc) throw new Error('IPAddress descriptor missing');
  return desc;
})();

/** OpenFGA names the CEL type `IPAddress` (cel.ObjectType("IPAddress")). */
const IPADDRESS_TYPE: CelObjectType = objectType(ipDesc);
const TIMESTAMP_TYPE: CelObjectType = objectType(TimestampSchema);
const DURATION_TYPE: CelObjectType = objectType(DurationSchema);

/** The CEL type of a declared parameter (`any` is dyn; maps are keyed by string). */
export function celTypeOf(type: ParamType): CelType {
  switch (type.kind) {
    case 'any':
      return CelScalar.DYN;
    case 'bool':
      return CelScalar.BOOL;
    case 'string':
      return CelScalar.STRING;
    case 'int':
      return CelScalar.INT;
    case 'uint':
      return CelScalar.UINT;
    case 'double':
      return CelScalar.DOUBLE;
    case 'duration':
      return DURATION_TYPE;
    case 'timestamp':
      return TIMESTAMP_TYPE;
    case 'ipaddress':
      return IPADDRESS_TYPE;
    case 'list':
      return listType(celTypeOf(type.element));
    case 'map':
      return mapType(CelScalar.STRING, celTypeOf(type.value));
  }
}

interface IpMessageFields {
  addr: Uint8Array;
  zone: string;
}

export function ipAddressValue(address: IpAddress): Message {
  return create(ipDesc, { addr: address.bytes, zone: address.zone });
}

export function timestampValue(time: EpochTime): Timestamp {
  return create(TimestampSchema, { seconds: time.seconds, nanos: time.nanos });
}

/** A duration of `nanos` nanoseconds; protobuf wants seconds and nanos with the same sign. */
export function durationValue(nanos: bigint): Duration {
  return create(DurationSchema, { seconds: nanos / 1_000_000_000n, nanos: Number(nanos % 1_000_000_000n) });
}

// CIDRs are nearly always literals of the model, so a small cache removes reparsing from the
// hot path; it is cleared rather than evicted when a caller feeds many distinct strings.
const prefixCache = new Map<string, IpPrefix | null>();
const PREFIX_CACHE_LIMIT = 1024;
/** Longer than any CIDR (a prefix has no zone): refused unparsed, never cached. */
const MAX_CIDR_LENGTH = 64;

function cachedPrefix(cidr: string): IpPrefix | null {
  if (cidr.length > MAX_CIDR_LENGTH) return null;
  let prefix = prefixCache.get(cidr);
  if (prefix === undefined) {
    prefix = parseIpPrefix(cidr) ?? null;
    if (prefixCache.size >= PREFIX_CACHE_LIMIT) prefixCache.clear();
    prefixCache.set(cidr, prefix);
  }
  return prefix;
}

/** Functions added to CEL's standard library for every condition. */
export const conditionFunctions: readonly CelFunc[] = [
  celMethod('in_cidr', IPADDRESS_TYPE, [CelScalar.STRING], CelScalar.BOOL, function (cidr: string) {
    const prefix = cachedPrefix(cidr);
    if (!prefix) throw new Error(`'${shortQuote(cidr)}' is a malformed CIDR string`);
    const fields = this.message as unknown as IpMessageFields;
    return prefixContains(prefix, { bytes: fields.addr, zone: fields.zone });
  }),
  celFunc('ipaddress', [CelScalar.STRING], IPADDRESS_TYPE, (text: string) => {
    const address = parseIpAddress(text);
    if (!address) throw new Error(`ParseAddr("${shortQuote(text)}"): unable to parse IP`);
    return ipAddressValue(address);
  }),
  celFunc('size', [CelScalar.STRING], CelScalar.INT, (text: string) => BigInt(codePoints(text))),
  celMethod('size', CelScalar.STRING, [], CelScalar.INT, function () {
    return BigInt(codePoints(this));
  }),
  celFunc('int', [CelScalar.STRING], CelScalar.INT, (text: string) => parseDecimal(text, true)),
  celFunc('uint', [CelScalar.STRING], CelScalar.UINT, (text: string) => celUint(parseDecimal(text, false))),
  celFunc('double', [CelScalar.STRING], CelScalar.DOUBLE, cachedDouble),
];

// Number() of a long digit string costs milliseconds; an expression that converts the same context
// string again and again parses it once.
const recentDoubles = new Map<string, number>();
const RECENT_DOUBLES = 8;

/** @bufbuild/cel's double(string) (Number), remembered for the last few long strings. */
function cachedDouble(text: string): number {
  if (text.length < 64) return Number(text);
  let value = recentDoubles.get(text);
  if (value === undefined) {
    value = Number(text);
    if (recentDoubles.size >= RECENT_DOUBLES) recentDoubles.clear();
    recentDoubles.set(text, value);
  }
  return value;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/**
 * cel-go's string -> int/uint: Go's strconv.ParseInt / ParseUint in base 10 (an optional sign for
 * int only, decimal digits only), checked for range without converting a long digit string.
 */
function parseDecimal(text: string, signed: boolean): bigint {
  const fn = signed ? 'ParseInt' : 'ParseUint';
  const syntax = signed ? /^[+-]?\d+$/ : /^\d+$/;
  if (!syntax.test(text)) throw new Error(`strconv.${fn}: parsing "${shortQuote(text)}": invalid syntax`);
  const sign = text[0] === '-' || text[0] === '+' ? 1 : 0;
  let first = sign;
  while (first < text.length - 1 && text[first] === '0') first += 1;
  // 20 digits exceed both ranges; only shorter digit strings are converted.
  const value = text.length - first > 20 ? undefined : BigInt(text.slice(0, sign) + text.slice(first));
  if (value === undefined || value < (signed ? INT64_MIN : 0n) || value > (signed ? INT64_MAX : UINT64_MAX)) {
    throw new Error(`strconv.${fn}: parsing "${shortQuote(text)}": value out of range`);
  }
  return value;
}
