// Original file: proto/openfga/v1/openfga_service.proto

import type { Object as _openfga_v1_Object, Object__Output as _openfga_v1_Object__Output } from '../../openfga/v1/Object.js';
import type { UserTypeFilter as _openfga_v1_UserTypeFilter, UserTypeFilter__Output as _openfga_v1_UserTypeFilter__Output } from '../../openfga/v1/UserTypeFilter.js';
import type { TupleKey as _openfga_v1_TupleKey, TupleKey__Output as _openfga_v1_TupleKey__Output } from '../../openfga/v1/TupleKey.js';
import type { Struct as _google_protobuf_Struct, Struct__Output as _google_protobuf_Struct__Output } from '../../google/protobuf/Struct.js';
import type { ConsistencyPreference as _openfga_v1_ConsistencyPreference, ConsistencyPreference__Output as _openfga_v1_ConsistencyPreference__Output } from '../../openfga/v1/ConsistencyPreference.js';

export interface ListUsersRequest {
  'store_id'?: (string);
  'authorization_model_id'?: (string);
  'object'?: (_openfga_v1_Object | null);
  'relation'?: (string);
  'user_filters'?: (_openfga_v1_UserTypeFilter)[];
  'contextual_tuples'?: (_openfga_v1_TupleKey)[];
  'context'?: (_google_protobuf_Struct | null);
  'consistency'?: (_openfga_v1_ConsistencyPreference);
}

export interface ListUsersRequest__Output {
  'store_id': (string);
  'authorization_model_id': (string);
  'object': (_openfga_v1_Object__Output | null);
  'relation': (string);
  'user_filters': (_openfga_v1_UserTypeFilter__Output)[];
  'contextual_tuples': (_openfga_v1_TupleKey__Output)[];
  'context': (_google_protobuf_Struct__Output | null);
  'consistency': (_openfga_v1_ConsistencyPreference__Output);
}
