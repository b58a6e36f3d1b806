// Original file: proto/openfga/v1/authzmodel.proto

import type { Userset as _openfga_v1_Userset, Userset__Output as _openfga_v1_Userset__Output } from '../../openfga/v1/Userset.js';
import type { Metadata as _openfga_v1_Metadata, Metadata__Output as _openfga_v1_Metadata__Output } from '../../openfga/v1/Metadata.js';

export interface TypeDefinition {
  'type'?: (string);
  'relations'?: ({[key: string]: _openfga_v1_Userset});
  'metadata'?: (_openfga_v1_Metadata | null);
}

export interface TypeDefinition__Output {
  'type': (string);
  'relations': ({[key: string]: _openfga_v1_Userset__Output});
  'metadata': (_openfga_v1_Metadata__Output | null);
}
