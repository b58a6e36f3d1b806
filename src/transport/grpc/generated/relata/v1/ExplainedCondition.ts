// Original file: proto/relata/v1/relata_service.proto

import type { Struct as _google_protobuf_Struct, Struct__Output as _google_protobuf_Struct__Output } from '../../google/protobuf/Struct.js';

export interface ExplainedCondition {
  'name'?: (string);
  'met'?: (boolean);
  'parameters'?: (_google_protobuf_Struct | null);
  'missing_parameters'?: (string)[];
}

export interface ExplainedCondition__Output {
  'name': (string);
  'met': (boolean);
  'parameters': (_google_protobuf_Struct__Output | null);
  'missing_parameters': (string)[];
}
