// Original file: proto/openfga/v1/openfga_service.proto

import type { Int32Value as _google_protobuf_Int32Value, Int32Value__Output as _google_protobuf_Int32Value__Output } from '../../google/protobuf/Int32Value.js';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../google/protobuf/Timestamp.js';

export interface ReadChangesRequest {
  'store_id'?: (string);
  'type'?: (string);
  'page_size'?: (_google_protobuf_Int32Value | null);
  'continuation_token'?: (string);
  'start_time'?: (_google_protobuf_Timestamp | null);
}

export interface ReadChangesRequest__Output {
  'store_id': (string);
  'type': (string);
  'page_size': (_google_protobuf_Int32Value__Output | null);
  'continuation_token': (string);
  'start_time': (_google_protobuf_Timestamp__Output | null);
}
