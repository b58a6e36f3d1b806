// Original file: proto/openfga/v1/authzmodel.proto

import type { Userset as _openfga_v1_Userset, Userset__Output as _openfga_v1_Userset__Output } from '../../openfga/v1/Userset.js';

export interface Usersets {
  'child'?: (_openfga_v1_Userset)[];
}

export interface Usersets__Output {
  'child': (_openfga_v1_Userset__Output)[];
}
