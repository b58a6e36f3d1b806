// Original file: proto/openfga/v1/authzmodel.proto

import type { TypeDefinition as _openfga_v1_TypeDefinition, TypeDefinition__Output as _openfga_v1_TypeDefinition__Output } from '../../openfga/v1/TypeDefinition.js';
import type { Condition as _openfga_v1_Condition, Condition__Output as _openfga_v1_Condition__Output } from '../../openfga/v1/Condition.js';

export interface AuthorizationModel {
  'id'?: (string);
  'schema_version'?: (string);
  'type_definitions'?: (_openfga_v1_TypeDefinition)[];
  'conditions'?: ({[key: string]: _openfga_v1_Condition});
}

export interface AuthorizationModel__Output {
  'id': (string);
  'schema_version': (string);
  'type_definitions': (_openfga_v1_TypeDefinition__Output)[];
  'conditions': ({[key: string]: _openfga_v1_Condition__Output});
}
