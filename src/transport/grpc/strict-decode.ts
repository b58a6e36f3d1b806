// Request decoding that refuses what Go's protobuf (OpenFGA's) refuses at unmarshal, instead of
// protobufjs's lenient defaults: a string field with invalid UTF-8 (protobufjs would substitute
// U+FFFD, so two different ids could decode to the same string and one grant answer for another)
// and nesting past a fixed depth (protobufjs's default of 100 refuses a legitimate model with
// rewrites 100 deep; no limit would overflow the JS stack). grpc-js turns a throwing deserializer
// into INTERNAL, so a failure is returned as a marked value and raised as a typed
// ValidationError by the call frame (call.ts).
import { isUtf8 } from 'node:buffer';
import type { PackageDefinition } from '@grpc/proto-loader';
import protobuf from 'protobufjs';
import { ErrorCode, ValidationError } from '../../model/index.js';

/**
 * Deepest accepted message nesting. Go's default is 10000, which decode + toObject cannot reach
 * on Node's default stack (it overflows near 6000); 1000 keeps a wide margin for the code that
 * walks the decoded values and still admits rewrites a few hundred levels deep.
 */
export const maxMessageDepth = 1000;

// protobufjs keeps its limits as process-wide settings, read by every generated decoder and
// toObject; raising them only widens what already decoded.
protobuf.util.recursionLimit = maxMessageDepth;
protobuf.Reader.recursionLimit = maxMessageDepth;

class InvalidUtf8Error extends Error {}

function validUtf8(bytes: Buffer, start: number, end: number): string {
  const slice = bytes.subarray(start, end);
  if (!isUtf8(slice)) throw new InvalidUtf8Error();
  return slice.toString('utf8');
}

/**
 * protobufjs's Buffer reader, except that string() validates the bytes before decoding them.
 * Built as a prototype rather than a subclass: a class constructor calling protobufjs's function
 * constructor costs more than the whole validation.
 */
const strictReaderPrototype: protobuf.BufferReader = Object.create(protobuf.BufferReader.prototype);
strictReaderPrototype.string = function string(this: protobuf.BufferReader): string {
  const length = this.uint32();
  const start = this.pos;
  const end = start + length;
  if (end > this.len) throw new RangeError('index out of range');
  this.pos = end;
  const bytes = this.buf as Buffer;
  // Ids are mostly ASCII: a byte loop is cheaper than a validating view for them, and
  // latin1Slice (Buffer's own, as protobufjs uses utf8Slice) skips toString's encoding lookup.
  for (let i = start; i < end; i++) if (bytes[i] > 0x7f) return validUtf8(bytes, start, end);
  return (bytes as Buffer & { latin1Slice(start: number, end: number): string }).latin1Slice(start, end);
};

function strictReader(bytes: Buffer): protobuf.BufferReader {
  const reader: protobuf.BufferReader = Object.create(strictReaderPrototype);
  reader.buf = bytes;
  reader.pos = 0;
  reader.len = bytes.length;
  return reader;
}

const failure = Symbol('relata.decodeFailure');

interface DecodeFailure {
  [failure]: ValidationError;
}

/** The typed error of a request that could not be decoded, if `request` is one. */
export function decodeFailureOf(request: unknown): ValidationError | undefined {
  return typeof request === 'object' && request !== null && failure in request ? (request as DecodeFailure)[failure] : undefined;
}

/**
 * The path of the first string field of `type` in `bytes[start, end)` holding invalid UTF-8, found
 * by walking the wire format again (only after a decode failed, so its cost does not matter).
 */
function invalidStringPath(type: protobuf.Type, bytes: Buffer, start: number, end: number, prefix: string): string | undefined {
  const reader = protobuf.Reader.create(bytes.subarray(0, end));
  reader.pos = start;
  while (reader.pos < end) {
    const tag = reader.uint32();
    const field = type.fieldsById[tag >>> 3];
    if ((tag & 7) !== 2 || !field) {
      reader.skipType(tag & 7);
      continue;
    }
    const length = reader.uint32();
    const from = reader.pos;
    const to = from + length;
    const name = `${prefix}${field.name}`;
    const found = field instanceof protobuf.MapField ? invalidMapEntry(field, bytes, from, to, name) : invalidValue(field.type, field.resolvedType, bytes, from, to, name);
    if (found) return found;
    reader.pos = to;
  }
  return undefined;
}

