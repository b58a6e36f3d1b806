// Original file: proto/openfga/v1/authzmodel.proto

import type { DirectUserset as _openfga_v1_DirectUserset, DirectUserset__Output as _openfga_v1_DirectUserset__Output } from '../../openfga/v1/DirectUserset.js';
import type { ObjectRelation as _openfga_v1_ObjectRelation, ObjectRelation__Output as _openfga_v1_ObjectRelation__Output } from '../../openfga/v1/ObjectRelation.js';
import type { TupleToUserset as _openfga_v1_TupleToUserset, TupleToUserset__Output as _openfga_v1_TupleToUserset__Output } from '../../openfga/v1/TupleToUserset.js';
import type { Usersets as _openfga_v1_Usersets, Usersets__Output as _openfga_v1_Usersets__Output } from '../../openfga/v1/Usersets.js';
import type { Difference as _openfga_v1_Difference, Difference__Output as _openfga_v1_Difference__Output } from '../../openfga/v1/Difference.js';

export interface Userset {
  'this'?: (_openfga_v1_DirectUserset | null);
  'computed_userset'?: (_openfga_v1_ObjectRelation | null);
  'tuple_to_userset'?: (_openfga_v1_TupleToUserset | null);
  'union'?: (_openfga_v1_Usersets | null);
  'intersection'?: (_openfga_v1_Usersets | null);
  'difference'?: (_openfga_v1_Difference | null);
  'userset'?: "this"|"computed_userset"|"tuple_to_userset"|"union"|"intersection"|"difference";
}

export interface Userset__Output {
  'this'?: (_openfga_v1_DirectUserset__Output | null);
  'computed_userset'?: (_openfga_v1_ObjectRelation__Output | null);
  'tuple_to_userset'?: (_openfga_v1_TupleToUserset__Output | null);
  'union'?: (_openfga_v1_Usersets__Output | null);
  'intersection'?: (_openfga_v1_Usersets__Output | null);
  'difference'?: (_openfga_v1_Difference__Output | null);
  'userset'?: "this"|"computed_userset"|"tuple_to_userset"|"union"|"intersection"|"difference";
}
