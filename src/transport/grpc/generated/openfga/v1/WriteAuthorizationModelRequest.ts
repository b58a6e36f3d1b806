// Original file: proto/openfga/v1/openfga_service.proto

import type { TypeDefinition as _openfga_v1_TypeDefinition, TypeDefinition__Output as _openfga_v1_TypeDefinition__Output } from '../../openfga/v1/TypeDefinition.js';
import type { Condition as _openfga_v1_Condition, Condition__Output as _openfga_v1_Condition__Output } from '../../openfga/v1/Condition.js';

export interface WriteAuthorizationModelRequest {
  'store_id'?: (string);
  'type_definitions'?: (_openfga_v1_TypeDefinition)[];
  'schema_version'?: (string);
  'conditions'?: ({[key: string]: _openfga_v1_Condition});
}

export interface WriteAuthorizationModelRequest__Output {
  'store_id': (string);
  'type_definitions': (_openfga_v1_TypeDefinition__Output)[];
  'schema_version': (string);
  'conditions': ({[key: string]: _openfga_v1_Condition__Output});
}
