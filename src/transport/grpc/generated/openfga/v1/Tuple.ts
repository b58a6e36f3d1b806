// Original file: proto/openfga/v1/openfga.proto

import type { TupleKey as _openfga_v1_TupleKey, TupleKey__Output as _openfga_v1_TupleKey__Output } from '../../openfga/v1/TupleKey.js';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../google/protobuf/Timestamp.js';

export interface Tuple {
  'key'?: (_openfga_v1_TupleKey | null);
  'timestamp'?: (_google_protobuf_Timestamp | null);
}

export interface Tuple__Output {
  'key': (_openfga_v1_TupleKey__Output | null);
  'timestamp': (_google_protobuf_Timestamp__Output | null);
}
