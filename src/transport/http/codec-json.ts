// OpenFGA's JSON (what its grpc-gateway emits and accepts: proto field names, enums by name,
// Struct as a JSON object, Timestamp as RFC 3339, unpopulated fields emitted) <-> the service's
// plain values. Bodies arrive already shape-checked by the route's JSON Schema (schemas.ts), so
// decoders only default absent fields; caller-chosen keys (context, correlation ids) land in
// prototype-free dictionaries.
import { ErrorCode, ValidationError, newDict, parseJsonModel, modelValidationError } from '../../model/index.js';
import type { AuthorizationModel, TupleKey } from '../../model/index.js';
import type { Assertion, ConsistencyPreference, ExpandNode, StoreInfo, StoredTuple, TupleChange } from '../../service/index.js';

export interface TupleKeyJson {
  object?: string;
  relation?: string;
  user?: string;
  condition?: { name?: string; context?: JsonObject | null } | null;
}

export type JsonObject = Record<string, unknown>;

export interface ContextualTuplesJson {
  tuple_keys?: TupleKeyJson[];
}

/** google.protobuf.Struct from JSON: a prototype-free deep copy (`toString` is a key, never a method). */
export function structFromJson(value: JsonObject | null | undefined): Record<string, unknown> | undefined {
  if (value === null || value === undefined) return undefined;
  return copyObject(value);
}

function copyObject(value: JsonObject): Record<string, unknown> {
  const out = newDict<unknown>();
  for (const key of Object.keys(value)) out[key] = copyValue(value[key]);
  return out;
}

function copyValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copyValue);
  if (typeof value === 'object' && value !== null) return copyObject(value as JsonObject);
  return value;
}

export function decodeTupleKey(json: TupleKeyJson): TupleKey {
  const key: TupleKey = { object: json.object ?? '', relation: json.relation ?? '', user: json.user ?? '' };
  if (json.condition?.name) {
    const context = structFromJson(json.condition.context);
    key.condition = context ? { name: json.condition.name, context } : { name: json.condition.name };
  }
  return key;
}

export function decodeTupleKeys(json: TupleKeyJson[] | null | undefined): TupleKey[] {
  return (json ?? []).map(decodeTupleKey);
}

export function decodeContextualTuples(json: ContextualTuplesJson | null | undefined): TupleKey[] | undefined {
  const keys = json?.tuple_keys;
  return keys?.length ? keys.map(decodeTupleKey) : undefined;
}

/** protojson accepts an enum by name or by number. */
const consistencyNumbers: Record<number, ConsistencyPreference> = { 0: 'UNSPECIFIED', 100: 'MINIMIZE_LATENCY', 200: 'HIGHER_CONSISTENCY' };

export function decodeConsistency(value: string | number | null | undefined): ConsistencyPreference | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (typeof value === 'number') {
    const name = Object.hasOwn(consistencyNumbers, value) ? consistencyNumbers[value] : undefined;
    if (!name) throw new ValidationError(ErrorCode.ValidationError, `invalid value for enum field consistency: ${value}`);
    return name;
  }
  return value as ConsistencyPreference;
}

/** The body of WriteAuthorizationModel, checked field by field by the model's own JSON reader. */
export function decodeModel(body: { schema_version?: unknown; type_definitions?: unknown; conditions?: unknown }): Omit<AuthorizationModel, 'id'> {
  const { model, errors } = parseJsonModel({ schema_version: body.schema_version, type_definitions: body.type_definitions, conditions: body.conditions });
  if (!model) throw modelValidationError(errors);
  return { schema_version: model.schema_version, type_definitions: model.type_definitions, ...(model.conditions ? { conditions: model.conditions } : {}) };
}

export function decodeAssertion(json: {
  tuple_key?: TupleKeyJson;
  expectation?: boolean;
  contextual_tuples?: TupleKeyJson[];
  context?: JsonObject | null;
}): Assertion {
  const key = json.tuple_key ?? {};
  const assertion: Assertion = {
    tupleKey: { object: key.object ?? '', relation: key.relation ?? '', user: key.user ?? '' },
    expectation: json.expectation ?? false,
  };
  if (json.contextual_tuples?.length) assertion.contextualTuples = decodeTupleKeys(json.contextual_tuples);
  const context = structFromJson(json.context);
  if (context) assertion.context = context;
  return assertion;
}

