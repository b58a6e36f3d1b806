// Original file: proto/openfga/v1/openfga.proto

import type { RelationshipCondition as _openfga_v1_RelationshipCondition, RelationshipCondition__Output as _openfga_v1_RelationshipCondition__Output } from '../../openfga/v1/RelationshipCondition.js';

export interface TupleKey {
  'user'?: (string);
  'relation'?: (string);
  'object'?: (string);
  'condition'?: (_openfga_v1_RelationshipCondition | null);
}

export interface TupleKey__Output {
  'user': (string);
  'relation': (string);
  'object': (string);
  'condition': (_openfga_v1_RelationshipCondition__Output | null);
}
