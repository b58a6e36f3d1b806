// openfga.v1.AuthorizationModel (proto, snake_case oneofs) <-> Relata's model (OpenFGA's JSON
// shape). Decoding rejects structurally broken input (a rewrite with no operator) up front.
import { ErrorCode, ValidationError, dictOf, newDict } from '../../model/index.js';
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
} from '../../model/index.js';
import type { AuthorizationModel as AuthorizationModelMessage, AuthorizationModel__Output } from './generated/openfga/v1/AuthorizationModel.js';
import type { Condition as ConditionMessage, Condition__Output } from './generated/openfga/v1/Condition.js';
import type { ConditionParamTypeRef as ConditionParamTypeRefMessage, ConditionParamTypeRef__Output } from './generated/openfga/v1/ConditionParamTypeRef.js';
import type { Metadata as MetadataMessage, Metadata__Output } from './generated/openfga/v1/Metadata.js';
import type { ObjectRelation as ObjectRelationMessage, ObjectRelation__Output } from './generated/openfga/v1/ObjectRelation.js';
import type { RelationMetadata as RelationMetadataMessage } from './generated/openfga/v1/RelationMetadata.js';
import type { RelationReference as RelationReferenceMessage, RelationReference__Output } from './generated/openfga/v1/RelationReference.js';
import type { SourceInfo__Output } from './generated/openfga/v1/SourceInfo.js';
import type { TypeDefinition__Output } from './generated/openfga/v1/TypeDefinition.js';
import type { Userset as UsersetMessage, Userset__Output } from './generated/openfga/v1/Userset.js';

// ---- decode ----------------------------------------------------------------------------------

function objectRelation(value: ObjectRelation__Output | null | undefined): ObjectRelation {
  const out: ObjectRelation = {};
  if (value?.object) out.object = value.object;
  out.relation = value?.relation ?? '';
  return out;
}

function usersetKindOf(message: Userset__Output): NonNullable<Userset__Output['userset']> | undefined {
  if (message.userset) return message.userset;
  const kinds = ['this', 'computed_userset', 'tuple_to_userset', 'union', 'intersection', 'difference'] as const;
  return kinds.find((kind) => message[kind] !== undefined && message[kind] !== null);
}

function decodeUserset(message: Userset__Output | null | undefined, field: string): Userset {
  const kind = message ? usersetKindOf(message) : undefined;
  switch (kind) {
    case 'this':
      return { this: {} };
    case 'computed_userset':
      return { computedUserset: objectRelation(message?.computed_userset) };
    case 'tuple_to_userset':
      return {
        tupleToUserset: {
          tupleset: objectRelation(message?.tuple_to_userset?.tupleset),
          computedUserset: objectRelation(message?.tuple_to_userset?.computed_userset),
        },
      };
    case 'union':
      return { union: { child: (message?.union?.child ?? []).map((c, i) => decodeUserset(c, `${field}.union.child[${i}]`)) } };
    case 'intersection':
      return { intersection: { child: (message?.intersection?.child ?? []).map((c, i) => decodeUserset(c, `${field}.intersection.child[${i}]`)) } };
    case 'difference':
      return {
        difference: {
          base: decodeUserset(message?.difference?.base, `${field}.difference.base`),
          subtract: decodeUserset(message?.difference?.subtract, `${field}.difference.subtract`),
        },
      };
    default:
      throw new ValidationError(ErrorCode.ValidationError, `invalid ${field}: a relation rewrite must set one of this, computed_userset, tuple_to_userset, union, intersection, difference`);
  }
}

function sourceInfo(value: SourceInfo__Output | null | undefined): SourceInfo | undefined {
  return value?.file ? { file: value.file } : undefined;
}

function relationReference(ref: RelationReference__Output): RelationReference {
  const out: RelationReference = { type: ref.type };
  const wildcard = ref.relation_or_wildcard === 'wildcard' || (!ref.relation_or_wildcard && ref.wildcard);
  if (wildcard) out.wildcard = {};
  else if (ref.relation) out.relation = ref.relation;
  if (ref.condition) out.condition = ref.condition;
  return out;
}

function metadata(value: Metadata__Output | null | undefined): TypeMetadata | null | undefined {
  if (!value) return undefined;
  const out: TypeMetadata = {};
  const relations = newDict<RelationMetadata>();
  for (const [name, rel] of Object.entries(value.relations ?? {})) {
    const entry: RelationMetadata = { directly_related_user_types: (rel.directly_related_user_types ?? []).map(relationReference) };
    if (rel.module) entry.module = rel.module;
    const info = sourceInfo(rel.source_info);
    if (info) entry.source_info = info;
    relations[name] = entry;
  }
  out.relations = relations;
  if (value.module) out.module = value.module;
  const info = sourceInfo(value.source_info);
  if (info) out.source_info = info;
  return out;
}

