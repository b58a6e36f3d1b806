// Original file: proto/relata/v1/relata_service.proto

import type { Long } from '@grpc/proto-loader';

export interface DeleteTuplesResponse {
  'matched_count'?: (number | string | Long);
  'batch_count'?: (number);
  'consistency_token'?: (string);
}

export interface DeleteTuplesResponse__Output {
  'matched_count': (string);
  'batch_count': (number);
  'consistency_token': (string);
}
