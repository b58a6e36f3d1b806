// The gRPC transport: openfga.v1.OpenFGAService + grpc.health.v1.Health over the service layer.
export * from './server.js';
export * from './proto.js';
export { consistencyTokenHeader } from './call.js';
export { errorCodeHeader, errorNameHeader, grpcStatusOf, retryAfterHeader, toGrpcError } from './error-status.js';
export { reasonHeader } from './call-identity.js';
