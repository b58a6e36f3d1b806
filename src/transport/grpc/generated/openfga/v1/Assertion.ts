// Original file: proto/openfga/v1/openfga_service.proto

import type { AssertionTupleKey as _openfga_v1_AssertionTupleKey, AssertionTupleKey__Output as _openfga_v1_AssertionTupleKey__Output } from '../../openfga/v1/AssertionTupleKey.js';
import type { TupleKey as _openfga_v1_TupleKey, TupleKey__Output as _openfga_v1_TupleKey__Output } from '../../openfga/v1/TupleKey.js';
import type { Struct as _google_protobuf_Struct, Struct__Output as _google_protobuf_Struct__Output } from '../../google/protobuf/Struct.js';

export interface Assertion {
  'tuple_key'?: (_openfga_v1_AssertionTupleKey | null);
  'expectation'?: (boolean);
  'contextual_tuples'?: (_openfga_v1_TupleKey)[];
  'context'?: (_google_protobuf_Struct | null);
}

export interface Assertion__Output {
  'tuple_key': (_openfga_v1_AssertionTupleKey__Output | null);
  'expectation': (boolean);
  'contextual_tuples': (_openfga_v1_TupleKey__Output)[];
  'context': (_google_protobuf_Struct__Output | null);
}