/** A query-string integer (grpc-gateway parses `page_size=` as int32). */
export function queryInteger(value: string | undefined, field: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^-?\d{1,10}$/.test(value)) throw new ValidationError(ErrorCode.ValidationError, `invalid value for int32 field ${field}: ${JSON.stringify(value.slice(0, 32))}`);
  return Number(value);
}

/** RFC 3339 as protojson reads a Timestamp. */
export function decodeTimestamp(value: string | undefined, field: string): Date | undefined {
  if (value === undefined || value === '') return undefined;
  const rfc3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/;
  const date = rfc3339.test(value) ? new Date(value) : undefined;
  if (!date || Number.isNaN(date.getTime())) {
    throw new ValidationError(ErrorCode.ValidationError, `invalid value for Timestamp field ${field}: ${JSON.stringify(value.slice(0, 40))} is not RFC 3339`);
  }
  return date;
}

// ---- encode -----------------------------------------------------------------------------------

/** RFC 3339 as protojson writes it: `Z`, fractional seconds only when non-zero. */
export function encodeTimestamp(date: Date): string {
  return date.toISOString().replace('.000Z', 'Z');
}

export function encodeTupleKey(key: TupleKey): Required<Pick<TupleKeyJson, 'object' | 'relation' | 'user'>> & { condition: TupleKeyJson['condition'] } {
  return {
    user: key.user,
    relation: key.relation,
    object: key.object,
    condition: key.condition ? { name: key.condition.name, context: key.condition.context ?? {} } : null,
  };
}

export function encodeStore(store: StoreInfo) {
  return {
    id: store.id,
    name: store.name,
    created_at: encodeTimestamp(store.createdAt),
    updated_at: encodeTimestamp(store.updatedAt),
    deleted_at: store.deletedAt ? encodeTimestamp(store.deletedAt) : null,
  };
}

export function encodeTuple(tuple: StoredTuple) {
  return { key: encodeTupleKey(tuple.key), timestamp: encodeTimestamp(tuple.timestamp) };
}

export function encodeChange(change: TupleChange) {
  return {
    tuple_key: encodeTupleKey(change.key),
    operation: change.operation === 'delete' ? 'TUPLE_OPERATION_DELETE' : 'TUPLE_OPERATION_WRITE',
    timestamp: encodeTimestamp(change.timestamp),
  };
}

/** The model is kept in OpenFGA's JSON shape already; only the unpopulated fields are added. */
export function encodeModel(model: AuthorizationModel) {
  return {
    id: model.id ?? '',
    schema_version: model.schema_version,
    type_definitions: model.type_definitions.map((def) => ({ type: def.type, relations: def.relations ?? {}, metadata: def.metadata ?? null })),
    conditions: model.conditions ?? {},
  };
}

export function encodeAssertion(assertion: Assertion) {
  return {
    tuple_key: { object: assertion.tupleKey.object, relation: assertion.tupleKey.relation, user: assertion.tupleKey.user },
    expectation: assertion.expectation,
    contextual_tuples: (assertion.contextualTuples ?? []).map(encodeTupleKey),
    context: assertion.context ?? null,
  };
}

export interface TreeNodeJson {
  name: string;
  leaf?: unknown;
  union?: { nodes: TreeNodeJson[] };
  intersection?: { nodes: TreeNodeJson[] };
  difference?: { base: TreeNodeJson; subtract: TreeNodeJson };
}

/** openfga.v1.UsersetTree.Node; the oneofs carry their JSON names (`tupleToUserset`). */
export function encodeTreeNode(node: ExpandNode): TreeNodeJson {
  if (node.leaf) return { name: node.name, leaf: node.leaf };
  if (node.union) return { name: node.name, union: { nodes: node.union.nodes.map(encodeTreeNode) } };
  if (node.intersection) return { name: node.name, intersection: { nodes: node.intersection.nodes.map(encodeTreeNode) } };
  if (node.difference) return { name: node.name, difference: { base: encodeTreeNode(node.difference.base), subtract: encodeTreeNode(node.difference.subtract) } };
  return { name: node.name };
}
