// The checks OpenFGA's server applies to WriteAuthorizationModel, on untrusted JSON: the shape
// of every field, at least one type, a supported schema version, then every semantic rule of
// validateModel. A model is returned only when it has no error at all.

import { ErrorCode, ValidationError } from './errors.js';
import type { ModelError } from './model-error.js';
import { DEFAULT_MAX_TYPES_PER_MODEL } from './model-limits.js';
import { parseJsonModel } from './parse-json-model.js';
import { validateModelFields, validateServerRules } from './server-rules.js';
import type { AuthorizationModel } from './types.js';
import { SUPPORTED_SCHEMA_VERSIONS, validateModel } from './validate-model.js';
import type { ValidateModelOptions } from './validate-model.js';

export interface ValidatedJsonModel {
  model?: AuthorizationModel;
  errors: ModelError[];
}

/** OpenFGA caps a model's size (maxTypesPerAuthorizationModel in its server config). */
export interface WriteModelOptions extends ValidateModelOptions {
  /** Most type definitions a model may have; default DEFAULT_MAX_TYPES_PER_MODEL. */
  maxTypes?: number;
}

export function validateJsonModel(input: unknown, options: WriteModelOptions = {}): ValidatedJsonModel {
  const parsed = parseJsonModel(input);
  if (!parsed.model) return parsed;
  const errors = validateModelForWrite(parsed.model, options);
  return errors.length ? { errors } : { model: parsed.model, errors };
}

/**
 * Everything OpenFGA checks before storing a model (however it was written: JSON or compiled
 * DSL): at least one type and at most `maxTypes`, a supported schema, every rule of
 * validateModel and the API's field limits, then the server-only rules (no type restrictions on non-assignable relations,
 * no cycles of computed relations).
 */
export function validateModelForWrite(model: AuthorizationModel, options: WriteModelOptions = {}): ModelError[] {
  const errors: ModelError[] = [];
  const maxTypes = options.maxTypes ?? DEFAULT_MAX_TYPES_PER_MODEL;
  const typeCount = model.type_definitions?.length ?? 0;
  if (typeCount === 0) {
    errors.push({ message: 'type_definitions: at least one type definition is required', errorType: 'invalid-json-model', symbol: 'type_definitions' });
  } else if (typeCount > maxTypes) {
    errors.push({
      message: `type_definitions: the number of type definitions exceeds the allowed limit of ${maxTypes}`,
      errorType: 'invalid-json-model',
      symbol: 'type_definitions',
    });
  }
  errors.push(...validateModelFields(model));
  if (model.schema_version === '1.0') {
    errors.push({ message: 'schema_version: 1.0 is not supported (use 1.1 or 1.2)', errorType: 'schema-version-unsupported', symbol: '1.0' });
  } else {
    errors.push(...validateModel(model, options));
  }
  if (errors.length === 0) errors.push(...validateServerRules(model));
  return errors;
}

/**
 * The typed error a service throws for a rejected model: OpenFGA's code for the first problem
 * (unsupported schema 2057, no types 2045, otherwise invalid model 2056) and every message.
 */
export function modelValidationError(errors: ModelError[]): ValidationError {
  const first = errors[0];
  let code = ErrorCode.InvalidAuthorizationModel;
  if (first?.errorType === 'schema-version-unsupported' || (first?.errorType === 'invalid-schema' && !SUPPORTED_SCHEMA_VERSIONS.has(first.symbol))) {
    code = ErrorCode.UnsupportedSchemaVersion;
  } else if (first?.errorType === 'invalid-json-model' && first.symbol === 'type_definitions' && first.message.includes('at least one')) {
    code = ErrorCode.TypeDefinitionsTooFewItems;
  }
  const message = errors.map((error) => error.message).join('; ') || 'invalid authorization model';
  return new ValidationError(code, message);
}
