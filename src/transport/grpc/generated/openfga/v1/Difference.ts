// Original file: proto/openfga/v1/authzmodel.proto

import type { Userset as _openfga_v1_Userset, Userset__Output as _openfga_v1_Userset__Output } from '../../openfga/v1/Userset.js';

export interface Difference {
  'base'?: (_openfga_v1_Userset | null);
  'subtract'?: (_openfga_v1_Userset | null);
}

export interface Difference__Output {
  'base': (_openfga_v1_Userset__Output | null);
  'subtract': (_openfga_v1_Userset__Output | null);
}
