// JSON Schemas of OpenFGA's HTTP messages: fastify validates every request with them (ajv,
// compiled once; a wrong type is a 400 naming the field) and the OpenAPI document publishes the
// same objects, so the two cannot disagree. Unknown fields are ignored, as OpenFGA's gateway
// does (protojson DiscardUnknown): a newer SDK may send fields an older server does not know.
// Message-typed fields accept null (protojson reads it as unset).

export type JsonSchema = Record<string, unknown>;

/** The id under which the shared definitions are registered with fastify. */
export const definitionsId = 'openfga';

const ref = (name: string): JsonSchema => ({ $ref: `${definitionsId}#/definitions/${name}` });
const nullableRef = (name: string): JsonSchema => ({ anyOf: [ref(name), { type: 'null' }] });
const str: JsonSchema = { type: 'string' };
const bool: JsonSchema = { type: 'boolean' };
const int32: JsonSchema = { type: ['integer', 'null'], minimum: -2147483648, maximum: 2147483647 };
const struct: JsonSchema = { type: ['object', 'null'], description: 'google.protobuf.Struct: any JSON object' };
const arrayOf = (items: JsonSchema): JsonSchema => ({ type: ['array', 'null'], items });
const object = (properties: Record<string, JsonSchema>, required?: string[]): JsonSchema => ({
  type: 'object',
  properties,
  ...(required ? { required } : {}),
});

export const definitions: Record<string, JsonSchema> = {
  Struct: struct,
  Consistency: {
    type: ['string', 'integer', 'null'],
    enum: ['UNSPECIFIED', 'MINIMIZE_LATENCY', 'HIGHER_CONSISTENCY', 0, 100, 200, null],
    description: 'ConsistencyPreference, by name or number',
  },
  RelationshipCondition: object({ name: str, context: struct }),
  TupleKey: object({ object: str, relation: str, user: str, condition: nullableRef('RelationshipCondition') }),
  TupleKeyWithoutCondition: object({ object: str, relation: str, user: str }),
  CheckRequestTupleKey: object({ object: str, relation: str, user: str }),
  ContextualTupleKeys: object({ tuple_keys: arrayOf(ref('TupleKey')) }),
  Store: object({ id: str, name: str, created_at: str, updated_at: str, deleted_at: { type: ['string', 'null'] } }),
  AuthorizationModel: object({
    id: str,
    schema_version: str,
    type_definitions: { type: 'array', items: { type: 'object' } },
    conditions: { type: 'object' },
  }),
  Tuple: object({ key: ref('TupleKey'), timestamp: str }),
  TupleChange: object({ tuple_key: ref('TupleKey'), operation: { type: 'string', enum: ['TUPLE_OPERATION_WRITE', 'TUPLE_OPERATION_DELETE'] }, timestamp: str }),
  Assertion: object({
    tuple_key: ref('CheckRequestTupleKey'),
    expectation: bool,
    contextual_tuples: arrayOf(ref('TupleKey')),
    context: struct,
  }),
  User: {
    type: 'object',
    description: 'exactly one of object, userset, wildcard',
    properties: {
      object: object({ type: str, id: str }),
      userset: object({ type: str, id: str, relation: str }),
      wildcard: object({ type: str }),
    },
  },
  UsersetTreeNode: { type: 'object', description: 'name and one of leaf, union, intersection, difference', properties: { name: str } },
  Error: object({ code: str, message: str }, ['code', 'message']),
};

const queryOptions = { authorization_model_id: str, consistency: ref('Consistency') };

