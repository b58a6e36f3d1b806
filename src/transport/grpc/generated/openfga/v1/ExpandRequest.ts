// Original file: proto/openfga/v1/openfga_service.proto

import type { ExpandRequestTupleKey as _openfga_v1_ExpandRequestTupleKey, ExpandRequestTupleKey__Output as _openfga_v1_ExpandRequestTupleKey__Output } from '../../openfga/v1/ExpandRequestTupleKey.js';
import type { ConsistencyPreference as _openfga_v1_ConsistencyPreference, ConsistencyPreference__Output as _openfga_v1_ConsistencyPreference__Output } from '../../openfga/v1/ConsistencyPreference.js';
import type { ContextualTupleKeys as _openfga_v1_ContextualTupleKeys, ContextualTupleKeys__Output as _openfga_v1_ContextualTupleKeys__Output } from '../../openfga/v1/ContextualTupleKeys.js';

export interface ExpandRequest {
  'store_id'?: (string);
  'tuple_key'?: (_openfga_v1_ExpandRequestTupleKey | null);
  'authorization_model_id'?: (string);
  'consistency'?: (_openfga_v1_ConsistencyPreference);
  'contextual_tuples'?: (_openfga_v1_ContextualTupleKeys | null);
}

export interface ExpandRequest__Output {
  'store_id': (string);
  'tuple_key': (_openfga_v1_ExpandRequestTupleKey__Output | null);
  'authorization_model_id': (string);
  'consistency': (_openfga_v1_ConsistencyPreference__Output);
  'contextual_tuples': (_openfga_v1_ContextualTupleKeys__Output | null);
}
