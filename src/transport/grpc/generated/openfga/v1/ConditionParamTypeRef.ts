// Original file: proto/openfga/v1/authzmodel.proto

import type { ConditionParamTypeRef as _openfga_v1_ConditionParamTypeRef, ConditionParamTypeRef__Output as _openfga_v1_ConditionParamTypeRef__Output } from '../../openfga/v1/ConditionParamTypeRef.js';

// Original file: proto/openfga/v1/authzmodel.proto

export const _openfga_v1_ConditionParamTypeRef_TypeName = {
  TYPE_NAME_UNSPECIFIED: 'TYPE_NAME_UNSPECIFIED',
  TYPE_NAME_ANY: 'TYPE_NAME_ANY',
  TYPE_NAME_BOOL: 'TYPE_NAME_BOOL',
  TYPE_NAME_STRING: 'TYPE_NAME_STRING',
  TYPE_NAME_INT: 'TYPE_NAME_INT',
  TYPE_NAME_UINT: 'TYPE_NAME_UINT',
  TYPE_NAME_DOUBLE: 'TYPE_NAME_DOUBLE',
  TYPE_NAME_DURATION: 'TYPE_NAME_DURATION',
  TYPE_NAME_TIMESTAMP: 'TYPE_NAME_TIMESTAMP',
  TYPE_NAME_MAP: 'TYPE_NAME_MAP',
  TYPE_NAME_LIST: 'TYPE_NAME_LIST',
  TYPE_NAME_IPADDRESS: 'TYPE_NAME_IPADDRESS',
} as const;

export type _openfga_v1_ConditionParamTypeRef_TypeName =
  | 'TYPE_NAME_UNSPECIFIED'
  | 0
  | 'TYPE_NAME_ANY'
  | 1
  | 'TYPE_NAME_BOOL'
  | 2
  | 'TYPE_NAME_STRING'
  | 3
  | 'TYPE_NAME_INT'
  | 4
  | 'TYPE_NAME_UINT'
  | 5
  | 'TYPE_NAME_DOUBLE'
  | 6
  | 'TYPE_NAME_DURATION'
  | 7
  | 'TYPE_NAME_TIMESTAMP'
  | 8
  | 'TYPE_NAME_MAP'
  | 9
  | 'TYPE_NAME_LIST'
  | 10
  | 'TYPE_NAME_IPADDRESS'
  | 11

export type _openfga_v1_ConditionParamTypeRef_TypeName__Output = typeof _openfga_v1_ConditionParamTypeRef_TypeName[keyof typeof _openfga_v1_ConditionParamTypeRef_TypeName]

export interface ConditionParamTypeRef {
  'type_name'?: (_openfga_v1_ConditionParamTypeRef_TypeName);
  'generic_types'?: (_openfga_v1_ConditionParamTypeRef)[];
}

export interface ConditionParamTypeRef__Output {
  'type_name': (_openfga_v1_ConditionParamTypeRef_TypeName__Output);
  'generic_types': (_openfga_v1_ConditionParamTypeRef__Output)[];
}
