// Loads Relata's .proto files with @grpc/proto-loader, with the options the hand-written message
// types in messages.ts assume. Tests load the same definitions to build real clients.
import { fileURLToPath } from 'node:url';
import { loadSync } from '@grpc/proto-loader';
import type { Options, PackageDefinition } from '@grpc/proto-loader';
import { loadPackageDefinition } from '@grpc/grpc-js';
import type { GrpcObject, ServiceClientConstructor } from '@grpc/grpc-js';
import protobuf from 'protobufjs';

export const protoRoot = fileURLToPath(new URL('../../../proto', import.meta.url));

export const protoFiles = ['openfga/v1/openfga_service.proto', 'relata/v1/relata_service.proto', 'grpc/health/v1/health.proto'];

export const protoLoaderOptions: Options = {
  keepCase: true,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
  includeDirs: [protoRoot],
};

/**
 * Message nesting protobufjs decodes and encodes. Its default (100, protoc's) is below a model
 * OpenFGA accepts: each rewrite operator is two messages deep, so a 100-deep rewrite is ~200.
 * 1024 covers the model layer's own bound (MAX_REWRITE_DEPTH = 256 operators).
 */
const MAX_MESSAGE_NESTING = 1024;
protobuf.util.recursionLimit = MAX_MESSAGE_NESTING;
protobuf.Reader.recursionLimit = MAX_MESSAGE_NESTING;

let cached: PackageDefinition | undefined;

export function relataPackageDefinition(): PackageDefinition {
  cached ??= loadSync(protoFiles, protoLoaderOptions);
  return cached;
}

export interface RelataGrpcServices {
  openfga: ServiceClientConstructor;
  relata: ServiceClientConstructor;
  health: ServiceClientConstructor;
}

/** The service constructors (their `.service` definitions serve; `new X(addr, creds)` is a client). */
export function relataGrpcServices(): RelataGrpcServices {
  const root = loadPackageDefinition(relataPackageDefinition());
  const pick = (path: string): ServiceClientConstructor => {
    let node: GrpcObject | ServiceClientConstructor | unknown = root;
    for (const part of path.split('.')) node = (node as Record<string, unknown>)[part];
    return node as ServiceClientConstructor;
  };
  return { openfga: pick('openfga.v1.OpenFGAService'), relata: pick('relata.v1.RelataService'), health: pick('grpc.health.v1.Health') };
}
