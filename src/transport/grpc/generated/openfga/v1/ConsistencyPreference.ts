// Original file: proto/openfga/v1/openfga.proto

export const ConsistencyPreference = {
  UNSPECIFIED: 'UNSPECIFIED',
  MINIMIZE_LATENCY: 'MINIMIZE_LATENCY',
  HIGHER_CONSISTENCY: 'HIGHER_CONSISTENCY',
} as const;

export type ConsistencyPreference =
  | 'UNSPECIFIED'
  | 0
  | 'MINIMIZE_LATENCY'
  | 100
  | 'HIGHER_CONSISTENCY'
  | 200

export type ConsistencyPreference__Output = typeof ConsistencyPreference[keyof typeof ConsistencyPreference]
