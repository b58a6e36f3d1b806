// OpenFGA's limits on one authorization model, checked on WriteAuthorizationModel before any
// analysis runs: at most `maxTypes` type definitions and at most `maxSizeBytes` bytes of the
// model's protobuf encoding (OpenFGA's `--max-types-per-authorization-model`, default 100, and
// `--max-authorization-model-size-in-bytes`, default 256 KiB; both ExceededEntityLimit). The
// size is that of the wire encoding whatever the transport, so a model is accepted or refused
// alike over gRPC and HTTP.

import { ErrorCode, ValidationError } from './errors.js';
import type { AuthorizationModel, Condition, ConditionParamTypeRef, ObjectRelation, RelationMetadata, RelationReference, SourceInfo, TypeDefinition, TypeMetadata, Userset } from './types.js';

export const DEFAULT_MAX_TYPES_PER_MODEL = 100;
export const DEFAULT_MAX_MODEL_SIZE_BYTES = 256 * 1024;

/**
 * Deepest nesting of set operators in one rewrite. OpenFGA has no such rule (its limit is the
 * protobuf decoder's), but every analysis walks rewrites recursively, so a model nested
 * deeper than this is refused instead of overflowing the stack. Same bound as the DSL's
 * parentheses, far above any written model (OpenFGA's own tests nest 100 deep).
 */
export const MAX_REWRITE_DEPTH = 256;

export interface ModelLimits {
  maxTypes: number;
  maxSizeBytes: number;
}

/** A stored model's id is a ULID: 26 bytes, behind a one-byte tag and a one-byte length. */
const ID_FIELD_BYTES = 28;

/** Throws ExceededEntityLimit with OpenFGA's message when `model` is over a limit. */
export function checkModelLimits(model: AuthorizationModel, limits: ModelLimits): void {
  const types = model.type_definitions?.length ?? 0;
  if (types > limits.maxTypes) {
    throw new ValidationError(ErrorCode.ExceededEntityLimit, `The number of type definitions in an authorization model exceeds the allowed limit of ${limits.maxTypes}`);
  }
  const size = modelWireSize(model) + (model.id ? 0 : ID_FIELD_BYTES);
  if (size > limits.maxSizeBytes) {
    throw new ValidationError(ErrorCode.ExceededEntityLimit, `model exceeds size limit: ${size} bytes vs ${limits.maxSizeBytes} bytes`);
  }
}

const encoder = new TextEncoder();

function varintSize(value: number): number {
  let bytes = 1;
  for (let rest = value; rest >= 0x80; rest = Math.floor(rest / 0x80)) bytes++;
  return bytes;
}

/** A length-delimited field (string, bytes, message) of field number 1..15: tag, length, body. */
const delimited = (bodySize: number): number => 1 + varintSize(bodySize) + bodySize;
const stringField = (value: string | undefined): number => (value ? delimited(encoder.encode(value).length) : 0);
/** A map entry always carries its key and its value, even empty ones. */
const mapEntry = (key: string, valueSize: number): number => delimited(delimited(encoder.encode(key).length) + delimited(valueSize));

/** The size of `openfga.v1.AuthorizationModel`'s protobuf encoding (proto.Size in OpenFGA). */
export function modelWireSize(model: AuthorizationModel): number {
  let size = stringField(model.id) + stringField(model.schema_version);
  for (const typeDef of model.type_definitions ?? []) size += delimited(typeDefinitionSize(typeDef));
  for (const [key, condition] of Object.entries(model.conditions ?? {})) size += mapEntry(key, conditionSize(condition));
  return size;
}

function typeDefinitionSize(typeDef: TypeDefinition): number {
  let size = stringField(typeDef.type);
  for (const [name, rewrite] of Object.entries(typeDef.relations ?? {})) size += mapEntry(name, usersetSize(rewrite));
  if (typeDef.metadata) size += delimited(typeMetadataSize(typeDef.metadata));
  return size;
}

function typeMetadataSize(metadata: TypeMetadata): number {
  let size = 0;
  for (const [name, meta] of Object.entries(metadata.relations ?? {})) size += mapEntry(name, relationMetadataSize(meta));
  return size + stringField(metadata.module) + sourceInfoField(metadata.source_info);
}

function relationMetadataSize(meta: RelationMetadata | undefined): number {
  let size = 0;
  for (const ref of meta?.directly_related_user_types ?? []) size += delimited(referenceSize(ref));
  return size + stringField(meta?.module) + sourceInfoField(meta?.source_info);
}

const sourceInfoField = (info: SourceInfo | undefined): number => (info ? delimited(stringField(info.file)) : 0);

function referenceSize(ref: RelationReference): number {
  let size = stringField(ref.type) + stringField(ref.condition);
  if (ref.relation) size += stringField(ref.relation);
  else if (ref.wildcard) size += delimited(0);
  return size;
}

const objectRelationSize = (value: ObjectRelation | undefined): number => stringField(value?.object) + stringField(value?.relation);

/** Rewrites are at most MAX_REWRITE_DEPTH deep once parsed, so plain recursion is safe here. */
function usersetSize(rewrite: Userset): number {
  if ('this' in rewrite) return delimited(0);
  if ('computedUserset' in rewrite) return delimited(objectRelationSize(rewrite.computedUserset));
  if ('tupleToUserset' in rewrite) {
    const ttu = rewrite.tupleToUserset;
    return delimited(delimited(objectRelationSize(ttu.tupleset)) + delimited(objectRelationSize(ttu.computedUserset)));
  }
  if ('difference' in rewrite) return delimited(delimited(usersetSize(rewrite.difference.base)) + delimited(usersetSize(rewrite.difference.subtract)));
  const children = 'union' in rewrite ? rewrite.union.child : rewrite.intersection.child;
  let size = 0;
  for (const child of children ?? []) size += delimited(usersetSize(child));
  return delimited(size);
}

function conditionSize(condition: Condition): number {
  let size = stringField(condition.name) + stringField(condition.expression);
  for (const [name, param] of Object.entries(condition.parameters ?? {})) size += mapEntry(name, paramTypeSize(param));
  if (condition.metadata) size += delimited(stringField(condition.metadata.module) + sourceInfoField(condition.metadata.source_info));
  return size;
}

const TYPE_NAMES = [
  'TYPE_NAME_UNSPECIFIED', 'TYPE_NAME_ANY', 'TYPE_NAME_BOOL', 'TYPE_NAME_STRING', 'TYPE_NAME_INT', 'TYPE_NAME_UINT',
  'TYPE_NAME_DOUBLE', 'TYPE_NAME_DURATION', 'TYPE_NAME_TIMESTAMP', 'TYPE_NAME_MAP', 'TYPE_NAME_LIST', 'TYPE_NAME_IPADDRESS',
];

function paramTypeSize(param: ConditionParamTypeRef): number {
  const value = Math.max(0, TYPE_NAMES.indexOf(param.type_name));
  let size = value === 0 ? 0 : 1 + varintSize(value);
  for (const generic of param.generic_types ?? []) size += delimited(paramTypeSize(generic));
  return size;
}
