// Hand-written shapes of the openfga.v1 messages as @grpc/proto-loader decodes them (keepCase,
// longs and enums as strings, defaults, virtual oneof fields). Only what the handlers touch.

export interface StructValue {
  fields?: Record<string, ValueMessage>;
}

export interface ListValueMessage {
  values?: ValueMessage[];
}

export interface ValueMessage {
  kind?: 'nullValue' | 'numberValue' | 'stringValue' | 'boolValue' | 'structValue' | 'listValue';
  nullValue?: string | number;
  numberValue?: number;
  stringValue?: string;
  boolValue?: boolean;
  structValue?: StructValue | null;
  listValue?: ListValueMessage | null;
}

export interface TimestampMessage {
  seconds: string | number;
  nanos: number;
}

export interface Int32ValueMessage {
  value: number;
}

export interface RelationshipConditionMessage {
  name: string;
  context?: StructValue | null;
}

export interface TupleKeyMessage {
  user: string;
  relation: string;
  object: string;
  condition?: RelationshipConditionMessage | null;
}

export interface ContextualTupleKeysMessage {
  tuple_keys?: TupleKeyMessage[];
}

export interface TupleMessage {
  key: TupleKeyMessage;
  timestamp: TimestampMessage;
}

export type ConsistencyMessage = 'UNSPECIFIED' | 'MINIMIZE_LATENCY' | 'HIGHER_CONSISTENCY' | string;

export interface StoreMessage {
  id: string;
  name: string;
  created_at: TimestampMessage;
  updated_at: TimestampMessage;
  deleted_at?: TimestampMessage | null;
}

// --- authorization model ---------------------------------------------------------------------

export interface ObjectRelationMessage {
  object?: string;
  relation?: string;
}

export interface UsersetMessage {
  userset?: 'this' | 'computed_userset' | 'tuple_to_userset' | 'union' | 'intersection' | 'difference';
  this?: Record<string, never> | null;
  computed_userset?: ObjectRelationMessage | null;
  tuple_to_userset?: { tupleset?: ObjectRelationMessage | null; computed_userset?: ObjectRelationMessage | null } | null;
  union?: { child?: UsersetMessage[] } | null;
  intersection?: { child?: UsersetMessage[] } | null;
  difference?: { base?: UsersetMessage | null; subtract?: UsersetMessage | null } | null;
}

export interface RelationReferenceMessage {
  type: string;
  relation_or_wildcard?: 'relation' | 'wildcard';
  relation?: string;
  wildcard?: Record<string, never> | null;
  condition?: string;
}

export interface SourceInfoMessage {
  file?: string;
}

export interface RelationMetadataMessage {
  directly_related_user_types?: RelationReferenceMessage[];
  module?: string;
  source_info?: SourceInfoMessage | null;
}

export interface MetadataMessage {
  relations?: Record<string, RelationMetadataMessage>;
  module?: string;
  source_info?: SourceInfoMessage | null;
}

export interface TypeDefinitionMessage {
  type: string;
  relations?: Record<string, UsersetMessage>;
  metadata?: MetadataMessage | null;
}

export interface ConditionParamTypeRefMessage {
  type_name: string;
  generic_types?: ConditionParamTypeRefMessage[];
}

export interface ConditionMessage {
  name: string;
  expression: string;
  parameters?: Record<string, ConditionParamTypeRefMessage>;
  metadata?: { module?: string; source_info?: SourceInfoMessage | null } | null;
}

export interface AuthorizationModelMessage {
  id: string;
  schema_version: string;
  type_definitions: TypeDefinitionMessage[];
  conditions?: Record<string, ConditionMessage>;
}

// --- expand / list users ---------------------------------------------------------------------

export interface UsersetTreeNodeMessage {
  name: string;
  leaf?: {
    users?: { users: string[] };
    computed?: { userset: string };
    tuple_to_userset?: { tupleset: string; computed: { userset: string }[] };
  };
  union?: { nodes: UsersetTreeNodeMessage[] };
  intersection?: { nodes: UsersetTreeNodeMessage[] };
  difference?: { base: UsersetTreeNodeMessage; subtract: UsersetTreeNodeMessage };
}

