// Original file: proto/openfga/v1/openfga_service.proto

import type { Int32Value as _google_protobuf_Int32Value, Int32Value__Output as _google_protobuf_Int32Value__Output } from '../../google/protobuf/Int32Value.js';

export interface ListStoresRequest {
  'page_size'?: (_google_protobuf_Int32Value | null);
  'continuation_token'?: (string);
  'name'?: (string);
}

export interface ListStoresRequest__Output {
  'page_size': (_google_protobuf_Int32Value__Output | null);
  'continuation_token': (string);
  'name': (string);
}
