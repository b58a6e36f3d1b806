// Original file: proto/openfga/v1/authzmodel.proto

import type { Userset as _openfga_v1_Userset, Userset__Output as _openfga_v1_Userset__Output } from '../../openfga/v1/Userset.js';
import type { RelationTypeInfo as _openfga_v1_RelationTypeInfo, RelationTypeInfo__Output as _openfga_v1_RelationTypeInfo__Output } from '../../openfga/v1/RelationTypeInfo.js';

export interface Relation {
  'name'?: (string);
  'rewrite'?: (_openfga_v1_Userset | null);
  'type_info'?: (_openfga_v1_RelationTypeInfo | null);
}

export interface Relation__Output {
  'name': (string);
  'rewrite': (_openfga_v1_Userset__Output | null);
  'type_info': (_openfga_v1_RelationTypeInfo__Output | null);
}
