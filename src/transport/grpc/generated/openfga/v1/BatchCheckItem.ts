// Original file: proto/openfga/v1/openfga_service.proto

import type { CheckRequestTupleKey as _openfga_v1_CheckRequestTupleKey, CheckRequestTupleKey__Output as _openfga_v1_CheckRequestTupleKey__Output } from '../../openfga/v1/CheckRequestTupleKey.js';
import type { ContextualTupleKeys as _openfga_v1_ContextualTupleKeys, ContextualTupleKeys__Output as _openfga_v1_ContextualTupleKeys__Output } from '../../openfga/v1/ContextualTupleKeys.js';
import type { Struct as _google_protobuf_Struct, Struct__Output as _google_protobuf_Struct__Output } from '../../google/protobuf/Struct.js';

export interface BatchCheckItem {
  'tuple_key'?: (_openfga_v1_CheckRequestTupleKey | null);
  'contextual_tuples'?: (_openfga_v1_ContextualTupleKeys | null);
  'context'?: (_google_protobuf_Struct | null);
  'correlation_id'?: (string);
}

export interface BatchCheckItem__Output {
  'tuple_key': (_openfga_v1_CheckRequestTupleKey__Output | null);
  'contextual_tuples': (_openfga_v1_ContextualTupleKeys__Output | null);
  'context': (_google_protobuf_Struct__Output | null);
  'correlation_id': (string);
}
