// Original file: proto/relata/v1/relata_service.proto

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../google/protobuf/Timestamp.js';
import type { ApiClientGrant as _relata_v1_ApiClientGrant, ApiClientGrant__Output as _relata_v1_ApiClientGrant__Output } from '../../relata/v1/ApiClientGrant.js';

export interface ApiClient {
  'id'?: (string);
  'name'?: (string);
  'status'?: (string);
  'expires_at'?: (_google_protobuf_Timestamp | null);
  'allowed_cidrs'?: (string)[];
  'rate_per_second'?: (number | string);
  'rate_burst'?: (number);
  'grants'?: (_relata_v1_ApiClientGrant)[];
  'created_at'?: (_google_protobuf_Timestamp | null);
  'updated_at'?: (_google_protobuf_Timestamp | null);
}

export interface ApiClient__Output {
  'id': (string);
  'name': (string);
  'status': (string);
  'expires_at': (_google_protobuf_Timestamp__Output | null);
  'allowed_cidrs': (string)[];
  'rate_per_second': (number);
  'rate_burst': (number);
  'grants': (_relata_v1_ApiClientGrant__Output)[];
  'created_at': (_google_protobuf_Timestamp__Output | null);
  'updated_at': (_google_protobuf_Timestamp__Output | null);
}
