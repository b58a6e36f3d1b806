// Original file: proto/relata/v1/relata_service.proto

import type { ApiClientGrant as _relata_v1_ApiClientGrant, ApiClientGrant__Output as _relata_v1_ApiClientGrant__Output } from '../../relata/v1/ApiClientGrant.js';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../google/protobuf/Timestamp.js';

export interface CreateApiClientRequest {
  'name'?: (string);
  'grants'?: (_relata_v1_ApiClientGrant)[];
  'expires_at'?: (_google_protobuf_Timestamp | null);
  'allowed_cidrs'?: (string)[];
  'rate_per_second'?: (number | string);
  'rate_burst'?: (number);
}

export interface CreateApiClientRequest__Output {
  'name': (string);
  'grants': (_relata_v1_ApiClientGrant__Output)[];
  'expires_at': (_google_protobuf_Timestamp__Output | null);
  'allowed_cidrs': (string)[];
  'rate_per_second': (number);
  'rate_burst': (number);
}