function typeDefinition(def: TypeDefinition__Output, i: number): TypeDefinition {
  const relations = newDict<Userset>();
  for (const [name, rewrite] of Object.entries(def.relations ?? {})) {
    relations[name] = decodeUserset(rewrite, `type_definitions[${i}].relations[${name}]`);
  }
  const out: TypeDefinition = { type: def.type, relations };
  const meta = metadata(def.metadata);
  if (meta) out.metadata = meta;
  return out;
}

function paramType(ref: ConditionParamTypeRef__Output): ConditionParamTypeRef {
  const out: ConditionParamTypeRef = { type_name: ref.type_name as ConditionTypeName };
  if (ref.generic_types?.length) out.generic_types = ref.generic_types.map(paramType);
  return out;
}

function condition(value: Condition__Output, key: string): Condition {
  const parameters = newDict<ConditionParamTypeRef>();
  for (const [name, ref] of Object.entries(value.parameters ?? {})) parameters[name] = paramType(ref);
  const out: Condition = { name: value.name || key, expression: value.expression, parameters };
  const module = value.metadata?.module;
  const info = sourceInfo(value.metadata?.source_info);
  if (module || info) out.metadata = { ...(module ? { module } : {}), ...(info ? { source_info: info } : {}) };
  return out;
}

export function decodeModel(message: Pick<AuthorizationModel__Output, 'schema_version' | 'type_definitions' | 'conditions'>): Omit<AuthorizationModel, 'id'> {
  const out: Omit<AuthorizationModel, 'id'> = {
    schema_version: message.schema_version,
    type_definitions: (message.type_definitions ?? []).map(typeDefinition),
  };
  const conditions = Object.entries(message.conditions ?? {});
  if (conditions.length > 0) out.conditions = dictOf(conditions.map(([key, c]) => [key, condition(c, key)]));
  return out;
}

// ---- encode ----------------------------------------------------------------------------------

function encodeObjectRelation(value: ObjectRelation): ObjectRelationMessage {
  return { object: value.object ?? '', relation: value.relation ?? '' };
}

function encodeUserset(userset: Userset): UsersetMessage {
  if ('this' in userset) return { this: {} };
  if ('computedUserset' in userset) return { computed_userset: encodeObjectRelation(userset.computedUserset) };
  if ('tupleToUserset' in userset) {
    return {
      tuple_to_userset: {
        tupleset: encodeObjectRelation(userset.tupleToUserset.tupleset),
        computed_userset: encodeObjectRelation(userset.tupleToUserset.computedUserset),
      },
    };
  }
  if ('union' in userset) return { union: { child: userset.union.child.map(encodeUserset) } };
  if ('intersection' in userset) return { intersection: { child: userset.intersection.child.map(encodeUserset) } };
  return { difference: { base: encodeUserset(userset.difference.base), subtract: encodeUserset(userset.difference.subtract) } };
}

function encodeReference(ref: RelationReference): RelationReferenceMessage {
  const out: RelationReferenceMessage = { type: ref.type, condition: ref.condition ?? '' };
  if (ref.wildcard) out.wildcard = {};
  else if (ref.relation) out.relation = ref.relation;
  return out;
}

function encodeMetadata(meta: TypeMetadata | null | undefined): MetadataMessage | null {
  if (!meta) return null;
  const relations = newDict<RelationMetadataMessage>();
  for (const [name, rel] of Object.entries(meta.relations ?? {})) {
    relations[name] = {
      directly_related_user_types: (rel.directly_related_user_types ?? []).map(encodeReference),
      module: rel.module ?? '',
      source_info: rel.source_info ? { file: rel.source_info.file ?? '' } : null,
    };
  }
  return { relations, module: meta.module ?? '', source_info: meta.source_info ? { file: meta.source_info.file ?? '' } : null };
}

function encodeParamType(ref: ConditionParamTypeRef): ConditionParamTypeRefMessage {
  return { type_name: ref.type_name, generic_types: (ref.generic_types ?? []).map(encodeParamType) };
}

export function encodeModel(model: AuthorizationModel): AuthorizationModelMessage {
  const conditions = newDict<ConditionMessage>();
  for (const [key, c] of Object.entries(model.conditions ?? {})) {
    conditions[key] = {
      name: c.name,
      expression: c.expression,
      parameters: dictOf(Object.entries(c.parameters ?? {}).map(([name, ref]) => [name, encodeParamType(ref)])),
      metadata: c.metadata
        ? { module: c.metadata.module ?? '', source_info: c.metadata.source_info ? { file: c.metadata.source_info.file ?? '' } : null }
        : null,
    };
  }
  return {
    id: model.id ?? '',
    schema_version: model.schema_version,
    type_definitions: (model.type_definitions ?? []).map((def) => ({
      type: def.type,
      relations: dictOf(Object.entries(def.relations ?? {}).map(([name, rewrite]) => [name, encodeUserset(rewrite)])),
      metadata: encodeMetadata(def.metadata),
    })),
    conditions,
  };
}
