// Original file: proto/openfga/v1/openfga_service.proto

import type { ReadRequestTupleKey as _openfga_v1_ReadRequestTupleKey, ReadRequestTupleKey__Output as _openfga_v1_ReadRequestTupleKey__Output } from '../../openfga/v1/ReadRequestTupleKey.js';
import type { Int32Value as _google_protobuf_Int32Value, Int32Value__Output as _google_protobuf_Int32Value__Output } from '../../google/protobuf/Int32Value.js';
import type { ConsistencyPreference as _openfga_v1_ConsistencyPreference, ConsistencyPreference__Output as _openfga_v1_ConsistencyPreference__Output } from '../../openfga/v1/ConsistencyPreference.js';

export interface ReadRequest {
  'store_id'?: (string);
  'tuple_key'?: (_openfga_v1_ReadRequestTupleKey | null);
  'page_size'?: (_google_protobuf_Int32Value | null);
  'continuation_token'?: (string);
  'consistency'?: (_openfga_v1_ConsistencyPreference);
}

export interface ReadRequest__Output {
  'store_id': (string);
  'tuple_key': (_openfga_v1_ReadRequestTupleKey__Output | null);
  'page_size': (_google_protobuf_Int32Value__Output | null);
  'continuation_token': (string);
  'consistency': (_openfga_v1_ConsistencyPreference__Output);
}
