// Original file: proto/openfga/v1/authzmodel.proto

import type { RelationReference as _openfga_v1_RelationReference, RelationReference__Output as _openfga_v1_RelationReference__Output } from '../../openfga/v1/RelationReference.js';

export interface RelationTypeInfo {
  'directly_related_user_types'?: (_openfga_v1_RelationReference)[];
}

export interface RelationTypeInfo__Output {
  'directly_related_user_types': (_openfga_v1_RelationReference__Output)[];
}
