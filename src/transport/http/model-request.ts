// WriteAuthorizationModel's body over HTTP: the model worker decodes it from the raw bytes (it
// imports this module) instead of the main thread reading the parsed body into a model and
// cloning that to the worker. The main thread still parses the JSON once, for the body schema's
// errors (the same 400s naming the field as every route): native JSON.parse costs a few
// milliseconds at the size limit, the model reader and the clone cost tens.
import type { FastifyRequest } from 'fastify';
import { registerModelDecoder } from '../../service/model-decoders.js';
import type { DecodedModelRequest } from '../../service/model-decoders.js';
import { decodeModel } from './codec-json.js';
import { parseJsonBody } from './json-body.js';

export const writeModelBodyFormat = 'relata.http.WriteAuthorizationModelBody';

const rawBodies = new WeakMap<FastifyRequest, Buffer>();

/** Keeps the body's bytes of a request to a route that decodes them on the model worker. */
export function keepRawBody(request: FastifyRequest, body: Buffer): void {
  if ((request.routeOptions.config as { operation?: unknown } | undefined)?.operation === 'WriteAuthorizationModel') rawBodies.set(request, body);
}

export function rawBodyOf(request: FastifyRequest): Buffer | undefined {
  return rawBodies.get(request);
}

export function decodeWriteModelBody(bytes: Uint8Array): DecodedModelRequest {
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const body = parseJsonBody(buffer) as { schema_version?: unknown; type_definitions?: unknown; conditions?: unknown };
  return { model: decodeModel(body) };
}

registerModelDecoder(writeModelBodyFormat, import.meta.url, decodeWriteModelBody);
