// Original file: proto/relata/v1/relata_service.proto

import type { Long } from '@grpc/proto-loader';

export interface AuditCount {
  'key'?: (string);
  'count'?: (number | string | Long);
}

export interface AuditCount__Output {
  'key': (string);
  'count': (string);
}
