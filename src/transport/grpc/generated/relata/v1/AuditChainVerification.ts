// Original file: proto/relata/v1/relata_service.proto

import type { Long } from '@grpc/proto-loader';

export interface AuditChainVerification {
  'chain'?: (string);
  'records'?: (number | string | Long);
  'head_seq'?: (string);
  'head_hash'?: (string);
  'ok'?: (boolean);
  'problem'?: (string);
  'problem_seq'?: (string);
  'message'?: (string);
}

export interface AuditChainVerification__Output {
  'chain': (string);
  'records': (string);
  'head_seq': (string);
  'head_hash': (string);
  'ok': (boolean);
  'problem': (string);
  'problem_seq': (string);
  'message': (string);
}
