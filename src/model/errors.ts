// Typed errors with OpenFGA's stable error codes. Layers throw these; only the transports map a
// code to a wire status (one exhaustive table per transport).

/** OpenFGA's numeric error codes (openfga.v1 ErrorCode, InternalErrorCode, NotFoundErrorCode, AuthErrorCode). */
export enum ErrorCode {
  // 1xxx: authentication
  Unauthenticated = 1500,
  AuthFailedInvalidBearerToken = 1005,
  BearerTokenMissing = 1010,
  Forbidden = 1600,
  // 2xxx: invalid input
  ValidationError = 2000,
  AuthorizationModelNotFound = 2001,
  AuthorizationModelResolutionTooComplex = 2002,
  InvalidWriteInput = 2003,
  CannotAllowDuplicateTuplesInOneRequest = 2004,
  InvalidContinuationToken = 2007,
  InvalidTupleSet = 2008,
  InvalidCheckInput = 2009,
  InvalidExpandInput = 2010,
  UnsupportedUserSet = 2011,
  InvalidObjectFormat = 2012,
  WriteFailedDueToInvalidInput = 2017,
  AuthorizationModelAssertionsNotFound = 2018,
  LatestAuthorizationModelNotFound = 2020,
  TypeNotFound = 2021,
  RelationNotFound = 2022,
  EmptyRelationDefinition = 2023,
  InvalidUser = 2025,
  InvalidTuple = 2027,
  UnknownRelation = 2028,
  StoreIdInvalidLength = 2030,
  AssertionsTooManyItems = 2033,
  IdTooLong = 2034,
  AuthorizationModelIdTooLong = 2036,
  TupleKeyValueNotSpecified = 2037,
  TupleKeysTooManyOrTooFewItems = 2038,
  PageSizeInvalid = 2039,
  ParamMissingValue = 2040,
  ObjectTooLong = 2043,
  RelationTooLong = 2044,
  TypeDefinitionsTooFewItems = 2045,
  TypeInvalidPattern = 2047,
  ObjectInvalidPattern = 2051,
  ExceededEntityLimit = 2053,
  InvalidContextualTuple = 2054,
  DuplicateContextualTuple = 2055,
  InvalidAuthorizationModel = 2056,
  UnsupportedSchemaVersion = 2057,
  Cancelled = 2058,
  // 3xxx: throttling
  ThrottledTimeoutError = 3500,
  // 4xxx: internal
  InternalError = 4000,
  DeadlineExceeded = 4004,
  AlreadyExists = 4005,
  ResourceExhausted = 4006,
  FailedPrecondition = 4007,
  Aborted = 4008,
  Unavailable = 4010,
  // 5xxx: not found
  UndefinedEndpoint = 5000,
  StoreIdNotFound = 5002,
  Unimplemented = 5004,
  // Relata's own not-found codes, past OpenFGA's 5xxx range so they never collide with one it adds.
  ApiClientNotFound = 5100,
}

/** OpenFGA's snake_case name of a code, as carried in HTTP error bodies. */
export function errorCodeName(code: ErrorCode): string {
  return ErrorCode[code].replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

/**
 * Base of every error Relata reports to a caller. `message` is public (it reaches the client);
 * `cause` is internal (logged, never sent).
 */
export class RelataError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RelataError';
    this.code = code;
  }
}

/** Invalid input: the message names the offending field. */
export class ValidationError extends RelataError {
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'ValidationError';
  }
}

export class NotFoundError extends RelataError {
  constructor(code: ErrorCode, message: string) {
    super(code, message);
    this.name = 'NotFoundError';
  }
}

/** Something failed inside Relata; the public message stays generic, the cause is logged. */
export class InternalError extends RelataError {
  constructor(message = 'internal server error', options?: { cause?: unknown }) {
    super(ErrorCode.InternalError, message, options);
    this.name = 'InternalError';
  }
}

/** A dependency (database) is unavailable: fail closed, never answer "allowed". */
export class UnavailableError extends RelataError {
  constructor(message = 'service unavailable', options?: { cause?: unknown }) {
    super(ErrorCode.Unavailable, message, options);
    this.name = 'UnavailableError';
  }
}
