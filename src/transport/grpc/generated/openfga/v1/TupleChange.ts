// Original file: proto/openfga/v1/openfga.proto

import type { TupleKey as _openfga_v1_TupleKey, TupleKey__Output as _openfga_v1_TupleKey__Output } from '../../openfga/v1/TupleKey.js';
import type { TupleOperation as _openfga_v1_TupleOperation, TupleOperation__Output as _openfga_v1_TupleOperation__Output } from '../../openfga/v1/TupleOperation.js';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../google/protobuf/Timestamp.js';

export interface TupleChange {
  'tuple_key'?: (_openfga_v1_TupleKey | null);
  'operation'?: (_openfga_v1_TupleOperation);
  'timestamp'?: (_google_protobuf_Timestamp | null);
}

export interface TupleChange__Output {
  'tuple_key': (_openfga_v1_TupleKey__Output | null);
  'operation': (_openfga_v1_TupleOperation__Output);
  'timestamp': (_google_protobuf_Timestamp__Output | null);
}
