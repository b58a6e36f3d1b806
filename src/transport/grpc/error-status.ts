// The one place where Relata's typed errors become gRPC statuses. The table is exhaustive over
// ErrorCode (a new code fails compilation until it is mapped). Every error status carries
// OpenFGA's numeric code in the `openfga-error-code` trailer (its name in `openfga-error-name`)
// and a standard google.rpc.ErrorInfo detail in `grpc-status-details-bin` (reason = the code's
// name, metadata.code = the number). With `openfgaStatusCodes` the status code itself is
// OpenFGA's number, which is what OpenFGA's own gRPC server sends. Anything that is not a
// RelataError is an internal error: the client gets a generic message, the cause is logged.
import { Metadata, status } from '@grpc/grpc-js';
import type { ServerErrorResponse } from '@grpc/grpc-js';
import { RateLimitedError } from '../../auth/index.js';
import { ErrorCode, RelataError, errorCodeName } from '../../model/index.js';
import { encodeStatusDetails, errorInfoDomain, statusDetailsHeader } from './status-details.js';

export const grpcStatusOf: Record<ErrorCode, status> = {
  [ErrorCode.Unauthenticated]: status.UNAUTHENTICATED,
  [ErrorCode.AuthFailedInvalidBearerToken]: status.UNAUTHENTICATED,
  [ErrorCode.BearerTokenMissing]: status.UNAUTHENTICATED,
  [ErrorCode.Forbidden]: status.PERMISSION_DENIED,
  [ErrorCode.ValidationError]: status.INVALID_ARGUMENT,
  [ErrorCode.AuthorizationModelNotFound]: status.INVALID_ARGUMENT,
  [ErrorCode.AuthorizationModelResolutionTooComplex]: status.INVALID_ARGUMENT,
  [ErrorCode.InvalidWriteInput]: status.INVALID_ARGUMENT,
  [ErrorCode.CannotAllowDuplicateTuplesInOneRequest]: status.INVALID_ARGUMENT,
  [ErrorCode.InvalidContinuationToken]: status.INVALID_ARGUMENT,
  [ErrorCode.InvalidTupleSet]: status.INVALID_ARGUMENT,
  [ErrorCode.InvalidCheckInput]: status.INVALID_ARGUMENT,
  [ErrorCode.InvalidExpandInput]: status.INVALID_ARGUMENT,
  [ErrorCode.UnsupportedUserSet]: status.INVALID_ARGUMENT,
  [ErrorCode.InvalidObjectFormat]: status.INVALID_ARGUMENT,
  [ErrorCode.WriteFailedDueToInvalidInput]: status.INVALID_ARGUMENT,
  [ErrorCode.AuthorizationModelAssertionsNotFound]: status.INVALID_ARGUMENT,
  [ErrorCode.LatestAuthorizationModelNotFound]: status.INVALID_ARGUMENT,
  [ErrorCode.TypeNotFound]: status.INVALID_ARGUMENT,
  [ErrorCode.RelationNotFound]: status.INVALID_ARGUMENT,
  [ErrorCode.EmptyRelationDefinition]: status.INVALID_ARGUMENT,
  [ErrorCode.InvalidUser]: status.INVALID_ARGUMENT,
  [ErrorCode.InvalidTuple]: status.INVALID_ARGUMENT,
  [ErrorCode.UnknownRelation]: status.INVALID_ARGUMENT,
  [ErrorCode.StoreIdInvalidLength]: status.INVALID_ARGUMENT,
  [ErrorCode.AssertionsTooManyItems]: status.INVALID_ARGUMENT,
  [ErrorCode.IdTooLong]: status.INVALID_ARGUMENT,
  [ErrorCode.AuthorizationModelIdTooLong]: status.INVALID_ARGUMENT,
  [ErrorCode.TupleKeyValueNotSpecified]: status.INVALID_ARGUMENT,
  [ErrorCode.TupleKeysTooManyOrTooFewItems]: status.INVALID_ARGUMENT,
  [ErrorCode.PageSizeInvalid]: status.INVALID_ARGUMENT,
  [ErrorCode.ParamMissingValue]: status.INVALID_ARGUMENT,
  [ErrorCode.ObjectTooLong]: status.INVALID_ARGUMENT,
  [ErrorCode.RelationTooLong]: status.INVALID_ARGUMENT,
  [ErrorCode.TypeDefinitionsTooFewItems]: status.INVALID_ARGUMENT,
  [ErrorCode.TypeInvalidPattern]: status.INVALID_ARGUMENT,
  [ErrorCode.ObjectInvalidPattern]: status.INVALID_ARGUMENT,
  [ErrorCode.ExceededEntityLimit]: status.INVALID_ARGUMENT,
  [ErrorCode.InvalidContextualTuple]: status.INVALID_ARGUMENT,
  [ErrorCode.DuplicateContextualTuple]: status.INVALID_ARGUMENT,
  [ErrorCode.InvalidAuthorizationModel]: status.INVALID_ARGUMENT,
  [ErrorCode.UnsupportedSchemaVersion]: status.INVALID_ARGUMENT,
  [ErrorCode.Cancelled]: status.CANCELLED,
  [ErrorCode.ThrottledTimeoutError]: status.RESOURCE_EXHAUSTED,
  [ErrorCode.InternalError]: status.INTERNAL,
  [ErrorCode.DeadlineExceeded]: status.DEADLINE_EXCEEDED,
  [ErrorCode.AlreadyExists]: status.ALREADY_EXISTS,
  [ErrorCode.ResourceExhausted]: status.RESOURCE_EXHAUSTED,
  [ErrorCode.FailedPrecondition]: status.FAILED_PRECONDITION,
  [ErrorCode.Aborted]: status.ABORTED,
  [ErrorCode.Unavailable]: status.UNAVAILABLE,
  [ErrorCode.UndefinedEndpoint]: status.UNIMPLEMENTED,
  [ErrorCode.StoreIdNotFound]: status.NOT_FOUND,
  [ErrorCode.Unimplemented]: status.UNIMPLEMENTED,
  [ErrorCode.ApiClientNotFound]: status.NOT_FOUND,
};

