// The gate in front of WriteAuthorizationModel: the model module's checks for untrusted JSON
// models (shape, schema version, every semantic rule), reported with OpenFGA's error codes.
import type { AuthorizationModel } from '../model/index.js';
import { modelValidationError, validateJsonModel } from '../model/validate-json-model.js';

export function checkModelForWrite(model: Omit<AuthorizationModel, 'id'>, maxTypes: number): AuthorizationModel {
  const result = validateJsonModel(model, { maxTypes });
  if (!result.model) throw modelValidationError(result.errors);
  return result.model;
}
