// Original file: proto/openfga/v1/authzmodel.proto

import type { ObjectRelation as _openfga_v1_ObjectRelation, ObjectRelation__Output as _openfga_v1_ObjectRelation__Output } from '../../openfga/v1/ObjectRelation.js';

export interface TupleToUserset {
  'tupleset'?: (_openfga_v1_ObjectRelation | null);
  'computed_userset'?: (_openfga_v1_ObjectRelation | null);
}

export interface TupleToUserset__Output {
  'tupleset': (_openfga_v1_ObjectRelation__Output | null);
  'computed_userset': (_openfga_v1_ObjectRelation__Output | null);
}
