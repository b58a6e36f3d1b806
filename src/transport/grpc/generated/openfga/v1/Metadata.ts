// Original file: proto/openfga/v1/authzmodel.proto

import type { RelationMetadata as _openfga_v1_RelationMetadata, RelationMetadata__Output as _openfga_v1_RelationMetadata__Output } from '../../openfga/v1/RelationMetadata.js';
import type { SourceInfo as _openfga_v1_SourceInfo, SourceInfo__Output as _openfga_v1_SourceInfo__Output } from '../../openfga/v1/SourceInfo.js';

export interface Metadata {
  'relations'?: ({[key: string]: _openfga_v1_RelationMetadata});
  'module'?: (string);
  'source_info'?: (_openfga_v1_SourceInfo | null);
}

export interface Metadata__Output {
  'relations': ({[key: string]: _openfga_v1_RelationMetadata__Output});
  'module': (string);
  'source_info': (_openfga_v1_SourceInfo__Output | null);
}
