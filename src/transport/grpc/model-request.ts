// The decoder of WriteAuthorizationModel's request bytes, registered with the service so that the
// model worker decodes them (it imports this module): the same strict protobuf decoding and model
// codec as every other request, and the same errors, only on another thread.
import { registerModelDecoder } from '../../service/model-decoders.js';
import type { DecodedModelRequest } from '../../service/model-decoders.js';
import { decodeModel } from './codec-model.js';
import type { WriteAuthorizationModelRequest__Output } from './generated/openfga/v1/WriteAuthorizationModelRequest.js';
import { strictRequestDecoder } from './proto.js';
import { decodeFailureOf } from './strict-decode.js';

export const writeModelRequestFormat = 'openfga.v1.WriteAuthorizationModelRequest';

let decodeRequest: ((bytes: Buffer) => unknown) | undefined;

/** Decodes the request and its model; throws the ValidationError the call frame would have raised. */
export function decodeWriteModelRequest(bytes: Uint8Array): DecodedModelRequest {
  decodeRequest ??= strictRequestDecoder('openfga.v1.OpenFGAService', 'WriteAuthorizationModel');
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const request = decodeRequest(buffer);
  const failure = decodeFailureOf(request);
  if (failure) throw failure;
  const req = request as WriteAuthorizationModelRequest__Output;
  return { storeId: req.store_id, model: decodeModel({ schema_version: req.schema_version, type_definitions: req.type_definitions, conditions: req.conditions }) };
}

registerModelDecoder(writeModelRequestFormat, import.meta.url, decodeWriteModelRequest);
