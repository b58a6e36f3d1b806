// JSON Schemas of the relata.v1 messages served over HTTP (proto/relata/v1/relata_service.proto),
// in the same form as schemas.ts: request shapes are validated by fastify, response shapes are
// published in the OpenAPI document. Field names are the proto's; int64 values are strings and
// timestamps RFC 3339, as protojson writes them.
import { definitionsId } from './schemas.js';
import type { JsonSchema } from './schemas.js';

const ref = (name: string): JsonSchema => ({ $ref: `${definitionsId}#/definitions/${name}` });
const nullableRef = (name: string): JsonSchema => ({ anyOf: [ref(name), { type: 'null' }] });
const str: JsonSchema = { type: 'string' };
const bool: JsonSchema = { type: ['boolean', 'null'] };
const int32: JsonSchema = { type: ['integer', 'null'], minimum: -2147483648, maximum: 2147483647 };
const int64: JsonSchema = { type: 'string', description: 'int64, as a decimal string' };
const timestamp: JsonSchema = { type: ['string', 'null'], description: 'RFC 3339' };
const struct: JsonSchema = { type: ['object', 'null'], description: 'google.protobuf.Struct: any JSON object' };
const strings: JsonSchema = { type: ['array', 'null'], items: str };
const arrayOf = (items: JsonSchema): JsonSchema => ({ type: 'array', items });
const object = (properties: Record<string, JsonSchema>): JsonSchema => ({ type: 'object', properties });

const grant = object({ store: str, scopes: strings });
const typeActions = object({ type: str, actions: strings });
const queryOptions = {
  authorization_model_id: str,
  consistency: ref('Consistency'),
  contextual_tuples: nullableRef('ContextualTupleKeys'),
  context: struct,
  consistency_token: str,
};

const apiClient = object({
  id: str,
  name: str,
  status: { type: 'string', enum: ['active', 'disabled'] },
  expires_at: timestamp,
  allowed_cidrs: arrayOf(str),
  rate_per_second: { type: 'number' },
  rate_burst: { type: 'integer' },
  grants: arrayOf(grant),
  created_at: str,
  updated_at: str,
});

const explainNode: JsonSchema = {
  type: 'object',
  description: 'relata.v1.ExplainNode: one step of the evaluation; children nest the same shape',
  properties: {
    step: str,
    result: { type: 'string', enum: ['allowed', 'denied', 'error'] },
    object: str,
    relation: str,
    tupleset: str,
    role: str,
    reason: str,
    tuple: { type: ['object', 'null'], properties: { object: str, relation: str, user: str, condition: str, contextual: { type: 'boolean' }, wildcard: { type: 'boolean' } } },
    condition: { type: ['object', 'null'], properties: { name: str, met: { type: 'boolean' }, parameters: struct, missing_parameters: arrayOf(str) } },
    error_code: { type: 'integer' },
    message: str,
    children: { type: 'array', items: { type: 'object' } },
    omitted_children: { type: 'integer' },
  },
};

/** Request bodies, by operation. */
export const relataBodies = {
  CreateApiClient: object({
    name: str,
    grants: { type: ['array', 'null'], items: grant },
    expires_at: timestamp,
    allowed_cidrs: strings,
    rate_per_second: { type: ['number', 'null'] },
    rate_burst: int32,
  }),
  WriteAuthzenActions: object({ types: { type: ['array', 'null'], items: typeActions } }),
  DeleteTuples: object({ object_type: str, object_id: str, relation: str, user: str, dry_run: bool, batch_size: int32 }),
  Explain: object({ ...queryOptions, tuple_key: nullableRef('CheckRequestTupleKey'), max_nodes: int32 }),
  ListPermissions: object({ ...queryOptions, user: str, types: strings, relations: strings, page_size: int32, continuation_token: str }),
  ListRelations: object({ ...queryOptions, object: str, user: str, relations: strings }),
} satisfies Record<string, JsonSchema>;

/** Query strings (strings on the wire; handlers parse integers and timestamps). */
export const relataQueries = {
  ListApiClients: object({ page_size: str, continuation_token: str }),
  ReadAuditRecords: object({
    actor: str,
    object: str,
    subject: str,
    operation: str,
    kind: str,
    decision: str,
    from: str,
    to: str,
    page_size: str,
    continuation_token: str,
  }),
  AuditReport: object({ from: str, to: str }),
} satisfies Record<string, JsonSchema>;

const counts = arrayOf(object({ key: str, count: int64 }));

/** Response bodies (documentation: replies are encoded by codec-relata.ts). */
export const relataResponses = {
  IssuedApiClient: object({ client: apiClient, key: str }),
  ApiClient: object({ client: apiClient }),
  ListApiClients: object({ clients: arrayOf(apiClient), continuation_token: str }),
  Empty: object({}),
  AuthzenActions: object({ types: arrayOf(typeActions) }),
  ReadAuditRecords: object({
    records: arrayOf(
      object({
        id: str,
        chain: str,
        seq: str,
        store_id: str,
        at: str,
        kind: str,
        operation: str,
        actor: str,
        result: str,
        record_json: str,
        prev_hash: str,
        hash: str,
      }),
    ),
    continuation_token: str,
  }),
  AuditReport: object({
    changes_by_actor: counts,
    changes_by_operation: counts,
    decisions_by_result: counts,
    top_denied_subjects: counts,
    top_denied_objects: counts,
    suspicious_denials: arrayOf(object({ subject: str, window_start: str, denials: int64, baseline: { type: 'number' } })),
    truncated: { type: 'boolean' },
  }),
  VerifyAudit: object({
    chains: arrayOf(
      object({ chain: str, records: int64, head_seq: str, head_hash: str, ok: { type: 'boolean' }, problem: str, problem_seq: str, message: str }),
    ),
    ok: { type: 'boolean' },
  }),
  DeleteTuples: object({ matched_count: int64, batch_count: { type: 'integer' }, consistency_token: str }),
  Explain: object({
    allowed: { type: 'boolean' },
    root: explainNode,
    node_count: { type: 'integer' },
    truncated: { type: 'boolean' },
    error: { type: ['object', 'null'], properties: { code: { type: 'integer' }, message: str } },
  }),
  ListPermissions: object({
    permissions: arrayOf(object({ object: str, relation: str })),
    continuation_token: str,
    consistency_token: str,
    truncated: { type: 'boolean' },
    condition_failures: arrayOf(object({ object: str, relation: str, message: str })),
  }),
  ListRelations: object({
    relations: arrayOf(str),
    failures: arrayOf(object({ relation: str, code: { type: 'integer' }, message: str })),
  }),
} satisfies Record<string, JsonSchema>;