/** Request bodies, by operation. */
export const bodies = {
  CreateStore: object({ name: str }),
  UpdateStore: object({ name: str }),
  WriteAuthorizationModel: object({
    schema_version: str,
    type_definitions: arrayOf({ type: 'object' }),
    conditions: { type: ['object', 'null'] },
  }),
  WriteAssertions: object({ assertions: arrayOf(ref('Assertion')) }),
  Write: object({
    authorization_model_id: str,
    writes: { anyOf: [object({ tuple_keys: arrayOf(ref('TupleKey')), on_duplicate: str }), { type: 'null' }] },
    deletes: { anyOf: [object({ tuple_keys: arrayOf(ref('TupleKeyWithoutCondition')), on_missing: str }), { type: 'null' }] },
  }),
  Read: object({
    tuple_key: { anyOf: [object({ object: str, relation: str, user: str }), { type: 'null' }] },
    page_size: int32,
    continuation_token: str,
    consistency: ref('Consistency'),
  }),
  Check: object({
    ...queryOptions,
    tuple_key: ref('CheckRequestTupleKey'),
    contextual_tuples: nullableRef('ContextualTupleKeys'),
    context: struct,
    trace: bool,
  }),
  BatchCheck: object({
    ...queryOptions,
    checks: arrayOf(
      object({ tuple_key: ref('CheckRequestTupleKey'), contextual_tuples: nullableRef('ContextualTupleKeys'), context: struct, correlation_id: str }),
    ),
  }),
  Expand: object({ ...queryOptions, tuple_key: object({ object: str, relation: str }), contextual_tuples: nullableRef('ContextualTupleKeys') }),
  ListObjects: object({ ...queryOptions, type: str, relation: str, user: str, contextual_tuples: nullableRef('ContextualTupleKeys'), context: struct }),
  ListUsers: object({
    ...queryOptions,
    object: { anyOf: [object({ type: str, id: str }), { type: 'null' }] },
    relation: str,
    user_filters: arrayOf(object({ type: str, relation: str })),
    contextual_tuples: arrayOf(ref('TupleKey')),
    context: struct,
  }),
  ListObjectsPage: object({
    ...queryOptions,
    type: str,
    relation: str,
    user: str,
    contextual_tuples: nullableRef('ContextualTupleKeys'),
    context: struct,
    page_size: int32,
    continuation_token: str,
    consistency_token: str,
  }),
  WriteTuples: object({
    authorization_model_id: str,
    writes: arrayOf(object({ tuple_key: nullableRef('TupleKey'), expires_at: { type: ['string', 'null'], description: 'RFC 3339; unset = never' } })),
    deletes: arrayOf(ref('TupleKeyWithoutCondition')),
    on_duplicate: str,
    on_missing: str,
  }),
  ReadTuples: object({
    tuple_key: { anyOf: [object({ object: str, relation: str, user: str }), { type: 'null' }] },
    page_size: int32,
    continuation_token: str,
  }),
} satisfies Record<string, JsonSchema>;

/** Query strings are strings on the wire; handlers parse integers and timestamps (codec-json.ts). */
export const queries = {
  ListStores: object({ page_size: str, continuation_token: str, name: str }),
  ReadAuthorizationModels: object({ page_size: str, continuation_token: str }),
  ReadChanges: object({ type: str, page_size: str, continuation_token: str, start_time: str }),
} satisfies Record<string, JsonSchema>;

const paged = (field: string, items: JsonSchema): JsonSchema => object({ [field]: { type: 'array', items }, continuation_token: str });

/** Response bodies (documentation only: replies are encoded by codec-json.ts, not by fastify). */
export const responses = {
  CreateStore: ref('Store'),
  GetStore: ref('Store'),
  UpdateStore: ref('Store'),
  DeleteStore: undefined,
  ListStores: paged('stores', ref('Store')),
  WriteAuthorizationModel: object({ authorization_model_id: str }),
  ReadAuthorizationModel: object({ authorization_model: ref('AuthorizationModel') }),
  ReadAuthorizationModels: paged('authorization_models', ref('AuthorizationModel')),
  WriteAssertions: undefined,
  ReadAssertions: object({ authorization_model_id: str, assertions: { type: 'array', items: ref('Assertion') } }),
  Write: object({}),
  Read: paged('tuples', ref('Tuple')),
  ReadChanges: paged('changes', ref('TupleChange')),
  Check: object({ allowed: bool, resolution: str }),
  BatchCheck: object({
    result: {
      type: 'object',
      description: 'by correlation id',
      additionalProperties: object({ allowed: bool, error: object({ input_error: str, internal_error: str, message: str }) }),
    },
  }),
  Expand: object({ tree: object({ root: ref('UsersetTreeNode') }) }),
  ListObjects: object({ objects: { type: 'array', items: str } }),
  StreamedListObjects: object({ result: object({ object: str }), error: ref('Error') }),
  ListUsers: object({ users: { type: 'array', items: ref('User') } }),
  ListObjectsPage: object({
    objects: { type: 'array', items: str },
    continuation_token: str,
    consistency_token: str,
    truncated: bool,
    condition_failures: { type: 'array', items: object({ object: str, message: str }) },
  }),
  WriteTuples: object({ consistency_token: str }),
  ReadTuples: paged('tuples', object({ key: ref('TupleKey'), timestamp: str, expires_at: { type: ['string', 'null'] } })),
} satisfies Record<string, JsonSchema | undefined>;
