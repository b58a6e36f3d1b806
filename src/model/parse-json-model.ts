// Turns untrusted JSON (a string or a decoded value) into a typed AuthorizationModel, checking
// every field's shape. Nothing of the input is trusted or kept beyond the known fields; each
// problem names its field path (`type_definitions[1].relations.viewer`).

import { GENERIC_PARAM_TYPES, SCALAR_PARAM_TYPES } from './condition-param-types.js';
import { newDict } from './dict.js';
import type { ModelError } from './model-error.js';
import { MAX_REWRITE_DEPTH } from './model-limits.js';
import type {
  AuthorizationModel,
  Condition,
  ConditionParamTypeRef,
  ConditionTypeName,
  ObjectRelation,
  RelationMetadata,
  RelationReference,
  SourceInfo,
  TypeDefinition,
  TypeMetadata,
  Userset,
} from './types.js';

export interface ParsedJsonModel {
  model?: AuthorizationModel;
  errors: ModelError[];
}

type Json = Record<string, unknown>;

const USERSET_KEYS = ['this', 'computedUserset', 'tupleToUserset', 'union', 'intersection', 'difference'] as const;

class ShapeReader {
  readonly errors: ModelError[] = [];

  fail(path: string, problem: string): undefined {
    this.errors.push({ message: `${path}: ${problem}`, errorType: 'invalid-json-model', symbol: path });
    return undefined;
  }

  /** Like fail, but a problem already reported for `path` is not repeated (each branch of a deep tree would). */
  failOnce(path: string, problem: string): undefined {
    const message = `${path}: ${problem}`;
    return this.errors.some((error) => error.message === message) ? undefined : this.fail(path, problem);
  }

  object(value: unknown, path: string): Json | undefined {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Json;
    return this.fail(path, `expected an object, got ${describe(value)}`);
  }

  /** An optional field: absent or null means undefined. */
  optional<T>(value: unknown, read: (value: unknown) => T | undefined): T | undefined {
    return value === undefined || value === null ? undefined : read(value);
  }

  string(value: unknown, path: string): string | undefined {
    return typeof value === 'string' ? value : this.fail(path, `expected a string, got ${describe(value)}`);
  }

  array(value: unknown, path: string): unknown[] | undefined {
    return Array.isArray(value) ? value : this.fail(path, `expected an array, got ${describe(value)}`);
  }

  record<T>(value: unknown, path: string, read: (value: unknown, path: string) => T | undefined): Record<string, T> | undefined {
    const obj = this.object(value, path);
    if (!obj) return undefined;
    // JSON.parse keeps `__proto__` as an own key; a prototype-free record keeps it one too.
    const out = newDict<T>();
    for (const [key, item] of Object.entries(obj)) {
      const parsed = read(item, `${path}.${key}`);
      if (parsed !== undefined) out[key] = parsed;
    }
    return out;
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? `the string ${JSON.stringify(value)}` : `${typeof value} ${String(value)}`;
}

/** Shape-checks a JSON model; semantic rules are validateModel's job. */
export function parseJsonModel(input: unknown): ParsedJsonModel {
  const r = new ShapeReader();
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input) as unknown;
    } catch (cause) {
      r.fail('model', `invalid JSON (${cause instanceof Error ? cause.message : String(cause)})`);
      return { errors: r.errors };
    }
  }
  const root = r.object(value, 'model');
  if (!root) return { errors: r.errors };

  const model: AuthorizationModel = { schema_version: '', type_definitions: [] };
  const id = r.optional(root.id, (v) => r.string(v, 'id'));
  if (id !== undefined) model.id = id;
  model.schema_version = r.optional(root.schema_version, (v) => r.string(v, 'schema_version')) ?? '';
  const typeDefs = r.optional(root.type_definitions, (v) => r.array(v, 'type_definitions')) ?? [];
  typeDefs.forEach((item, i) => {
    const typeDef = readTypeDefinition(r, item, `type_definitions[${i}]`);
    if (typeDef) model.type_definitions.push(typeDef);
  });
  const conditions = r.optional(root.conditions, (v) => r.record(v, 'conditions', (c, path) => readCondition(r, c, path)));
  if (conditions) model.conditions = conditions;
  return r.errors.length ? { errors: r.errors } : { model, errors: [] };
}

