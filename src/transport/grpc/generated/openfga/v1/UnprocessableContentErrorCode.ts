// Original file: proto/openfga/v1/errors_ignore.proto

export const UnprocessableContentErrorCode = {
  no_throttled_error_code: 'no_throttled_error_code',
  throttled_timeout_error: 'throttled_timeout_error',
} as const;

export type UnprocessableContentErrorCode =
  | 'no_throttled_error_code'
  | 0
  | 'throttled_timeout_error'
  | 3500

export type UnprocessableContentErrorCode__Output = typeof UnprocessableContentErrorCode[keyof typeof UnprocessableContentErrorCode]
