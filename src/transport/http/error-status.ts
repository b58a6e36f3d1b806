// The one place where Relata's typed errors become HTTP statuses and OpenFGA's error body
// (`{"code": "validation_error", "message": "…"}`, the code's snake_case name). The table is
// exhaustive over ErrorCode, as the gRPC one is. Anything that is not a RelataError is internal:
// the client gets a generic message, the cause is logged by the caller.
import { ErrorCode, RelataError, errorCodeName } from '../../model/index.js';

/**
 * OpenFGA's statuses (pkg/server/errors/encoded_errors.go, NewEncodedError: by code range, 1xxx
 * 401, 2xxx 400, 3xxx 422, 4xxx 500, 5xxx 404), with one deliberate difference: `forbidden`
 * (1600) is 403, as HTTP means it (OpenFGA sends 401; the SDK raises FgaApiAuthenticationError
 * for both). A rate limit (a throttling error with a retry hint) is 429 in toHttpError.
 */
export const httpStatusOf: Record<ErrorCode, number> = {
  [ErrorCode.Unauthenticated]: 401,
  [ErrorCode.AuthFailedInvalidBearerToken]: 401,
  [ErrorCode.BearerTokenMissing]: 401,
  [ErrorCode.Forbidden]: 403,
  [ErrorCode.ValidationError]: 400,
  [ErrorCode.AuthorizationModelNotFound]: 400,
  [ErrorCode.AuthorizationModelResolutionTooComplex]: 400,
  [ErrorCode.InvalidWriteInput]: 400,
  [ErrorCode.CannotAllowDuplicateTuplesInOneRequest]: 400,
  [ErrorCode.InvalidContinuationToken]: 400,
  [ErrorCode.InvalidTupleSet]: 400,
  [ErrorCode.InvalidCheckInput]: 400,
  [ErrorCode.InvalidExpandInput]: 400,
  [ErrorCode.UnsupportedUserSet]: 400,
  [ErrorCode.InvalidObjectFormat]: 400,
  [ErrorCode.WriteFailedDueToInvalidInput]: 400,
  [ErrorCode.AuthorizationModelAssertionsNotFound]: 400,
  [ErrorCode.LatestAuthorizationModelNotFound]: 400,
  [ErrorCode.TypeNotFound]: 400,
  [ErrorCode.RelationNotFound]: 400,
  [ErrorCode.EmptyRelationDefinition]: 400,
  [ErrorCode.InvalidUser]: 400,
  [ErrorCode.InvalidTuple]: 400,
  [ErrorCode.UnknownRelation]: 400,
  [ErrorCode.StoreIdInvalidLength]: 400,
  [ErrorCode.AssertionsTooManyItems]: 400,
  [ErrorCode.IdTooLong]: 400,
  [ErrorCode.AuthorizationModelIdTooLong]: 400,
  [ErrorCode.TupleKeyValueNotSpecified]: 400,
  [ErrorCode.TupleKeysTooManyOrTooFewItems]: 400,
  [ErrorCode.PageSizeInvalid]: 400,
  [ErrorCode.ParamMissingValue]: 400,
  [ErrorCode.ObjectTooLong]: 400,
  [ErrorCode.RelationTooLong]: 400,
  [ErrorCode.TypeDefinitionsTooFewItems]: 400,
  [ErrorCode.TypeInvalidPattern]: 400,
  [ErrorCode.ObjectInvalidPattern]: 400,
  [ErrorCode.ExceededEntityLimit]: 400,
  [ErrorCode.InvalidContextualTuple]: 400,
  [ErrorCode.DuplicateContextualTuple]: 400,
  [ErrorCode.InvalidAuthorizationModel]: 400,
  [ErrorCode.UnsupportedSchemaVersion]: 400,
  [ErrorCode.Cancelled]: 400,
  [ErrorCode.ThrottledTimeoutError]: 422,
  [ErrorCode.InternalError]: 500,
  [ErrorCode.DeadlineExceeded]: 500,
  [ErrorCode.AlreadyExists]: 500,
  [ErrorCode.ResourceExhausted]: 500,
  [ErrorCode.FailedPrecondition]: 500,
  [ErrorCode.Aborted]: 500,
  [ErrorCode.Unavailable]: 500,
  [ErrorCode.UndefinedEndpoint]: 404,
  [ErrorCode.StoreIdNotFound]: 404,
  [ErrorCode.Unimplemented]: 404,
  [ErrorCode.ApiClientNotFound]: 404,
};

/** OpenFGA's public message for anything internal. */
export const internalErrorMessage = 'Internal Server Error';

export interface HttpError {
  status: number;
  code: ErrorCode;
  body: { code: string; message: string };
  /** True when the cause must be logged (internal errors). */
  internal: boolean;
  /** Seconds for a `Retry-After` header (rate limits). */
  retryAfterSeconds?: number;
}

export function toHttpError(error: unknown): HttpError {
  if (error instanceof RelataError && Object.hasOwn(httpStatusOf, error.code)) {
    const internal = error.code >= 4000 && error.code < 5000;
    const message = error.code === ErrorCode.InternalError ? internalErrorMessage : error.message;
    const retryAfterMs = (error as { retryAfterMs?: unknown }).retryAfterMs;
    const rateLimited = typeof retryAfterMs === 'number';
    return {
      status: rateLimited ? 429 : httpStatusOf[error.code],
      code: error.code,
      body: { code: errorCodeName(error.code), message },
      internal,
      retryAfterSeconds: rateLimited ? Math.max(1, Math.ceil(retryAfterMs / 1000)) : undefined,
    };
  }
  return { status: 500, code: ErrorCode.InternalError, body: { code: errorCodeName(ErrorCode.InternalError), message: internalErrorMessage }, internal: true };
}
