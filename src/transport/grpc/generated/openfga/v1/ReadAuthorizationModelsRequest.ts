// Original file: proto/openfga/v1/openfga_service.proto

import type { Int32Value as _google_protobuf_Int32Value, Int32Value__Output as _google_protobuf_Int32Value__Output } from '../../google/protobuf/Int32Value.js';

export interface ReadAuthorizationModelsRequest {
  'store_id'?: (string);
  'page_size'?: (_google_protobuf_Int32Value | null);
  'continuation_token'?: (string);
}

export interface ReadAuthorizationModelsRequest__Output {
  'store_id': (string);
  'page_size': (_google_protobuf_Int32Value__Output | null);
  'continuation_token': (string);
}
