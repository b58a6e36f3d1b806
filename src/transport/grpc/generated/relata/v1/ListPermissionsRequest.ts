// Original file: proto/relata/v1/relata_service.proto

import type { ContextualTupleKeys as _openfga_v1_ContextualTupleKeys, ContextualTupleKeys__Output as _openfga_v1_ContextualTupleKeys__Output } from '../../openfga/v1/ContextualTupleKeys.js';
import type { Struct as _google_protobuf_Struct, Struct__Output as _google_protobuf_Struct__Output } from '../../google/protobuf/Struct.js';
import type { ConsistencyPreference as _openfga_v1_ConsistencyPreference, ConsistencyPreference__Output as _openfga_v1_ConsistencyPreference__Output } from '../../openfga/v1/ConsistencyPreference.js';

export interface ListPermissionsRequest {
  'store_id'?: (string);
  'authorization_model_id'?: (string);
  'user'?: (string);
  'types'?: (string)[];
  'relations'?: (string)[];
  'contextual_tuples'?: (_openfga_v1_ContextualTupleKeys | null);
  'context'?: (_google_protobuf_Struct | null);
  'consistency'?: (_openfga_v1_ConsistencyPreference);
  'page_size'?: (number);
  'continuation_token'?: (string);
  'consistency_token'?: (string);
}

export interface ListPermissionsRequest__Output {
  'store_id': (string);
  'authorization_model_id': (string);
  'user': (string);
  'types': (string)[];
  'relations': (string)[];
  'contextual_tuples': (_openfga_v1_ContextualTupleKeys__Output | null);
  'context': (_google_protobuf_Struct__Output | null);
  'consistency': (_openfga_v1_ConsistencyPreference__Output);
  'page_size': (number);
  'continuation_token': (string);
  'consistency_token': (string);
}
