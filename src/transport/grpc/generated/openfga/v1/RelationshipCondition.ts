// Original file: proto/openfga/v1/openfga.proto

import type { Struct as _google_protobuf_Struct, Struct__Output as _google_protobuf_Struct__Output } from '../../google/protobuf/Struct.js';

export interface RelationshipCondition {
  'name'?: (string);
  'context'?: (_google_protobuf_Struct | null);
}

export interface RelationshipCondition__Output {
  'name': (string);
  'context': (_google_protobuf_Struct__Output | null);
}
