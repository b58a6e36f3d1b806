// The authorization model in OpenFGA's JSON shape (openfga.v1.AuthorizationModel), so that a
// model compiled from DSL, stored, sent over the wire and compared with OpenFGA's goldens is
// one and the same value.

export type SchemaVersion = '1.0' | '1.1' | '1.2';

export interface AuthorizationModel {
  id?: string;
  schema_version: string;
  type_definitions: TypeDefinition[];
  conditions?: Record<string, Condition>;
}

export interface TypeDefinition {
  type: string;
  relations?: Record<string, Userset>;
  metadata?: TypeMetadata | null;
}

export interface SourceInfo {
  file?: string;
}

export interface TypeMetadata {
  relations?: Record<string, RelationMetadata> | null;
  module?: string;
  source_info?: SourceInfo;
}

export interface RelationMetadata {
  directly_related_user_types?: RelationReference[];
  module?: string;
  source_info?: SourceInfo;
}

/** A type allowed on a relation: `user`, `user:*` (wildcard), `group#member`, optionally `with cond`. */
export interface RelationReference {
  type: string;
  relation?: string;
  wildcard?: Record<string, never>;
  condition?: string;
}

export interface ObjectRelation {
  object?: string;
  relation?: string;
}

export interface TupleToUserset {
  tupleset: ObjectRelation;
  computedUserset: ObjectRelation;
}

export interface Usersets {
  child: Userset[];
}

export interface Difference {
  base: Userset;
  subtract: Userset;
}

/** A relation rewrite: exactly one of the keys is set. */
export type Userset =
  | { this: Record<string, never> }
  | { computedUserset: ObjectRelation }
  | { tupleToUserset: TupleToUserset }
  | { union: Usersets }
  | { intersection: Usersets }
  | { difference: Difference };

export type ConditionTypeName =
  | 'TYPE_NAME_UNSPECIFIED'
  | 'TYPE_NAME_ANY'
  | 'TYPE_NAME_BOOL'
  | 'TYPE_NAME_STRING'
  | 'TYPE_NAME_INT'
  | 'TYPE_NAME_UINT'
  | 'TYPE_NAME_DOUBLE'
  | 'TYPE_NAME_DURATION'
  | 'TYPE_NAME_TIMESTAMP'
  | 'TYPE_NAME_MAP'
  | 'TYPE_NAME_LIST'
  | 'TYPE_NAME_IPADDRESS';

export interface ConditionParamTypeRef {
  type_name: ConditionTypeName;
  generic_types?: ConditionParamTypeRef[];
}

export interface ConditionMetadata {
  module?: string;
  source_info?: SourceInfo;
}

export interface Condition {
  name: string;
  expression: string;
  parameters?: Record<string, ConditionParamTypeRef>;
  metadata?: ConditionMetadata;
}