function invalidValue(typeName: string, resolved: protobuf.ReflectionObject | null, bytes: Buffer, from: number, to: number, name: string): string | undefined {
  if (typeName === 'string') return isUtf8(bytes.subarray(from, to)) ? undefined : name;
  return resolved instanceof protobuf.Type ? invalidStringPath(resolved, bytes, from, to, `${name}.`) : undefined;
}

function invalidMapEntry(field: protobuf.MapField, bytes: Buffer, start: number, end: number, name: string): string | undefined {
  const reader = protobuf.Reader.create(bytes.subarray(0, end));
  reader.pos = start;
  while (reader.pos < end) {
    const tag = reader.uint32();
    if ((tag & 7) !== 2) {
      reader.skipType(tag & 7);
      continue;
    }
    const length = reader.uint32();
    const from = reader.pos;
    const to = from + length;
    const found = tag >>> 3 === 1 ? invalidValue(field.keyType, null, bytes, from, to, `${name} (a key)`) : invalidValue(field.type, field.resolvedType, bytes, from, to, `${name}[]`);
    if (found) return found;
    reader.pos = to;
  }
  return undefined;
}

function invalidUtf8Error(type: protobuf.Type, bytes: Buffer): ValidationError {
  let path: string | undefined;
  try {
    path = invalidStringPath(type, bytes, 0, bytes.length, '');
  } catch {
    path = undefined;
  }
  const where = path ? `field '${path}'` : 'a string field';
  return new ValidationError(ErrorCode.ValidationError, `invalid request: ${where} contains invalid UTF-8`);
}

function decodeError(type: protobuf.Type, bytes: Buffer, error: unknown): ValidationError {
  if (error instanceof InvalidUtf8Error) return invalidUtf8Error(type, bytes);
  const depth = error instanceof Error && (/nesting depth|max depth/.test(error.message) || (error instanceof RangeError && /call stack/.test(error.message)));
  if (depth) return new ValidationError(ErrorCode.ValidationError, `invalid request: protobuf messages are nested deeper than ${maxMessageDepth} levels`);
  return new ValidationError(ErrorCode.ValidationError, 'invalid request: the message is not valid protobuf', { cause: error });
}

/** A deserializer of `type` with proto-loader's object conversion, strict as described above. */
export function strictDeserializer(type: protobuf.Type, options: protobuf.IConversionOptions): (bytes: Buffer) => unknown {
  return (bytes) => {
    try {
      return type.toObject(type.decode(strictReader(bytes)), options);
    } catch (error) {
      return { [failure]: decodeError(type, bytes, error) } satisfies DecodeFailure;
    }
  };
}

interface MethodLike {
  path: string;
  requestDeserialize: (bytes: Buffer) => unknown;
}

/**
 * `definition` with the request deserializers of `services` replaced by strict ones built from
 * `root` (the same .proto files, loaded by protobufjs with the same options).
 */
export function withStrictRequestDecoding(
  definition: PackageDefinition,
  root: protobuf.Root,
  services: readonly string[],
  options: protobuf.IConversionOptions,
): PackageDefinition {
  const out: PackageDefinition = { ...definition };
  for (const name of services) {
    const service = root.lookupService(name);
    const methods = definition[name] as unknown as Record<string, MethodLike>;
    const strict: Record<string, MethodLike> = {};
    for (const [methodName, method] of Object.entries(methods)) {
      const requestType = service.methods[methodName].resolvedRequestType;
      strict[methodName] = requestType ? { ...method, requestDeserialize: strictDeserializer(requestType, options) } : method;
    }
    out[name] = strict as unknown as PackageDefinition[string];
  }
  return out;
}
