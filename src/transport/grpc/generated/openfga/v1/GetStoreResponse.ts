// Original file: proto/openfga/v1/openfga_service.proto

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../google/protobuf/Timestamp.js';

export interface GetStoreResponse {
  'id'?: (string);
  'name'?: (string);
  'created_at'?: (_google_protobuf_Timestamp | null);
  'updated_at'?: (_google_protobuf_Timestamp | null);
  'deleted_at'?: (_google_protobuf_Timestamp | null);
}

export interface GetStoreResponse__Output {
  'id': (string);
  'name': (string);
  'created_at': (_google_protobuf_Timestamp__Output | null);
  'updated_at': (_google_protobuf_Timestamp__Output | null);
  'deleted_at': (_google_protobuf_Timestamp__Output | null);
}
