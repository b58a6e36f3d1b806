// The checks OpenFGA's server applies to WriteAuthorizationModel, on untrusted JSON: the shape
// of every field, at least one type, a supported schema version, then every semantic rule of
// validateModel. A model is returned only when it has no error at all.

import { ErrorCode, ValidationError } from './errors.js';
import type { ModelError } from './model-error.js';
import { parseJsonModel } from './parse-json-model.js';
import type { AuthorizationModel } from './types.js';
import { SUPPORTED_SCHEMA_VERSIONS, validateModel } from './validate-model.js';

export interface ValidatedJsonModel {
  model?: AuthorizationModel;
  errors: ModelError[];
}

/** OpenFGA caps a model's size (maxTypesPerAuthorizationModel in its server config). */
export const MAX_TYPES_PER_MODEL = 100;

export function validateJsonModel(input: unknown, options: { maxTypes?: number } = {}): ValidatedJsonModel {
  const parsed = parseJsonModel(input);
  if (!parsed.model) return parsed;
  const model = parsed.model;
  const errors: ModelError[] = [];
  const maxTypes = options.maxTypes ?? MAX_TYPES_PER_MODEL;
  if (model.type_definitions.length === 0) {
    errors.push({ message: 'type_definitions: at least one type definition is required', errorType: 'invalid-json-model', symbol: 'type_definitions' });
  } else if (model.type_definitions.length > maxTypes) {
    errors.push({
      message: `type_definitions: the number of type definitions exceeds the allowed limit of ${maxTypes}`,
      errorType: 'invalid-json-model',
      symbol: 'type_definitions',
    });
  }
  if (model.schema_version === '1.0') {
    errors.push({ message: 'schema_version: 1.0 is not supported (use 1.1 or 1.2)', errorType: 'schema-version-unsupported', symbol: '1.0' });
  } else {
    errors.push(...validateModel(model));
  }
  return errors.length ? { errors } : { model, errors };
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
