// Original file: proto/openfga/v1/authzmodel.proto

import type { ConditionParamTypeRef as _openfga_v1_ConditionParamTypeRef, ConditionParamTypeRef__Output as _openfga_v1_ConditionParamTypeRef__Output } from '../../openfga/v1/ConditionParamTypeRef.js';
import type { ConditionMetadata as _openfga_v1_ConditionMetadata, ConditionMetadata__Output as _openfga_v1_ConditionMetadata__Output } from '../../openfga/v1/ConditionMetadata.js';

export interface Condition {
  'name'?: (string);
  'expression'?: (string);
  'parameters'?: ({[key: string]: _openfga_v1_ConditionParamTypeRef});
  'metadata'?: (_openfga_v1_ConditionMetadata | null);
}

export interface Condition__Output {
  'name': (string);
  'expression': (string);
  'parameters': ({[key: string]: _openfga_v1_ConditionParamTypeRef__Output});
  'metadata': (_openfga_v1_ConditionMetadata__Output | null);
}
