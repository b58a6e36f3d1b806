// Original file: proto/openfga/v1/openfga_service.proto

import type { TupleKey as _openfga_v1_TupleKey, TupleKey__Output as _openfga_v1_TupleKey__Output } from '../../openfga/v1/TupleKey.js';

export interface WriteRequestWrites {
  'tuple_keys'?: (_openfga_v1_TupleKey)[];
  'on_duplicate'?: (string);
}

export interface WriteRequestWrites__Output {
  'tuple_keys': (_openfga_v1_TupleKey__Output)[];
  'on_duplicate': (string);
}