export type UserMessage =
  | { object: { type: string; id: string } }
  | { userset: { type: string; id: string; relation: string } }
  | { wildcard: { type: string } };

export interface AssertionMessage {
  tuple_key?: { object: string; relation: string; user: string } | null;
  expectation: boolean;
  contextual_tuples?: TupleKeyMessage[];
  context?: StructValue | null;
}

// --- requests --------------------------------------------------------------------------------

export interface StoreIdRequest {
  store_id: string;
}

export interface CreateStoreRequest {
  name: string;
}

export interface UpdateStoreRequest extends StoreIdRequest {
  name: string;
}

export interface ListStoresRequest {
  page_size?: Int32ValueMessage | null;
  continuation_token: string;
  name?: string;
}

export interface WriteAuthorizationModelRequest extends StoreIdRequest {
  type_definitions: TypeDefinitionMessage[];
  schema_version: string;
  conditions?: Record<string, ConditionMessage>;
}

export interface ReadAuthorizationModelRequest extends StoreIdRequest {
  id: string;
}

export interface ReadAuthorizationModelsRequest extends StoreIdRequest {
  page_size?: Int32ValueMessage | null;
  continuation_token: string;
}

export interface WriteRequest extends StoreIdRequest {
  writes?: { tuple_keys?: TupleKeyMessage[]; on_duplicate?: string } | null;
  deletes?: { tuple_keys?: TupleKeyMessage[]; on_missing?: string } | null;
  authorization_model_id: string;
}

export interface ReadRequest extends StoreIdRequest {
  tuple_key?: { user: string; relation: string; object: string } | null;
  page_size?: Int32ValueMessage | null;
  continuation_token: string;
  consistency?: ConsistencyMessage;
}

export interface ReadChangesRequest extends StoreIdRequest {
  type: string;
  page_size?: Int32ValueMessage | null;
  continuation_token: string;
  start_time?: TimestampMessage | null;
}

export interface CheckTupleKeyMessage {
  user: string;
  relation: string;
  object: string;
}

export interface CheckRequest extends StoreIdRequest {
  tuple_key?: CheckTupleKeyMessage | null;
  contextual_tuples?: ContextualTupleKeysMessage | null;
  authorization_model_id: string;
  trace?: boolean;
  context?: StructValue | null;
  consistency?: ConsistencyMessage;
}

export interface BatchCheckItemMessage {
  tuple_key?: CheckTupleKeyMessage | null;
  contextual_tuples?: ContextualTupleKeysMessage | null;
  context?: StructValue | null;
  correlation_id: string;
}

export interface BatchCheckRequest extends StoreIdRequest {
  checks?: BatchCheckItemMessage[];
  authorization_model_id: string;
  consistency?: ConsistencyMessage;
}

export interface ExpandRequest extends StoreIdRequest {
  tuple_key?: { relation: string; object: string } | null;
  authorization_model_id: string;
  consistency?: ConsistencyMessage;
  contextual_tuples?: ContextualTupleKeysMessage | null;
}

export interface ListObjectsRequest extends StoreIdRequest {
  authorization_model_id: string;
  type: string;
  relation: string;
  user: string;
  contextual_tuples?: ContextualTupleKeysMessage | null;
  context?: StructValue | null;
  consistency?: ConsistencyMessage;
}

export interface ListObjectsPageRequest extends ListObjectsRequest {
  page_size: number;
  continuation_token: string;
  consistency_token: string;
}

export interface ListUsersRequest extends StoreIdRequest {
  authorization_model_id: string;
  object?: { type: string; id: string } | null;
  relation: string;
  user_filters?: { type: string; relation?: string }[];
  contextual_tuples?: TupleKeyMessage[];
  context?: StructValue | null;
  consistency?: ConsistencyMessage;
}

export interface WriteAssertionsRequest extends StoreIdRequest {
  authorization_model_id: string;
  assertions?: AssertionMessage[];
}

export interface ReadAssertionsRequest extends StoreIdRequest {
  authorization_model_id: string;
}
