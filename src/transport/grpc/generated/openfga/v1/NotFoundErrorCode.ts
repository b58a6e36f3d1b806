// Original file: proto/openfga/v1/errors_ignore.proto

export const NotFoundErrorCode = {
  no_not_found_error: 'no_not_found_error',
  undefined_endpoint: 'undefined_endpoint',
  store_id_not_found: 'store_id_not_found',
  unimplemented: 'unimplemented',
} as const;

export type NotFoundErrorCode =
  | 'no_not_found_error'
  | 0
  | 'undefined_endpoint'
  | 5000
  | 'store_id_not_found'
  | 5002
  | 'unimplemented'
  | 5004

export type NotFoundErrorCode__Output = typeof NotFoundErrorCode[keyof typeof NotFoundErrorCode]
