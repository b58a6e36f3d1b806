// Original file: proto/openfga/v1/authzmodel.proto

import type { SourceInfo as _openfga_v1_SourceInfo, SourceInfo__Output as _openfga_v1_SourceInfo__Output } from '../../openfga/v1/SourceInfo.js';

export interface ConditionMetadata {
  'module'?: (string);
  'source_info'?: (_openfga_v1_SourceInfo | null);
}

export interface ConditionMetadata__Output {
  'module': (string);
  'source_info': (_openfga_v1_SourceInfo__Output | null);
}
