// Original file: proto/relata/v1/relata_service.proto

import type { TupleKey as _openfga_v1_TupleKey, TupleKey__Output as _openfga_v1_TupleKey__Output } from '../../openfga/v1/TupleKey.js';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../google/protobuf/Timestamp.js';

export interface ExpiringTupleKey {
  'tuple_key'?: (_openfga_v1_TupleKey | null);
  'expires_at'?: (_google_protobuf_Timestamp | null);
}

export interface ExpiringTupleKey__Output {
  'tuple_key': (_openfga_v1_TupleKey__Output | null);
  'expires_at': (_google_protobuf_Timestamp__Output | null);
}
