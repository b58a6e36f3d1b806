// A request deserializer that decodes nothing but the store id: grpc-js runs a method's
// deserializer on the event loop, and decoding a model near the size limit held the loop for
// tens of milliseconds. The bytes are kept for the model worker to decode (model-request.ts); the
// store id is read here, by walking the top-level fields only, because the call frame authorizes
// the caller on the store before anything else of the request is used.
import { isUtf8 } from 'node:buffer';
import protobuf from 'protobufjs';

const rawBytes = Symbol('relata.rawRequest');

/** What the call frame and the handler see: the store id, and the bytes to decode elsewhere. */
export interface RawRequest {
  /** Absent when the top level is not valid protobuf or the id not valid UTF-8 (the worker names the problem). */
  store_id?: string;
  [rawBytes]: Buffer;
}

/** The kept bytes of a request deserialized by rawRequestDeserializer, if `request` is one. */
export function rawBytesOf(request: unknown): Buffer | undefined {
  return typeof request === 'object' && request !== null && rawBytes in request ? (request as RawRequest)[rawBytes] : undefined;
}

/** The last `store_id` (field 1) at the top level, as protobuf's last-one-wins reads it. */
function scanStoreId(bytes: Buffer): string | undefined {
  const reader = protobuf.Reader.create(bytes);
  let storeId: string | undefined;
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    if (tag >>> 3 === 1 && (tag & 7) === 2) {
      const length = reader.uint32();
      const end = reader.pos + length;
      if (end > reader.len) return undefined;
      const slice = bytes.subarray(reader.pos, end);
      storeId = isUtf8(slice) ? slice.toString('utf8') : undefined;
      reader.pos = end;
    } else reader.skipType(tag & 7);
  }
  return storeId;
}

export function rawRequestDeserializer(bytes: Buffer): RawRequest {
  let storeId: string | undefined;
  try {
    storeId = scanStoreId(bytes);
  } catch {
    storeId = undefined;
  }
  const request: RawRequest = { [rawBytes]: bytes };
  if (storeId !== undefined) request.store_id = storeId;
  return request;
}
