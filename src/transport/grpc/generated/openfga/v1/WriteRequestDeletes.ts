// Original file: proto/openfga/v1/openfga_service.proto

import type { TupleKeyWithoutCondition as _openfga_v1_TupleKeyWithoutCondition, TupleKeyWithoutCondition__Output as _openfga_v1_TupleKeyWithoutCondition__Output } from '../../openfga/v1/TupleKeyWithoutCondition.js';

export interface WriteRequestDeletes {
  'tuple_keys'?: (_openfga_v1_TupleKeyWithoutCondition)[];
  'on_missing'?: (string);
}

export interface WriteRequestDeletes__Output {
  'tuple_keys': (_openfga_v1_TupleKeyWithoutCondition__Output)[];
  'on_missing': (string);
}
