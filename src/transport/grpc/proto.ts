// Loads Relata's .proto files with @grpc/proto-loader. The types in generated/ are generated with
// these same options (proto-types.ts). Tests load the same definitions to build real clients.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSync } from '@grpc/proto-loader';
import type { Options, PackageDefinition } from '@grpc/proto-loader';
import { loadPackageDefinition } from '@grpc/grpc-js';
import type { GrpcObject, ServiceClientConstructor } from '@grpc/grpc-js';
import protobuf from 'protobufjs';
import { rawRequestDeserializer } from './raw-request.js';
import { strictDeserializer, withStrictRequestDecoding } from './strict-decode.js';

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

/** The services whose handlers run in call.ts's frame, which raises a strict decoder's failures. */
const strictServices = ['openfga.v1.OpenFGAService', 'relata.v1.RelataService'];

/** Methods whose request bytes go undecoded to the model worker (raw-request.ts, model-request.ts). */
const rawRequestMethods: Record<string, readonly string[]> = { 'openfga.v1.OpenFGAService': ['WriteAuthorizationModel'] };

let cached: PackageDefinition | undefined;
let cachedRoot: protobuf.Root | undefined;

/** The same files as proto-loader loads, as a protobufjs Root (for the strict request decoders). */
function loadProtobufRoot(): protobuf.Root {
  const root = new protobuf.Root();
  const resolve = root.resolvePath.bind(root);
  root.resolvePath = (origin, target) => {
    const local = join(protoRoot, target);
    return existsSync(local) ? local : resolve(origin, target);
  };
  root.loadSync(protoFiles, { keepCase: true });
  root.resolveAll();
  return root;
}

function protobufRoot(): protobuf.Root {
  cachedRoot ??= loadProtobufRoot();
  return cachedRoot;
}

/** `definition` with the request deserializers of rawRequestMethods keeping the bytes. */
function withRawRequests(definition: PackageDefinition): PackageDefinition {
  const out: PackageDefinition = { ...definition };
  for (const [service, names] of Object.entries(rawRequestMethods)) {
    const methods = { ...(definition[service] as unknown as Record<string, object>) };
    for (const name of names) methods[name] = { ...methods[name], requestDeserialize: rawRequestDeserializer };
    out[service] = methods as unknown as PackageDefinition[string];
  }
  return out;
}

export function relataPackageDefinition(): PackageDefinition {
  cached ??= withRawRequests(withStrictRequestDecoding(loadSync(protoFiles, protoLoaderOptions), protobufRoot(), strictServices, protoLoaderOptions));
  return cached;
}

/** The strict decoder of a method's request (as the call frame would have run it), for the model worker. */
export function strictRequestDecoder(service: string, method: string): (bytes: Buffer) => unknown {
  const requestType = protobufRoot().lookupService(service).methods[method].resolvedRequestType;
  if (!requestType) throw new Error(`no request type for ${service}.${method}`);
  return strictDeserializer(requestType, protoLoaderOptions);
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
