// WriteAuthorizationModel's checks as one synchronous pipeline (decode, then the API's text rules,
// then the model's own rules), run where the checker runs: on the model worker when served. Each
// refusal is tagged with its stage, because the service interleaves the stages with its own
// steps (the store id is validated after decoding, the store looked up before the model rules),
// and that order decides which error a request with several problems gets, as in OpenFGA.
import { ErrorCode, RelataError, ValidationError, codePointLength, jsonTextProblem } from '../model/index.js';
import type { AuthorizationModel, ModelLimits } from '../model/index.js';
import type { ModelRequestDecoder } from './model-decoders.js';
import { checkModelForWrite } from './model-validation.js';
import { requireIdentifierText } from './validation.js';

/** decode: before the store id is validated; text: before the store is looked up; model: after. */
export type ModelCheckStage = 'decode' | 'text' | 'model';

export interface CheckedModel {
  /** The store named by the request's bytes (gRPC), if any. */
  storeId?: string;
  schemaVersion: string;
  /** The checked model's JSON text, without an id. */
  json: string;
  /** The checked model itself, when checked on the caller's thread (no parse needed). */
  model?: AuthorizationModel;
}

export type ModelCheckOutcome = { checked: CheckedModel } | { failed: ModelCheckStage; error: RelataError; storeId?: string };

/** A model given as an object, or as a request's bytes in a registered wire format. */
export type ModelSource = { model: Omit<AuthorizationModel, 'id'> } | { format: string; bytes: Uint8Array };

/**
 * What the API refuses before the model's own rules (OpenFGA's proto validation, 2000): names
 * with control characters, lone surrogates or beyond the name lengths, and any string PostgreSQL
 * could not store (NUL). The semantic rules and their 2056 come after, in checkModelForWrite.
 */
function checkModelText(model: Omit<AuthorizationModel, 'id'>, limits: ModelLimits): void {
  // OpenFGA counts the types before anything else (even before looking up the store).
  const typeDefinitions = model.type_definitions;
  if (Array.isArray(typeDefinitions) && typeDefinitions.length > limits.maxTypes) {
    throw new ValidationError(ErrorCode.ExceededEntityLimit, `The number of type definitions in an authorization model exceeds the allowed limit of ${limits.maxTypes}`);
  }
  (model.type_definitions ?? []).forEach((def, i) => {
    const field = `type_definitions[${i}]`;
    if (typeof def?.type === 'string') {
      requireIdentifierText(def.type, `${field}.type`);
      if (codePointLength(def.type) > 254) throw new ValidationError(ErrorCode.ValidationError, `invalid ${field}.type: value length must be at most 254 characters`);
    }
    for (const relation of Object.keys(def?.relations ?? {})) {
      requireIdentifierText(relation, `${field}.relations`);
      if (codePointLength(relation) > 50) throw new ValidationError(ErrorCode.ValidationError, `invalid ${field}.relations: keys must be at most 50 characters`);
    }
  });
  for (const name of Object.keys(model.conditions ?? {})) {
    requireIdentifierText(name, 'conditions');
    if (codePointLength(name) > 50) throw new ValidationError(ErrorCode.ValidationError, 'invalid conditions: names must be at most 50 characters');
  }
  const problem = jsonTextProblem(model);
  if (problem) throw new ValidationError(ErrorCode.ValidationError, `invalid authorization model: its strings ${problem}`);
}

/** Runs `fn`; a RelataError it throws becomes a refusal at `stage`, anything else is rethrown. */
function staged<T>(stage: ModelCheckStage, fn: () => T): T | { failed: ModelCheckStage; error: RelataError } {
  try {
    return fn();
  } catch (error) {
    if (error instanceof RelataError) return { failed: stage, error };
    throw error;
  }
}

function isFailure(value: unknown): value is { failed: ModelCheckStage; error: RelataError } {
  return typeof value === 'object' && value !== null && 'failed' in value && 'error' in value;
}

/**
 * Decodes (with `decode` when the source is bytes), checks and serializes a model. Throws only on
 * a bug (anything not a RelataError); `keepModel` returns the checked object as well.
 */
export function runModelCheck(source: ModelSource, limits: ModelLimits, decode: ModelRequestDecoder | undefined, keepModel: boolean): ModelCheckOutcome {
  const decoded = 'model' in source ? { model: source.model } : staged('decode', () => {
    if (!decode) throw new Error(`no model decoder for format ${source.format}`);
    return decode(source.bytes);
  });
  if (isFailure(decoded)) return decoded;
  const { storeId } = decoded as { storeId?: string };
  const text = staged('text', () => checkModelText(decoded.model, limits));
  if (isFailure(text)) return { ...text, storeId };
  const model = staged('model', () => checkModelForWrite(decoded.model, limits));
  if (isFailure(model)) return { ...model, storeId };
  const { id: _id, ...withoutId } = model;
  return { checked: { storeId, schemaVersion: model.schema_version, json: JSON.stringify(withoutId), ...(keepModel ? { model } : {}) } };
}