export const errorCodeHeader = 'openfga-error-code';
export const errorNameHeader = 'openfga-error-name';
/** On RESOURCE_EXHAUSTED from a rate limit: whole seconds to wait before retrying (HTTP's Retry-After). */
export const retryAfterHeader = 'retry-after';

/** OpenFGA's public message for anything internal. */
export const internalErrorMessage = 'Internal Server Error';

/**
 * Largest status message sent, in UTF-8 bytes. It travels twice (grpc-message, percent-encoded:
 * up to 3 bytes per byte; and inside grpc-status-details-bin, base64), and a peer refuses
 * trailers past its metadata limit (8 KiB in gRPC C-core and Go's HTTP/2 defaults are not far
 * off): the status would never arrive and the connection's other calls would stall.
 */
export const maxStatusMessageBytes = 1024;

/** `message` cut to `maxBytes` of UTF-8 at a character boundary, marked with an ellipsis. */
export function clipMessage(message: string, maxBytes = maxStatusMessageBytes): string {
  if (message.length <= maxBytes / 3 || Buffer.byteLength(message) <= maxBytes) return message;
  // A cut inside a multi-byte character decodes to U+FFFD, which is dropped.
  return `${Buffer.from(message).subarray(0, maxBytes - 3).toString('utf8').replace(/\uFFFD+$/, '')}…`;
}

export interface MappedError {
  response: ServerErrorResponse;
  /** The OpenFGA code (for metrics and logs). */
  code: ErrorCode;
  /** True when the cause must be logged (internal errors). */
  internal: boolean;
}

/** Classifies an error as a RelataError (public) or an internal one. */
function relataErrorOf(error: unknown): { code: ErrorCode; message: string; internal: boolean } {
  if (error instanceof RelataError && Object.hasOwn(grpcStatusOf, error.code)) {
    const internal = error.code >= 4000 && error.code < 5000;
    // An InternalError's message is public by contract, but never a driver's text.
    return { code: error.code, message: error.code === ErrorCode.InternalError ? internalErrorMessage : error.message, internal };
  }
  return { code: ErrorCode.InternalError, message: internalErrorMessage, internal: true };
}

export function toGrpcError(error: unknown, options: { openfgaStatusCodes?: boolean } = {}): MappedError {
  const { code, internal, ...typed } = relataErrorOf(error);
  const message = clipMessage(typed.message);
  const metadata = new Metadata();
  metadata.set(errorCodeHeader, String(code));
  metadata.set(errorNameHeader, errorCodeName(code));
  if (error instanceof RateLimitedError) metadata.set(retryAfterHeader, String(Math.ceil(error.retryAfterMs / 1000)));
  const grpcCode = options.openfgaStatusCodes ? (code as number as status) : grpcStatusOf[code];
  metadata.set(
    statusDetailsHeader,
    encodeStatusDetails(grpcCode, message, { reason: errorCodeName(code), domain: errorInfoDomain, metadata: { code: String(code) } }),
  );
  const response: ServerErrorResponse = Object.assign(new Error(message), { code: grpcCode, details: message, metadata });
  return { response, code, internal };
}
