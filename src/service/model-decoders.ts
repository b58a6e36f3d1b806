// Decoders of a WriteAuthorizationModel request's bytes, by wire format. Each transport registers
// its own (the service knows no protobuf or JSON shapes), naming the module that registers it, so
// that the model worker can import that module and decode the bytes there: a large model is then
// decoded, checked and serialized off the event loop, and only its JSON text comes back.
import type { AuthorizationModel } from '../model/index.js';

/** What a decoder reads out of a request: the model, and the store when the bytes name it. */
export interface DecodedModelRequest {
  storeId?: string;
  model: Omit<AuthorizationModel, 'id'>;
}

/** Throws a RelataError (a ValidationError naming the field) on bytes it refuses. */
export type ModelRequestDecoder = (bytes: Uint8Array) => DecodedModelRequest;

interface Registered {
  decode: ModelRequestDecoder;
  /** The module whose import registers `decode` (a file URL). */
  module: string;
}

const decoders = new Map<string, Registered>();

/** Registers the decoder of `format`; `module` is the URL of the module calling this (import.meta.url). */
export function registerModelDecoder(format: string, module: string, decode: ModelRequestDecoder): void {
  decoders.set(format, { decode, module });
}

export function modelDecoder(format: string): Registered | undefined {
  return decoders.get(format);
}