function readTypeDefinition(r: ShapeReader, value: unknown, path: string): TypeDefinition | undefined {
  const obj = r.object(value, path);
  if (!obj) return undefined;
  const type = r.string(obj.type, `${path}.type`);
  const relations = r.optional(obj.relations, (v) => r.record(v, `${path}.relations`, (u, p) => readUserset(r, u, p)));
  const metadata = r.optional(obj.metadata, (v) => readTypeMetadata(r, v, `${path}.metadata`));
  if (type === undefined) return undefined;
  const typeDef: TypeDefinition = { type };
  if (relations) typeDef.relations = relations;
  if (metadata) typeDef.metadata = metadata;
  return typeDef;
}

function readTypeMetadata(r: ShapeReader, value: unknown, path: string): TypeMetadata | undefined {
  const obj = r.object(value, path);
  if (!obj) return undefined;
  const metadata: TypeMetadata = {};
  const relations = r.optional(obj.relations, (v) => r.record(v, `${path}.relations`, (m, p) => readRelationMetadata(r, m, p)));
  if (relations) metadata.relations = relations;
  readOrigin(r, obj, path, metadata);
  return metadata;
}

function readOrigin(r: ShapeReader, obj: Json, path: string, into: { module?: string; source_info?: SourceInfo }): void {
  const module = r.optional(obj.module, (v) => r.string(v, `${path}.module`));
  if (module) into.module = module;
  const sourceInfo = r.optional(obj.source_info, (v) => r.object(v, `${path}.source_info`));
  if (sourceInfo) {
    const file = r.optional(sourceInfo.file, (v) => r.string(v, `${path}.source_info.file`));
    into.source_info = file ? { file } : {};
  }
}

function readRelationMetadata(r: ShapeReader, value: unknown, path: string): RelationMetadata | undefined {
  const obj = r.object(value, path);
  if (!obj) return undefined;
  const metadata: RelationMetadata = {};
  const refs = r.optional(obj.directly_related_user_types, (v) => r.array(v, `${path}.directly_related_user_types`));
  if (refs) {
    metadata.directly_related_user_types = [];
    refs.forEach((item, i) => {
      const ref = readReference(r, item, `${path}.directly_related_user_types[${i}]`);
      if (ref) metadata.directly_related_user_types?.push(ref);
    });
  }
  readOrigin(r, obj, path, metadata);
  return metadata;
}

function readReference(r: ShapeReader, value: unknown, path: string): RelationReference | undefined {
  const obj = r.object(value, path);
  if (!obj) return undefined;
  const type = r.string(obj.type, `${path}.type`);
  const relation = r.optional(obj.relation, (v) => r.string(v, `${path}.relation`));
  const wildcard = r.optional(obj.wildcard, (v) => r.object(v, `${path}.wildcard`));
  const condition = r.optional(obj.condition, (v) => r.string(v, `${path}.condition`));
  if (type === undefined) return undefined;
  const ref: RelationReference = { type };
  if (relation) ref.relation = relation;
  if (wildcard) ref.wildcard = {};
  if (condition) ref.condition = condition;
  return ref;
}

function readObjectRelation(r: ShapeReader, value: unknown, path: string): ObjectRelation | undefined {
  const obj = r.object(value, path);
  if (!obj) return undefined;
  const out: ObjectRelation = {};
  const object = r.optional(obj.object, (v) => r.string(v, `${path}.object`));
  const relation = r.optional(obj.relation, (v) => r.string(v, `${path}.relation`));
  if (object) out.object = object;
  if (relation) out.relation = relation;
  return out;
}

function readChildren(r: ShapeReader, value: unknown, path: string, depth: number, root: string): Userset[] | undefined {
  const obj = r.object(value, path);
  if (!obj) return undefined;
  const children = r.array(obj.child, `${path}.child`);
  if (!children) return undefined;
  if (children.length < 1) return r.fail(`${path}.child`, 'expected at least one child');
  const out: Userset[] = [];
  children.forEach((child, i) => {
    const userset = readUserset(r, child, `${path}.child[${i}]`, depth, root);
    if (userset) out.push(userset);
  });
  return out;
}

