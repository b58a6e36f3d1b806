// Original file: proto/openfga/v1/errors_ignore.proto

export const InternalErrorCode = {
  no_internal_error: 'no_internal_error',
  internal_error: 'internal_error',
  deadline_exceeded: 'deadline_exceeded',
  already_exists: 'already_exists',
  resource_exhausted: 'resource_exhausted',
  failed_precondition: 'failed_precondition',
  aborted: 'aborted',
  out_of_range: 'out_of_range',
  unavailable: 'unavailable',
  data_loss: 'data_loss',
} as const;

export type InternalErrorCode =
  | 'no_internal_error'
  | 0
  | 'internal_error'
  | 4000
  | 'deadline_exceeded'
  | 4004
  | 'already_exists'
  | 4005
  | 'resource_exhausted'
  | 4006
  | 'failed_precondition'
  | 4007
  | 'aborted'
  | 4008
  | 'out_of_range'
  | 4009
  | 'unavailable'
  | 4010
  | 'data_loss'
  | 4011

export type InternalErrorCode__Output = typeof InternalErrorCode[keyof typeof InternalErrorCode]
