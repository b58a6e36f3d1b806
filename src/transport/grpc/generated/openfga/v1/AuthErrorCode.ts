// Original file: proto/openfga/v1/errors_ignore.proto

export const AuthErrorCode = {
  no_auth_error: 'no_auth_error',
  auth_failed_invalid_subject: 'auth_failed_invalid_subject',
  auth_failed_invalid_audience: 'auth_failed_invalid_audience',
  auth_failed_invalid_issuer: 'auth_failed_invalid_issuer',
  invalid_claims: 'invalid_claims',
  auth_failed_invalid_bearer_token: 'auth_failed_invalid_bearer_token',
  bearer_token_missing: 'bearer_token_missing',
  unauthenticated: 'unauthenticated',
  forbidden: 'forbidden',
} as const;

export type AuthErrorCode =
  | 'no_auth_error'
  | 0
  | 'auth_failed_invalid_subject'
  | 1001
  | 'auth_failed_invalid_audience'
  | 1002
  | 'auth_failed_invalid_issuer'
  | 1003
  | 'invalid_claims'
  | 1004
  | 'auth_failed_invalid_bearer_token'
  | 1005
  | 'bearer_token_missing'
  | 1010
  | 'unauthenticated'
  | 1500
  | 'forbidden'
  | 1600

export type AuthErrorCode__Output = typeof AuthErrorCode[keyof typeof AuthErrorCode]