/** `depth` counts the operators above; `root` is the relation's path, which a too-deep error names. */
function readUserset(r: ShapeReader, value: unknown, path: string, depth = 0, root = path): Userset | undefined {
  if (depth > MAX_REWRITE_DEPTH) return r.failOnce(root, `rewrite nested more than ${MAX_REWRITE_DEPTH} levels deep`);
  const obj = r.object(value, path);
  if (!obj) return undefined;
  const keys = USERSET_KEYS.filter((key) => obj[key] !== undefined && obj[key] !== null);
  if (keys.length !== 1) {
    return r.fail(path, `expected exactly one of ${USERSET_KEYS.join(', ')}, got ${keys.length ? keys.join(', ') : 'none'}`);
  }
  const key = keys[0];
  const inner = obj[key];
  switch (key) {
    case 'this':
      return r.object(inner, `${path}.this`) ? { this: {} } : undefined;
    case 'computedUserset': {
      const computed = readObjectRelation(r, inner, `${path}.computedUserset`);
      return computed ? { computedUserset: computed } : undefined;
    }
    case 'tupleToUserset': {
      const ttu = r.object(inner, `${path}.tupleToUserset`);
      if (!ttu) return undefined;
      const tupleset = readObjectRelation(r, ttu.tupleset, `${path}.tupleToUserset.tupleset`);
      const computed = readObjectRelation(r, ttu.computedUserset, `${path}.tupleToUserset.computedUserset`);
      return tupleset && computed ? { tupleToUserset: { tupleset, computedUserset: computed } } : undefined;
    }
    case 'union': {
      const child = readChildren(r, inner, `${path}.union`, depth + 1, root);
      return child ? { union: { child } } : undefined;
    }
    case 'intersection': {
      const child = readChildren(r, inner, `${path}.intersection`, depth + 1, root);
      return child ? { intersection: { child } } : undefined;
    }
    case 'difference': {
      const diff = r.object(inner, `${path}.difference`);
      if (!diff) return undefined;
      const base = readUserset(r, diff.base, `${path}.difference.base`, depth + 1, root);
      const subtract = readUserset(r, diff.subtract, `${path}.difference.subtract`, depth + 1, root);
      return base && subtract ? { difference: { base, subtract } } : undefined;
    }
  }
}

const PARAM_TYPES: ReadonlySet<string> = new Set(['TYPE_NAME_UNSPECIFIED', ...Object.keys(SCALAR_PARAM_TYPES), ...Object.keys(GENERIC_PARAM_TYPES)]);

function readParamType(r: ShapeReader, value: unknown, path: string, depth = 0, root = path): ConditionParamTypeRef | undefined {
  if (depth > MAX_REWRITE_DEPTH) return r.failOnce(root, `generic types nested more than ${MAX_REWRITE_DEPTH} levels deep`);
  const obj = r.object(value, path);
  if (!obj) return undefined;
  const typeName = r.string(obj.type_name, `${path}.type_name`);
  if (typeName === undefined) return undefined;
  if (!PARAM_TYPES.has(typeName)) return r.fail(`${path}.type_name`, `unknown parameter type ${JSON.stringify(typeName)}`);
  const ref: ConditionParamTypeRef = { type_name: typeName as ConditionTypeName };
  const generics = r.optional(obj.generic_types, (v) => r.array(v, `${path}.generic_types`));
  if (generics) {
    ref.generic_types = [];
    generics.forEach((g, i) => {
      const generic = readParamType(r, g, `${path}.generic_types[${i}]`, depth + 1, root);
      if (generic) ref.generic_types?.push(generic);
    });
  }
  return ref;
}

function readCondition(r: ShapeReader, value: unknown, path: string): Condition | undefined {
  const obj = r.object(value, path);
  if (!obj) return undefined;
  const name = r.string(obj.name, `${path}.name`);
  const expression = r.string(obj.expression, `${path}.expression`);
  const parameters = r.optional(obj.parameters, (v) => r.record(v, `${path}.parameters`, (p, pp) => readParamType(r, p, pp)));
  const metaObj = r.optional(obj.metadata, (v) => r.object(v, `${path}.metadata`));
  if (name === undefined || expression === undefined) return undefined;
  const condition: Condition = { name, expression };
  if (parameters) condition.parameters = parameters;
  if (metaObj) {
    const metadata: { module?: string; source_info?: SourceInfo } = {};
    readOrigin(r, metaObj, `${path}.metadata`, metadata);
    condition.metadata = metadata;
  }
  return condition;
}
