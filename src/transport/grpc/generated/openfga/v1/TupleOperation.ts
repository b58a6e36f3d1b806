// Original file: proto/openfga/v1/openfga.proto

export const TupleOperation = {
  TUPLE_OPERATION_WRITE: 'TUPLE_OPERATION_WRITE',
  TUPLE_OPERATION_DELETE: 'TUPLE_OPERATION_DELETE',
} as const;

export type TupleOperation =
  | 'TUPLE_OPERATION_WRITE'
  | 0
  | 'TUPLE_OPERATION_DELETE'
  | 1

export type TupleOperation__Output = typeof TupleOperation[keyof typeof TupleOperation]
