// Original file: proto/openfga/v1/authzmodel.proto

import type { RelationReference as _openfga_v1_RelationReference, RelationReference__Output as _openfga_v1_RelationReference__Output } from '../../openfga/v1/RelationReference.js';
import type { SourceInfo as _openfga_v1_SourceInfo, SourceInfo__Output as _openfga_v1_SourceInfo__Output } from '../../openfga/v1/SourceInfo.js';

export interface RelationMetadata {
  'directly_related_user_types'?: (_openfga_v1_RelationReference)[];
  'module'?: (string);
  'source_info'?: (_openfga_v1_SourceInfo | null);
}

export interface RelationMetadata__Output {
  'directly_related_user_types': (_openfga_v1_RelationReference__Output)[];
  'module': (string);
  'source_info': (_openfga_v1_SourceInfo__Output | null);
}
