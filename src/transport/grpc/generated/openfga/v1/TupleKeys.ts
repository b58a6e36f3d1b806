// Original file: proto/openfga/v1/openfga.proto

import type { TupleKey as _openfga_v1_TupleKey, TupleKey__Output as _openfga_v1_TupleKey__Output } from '../../openfga/v1/TupleKey.js';

export interface TupleKeys {
  'tuple_keys'?: (_openfga_v1_TupleKey)[];
}

export interface TupleKeys__Output {
  'tuple_keys': (_openfga_v1_TupleKey__Output)[];
}
