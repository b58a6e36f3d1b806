// The gate in front of WriteAuthorizationModel: the model module's checks for untrusted JSON
// models (shape, schema version, every semantic rule), reported with OpenFGA's error codes; then
// every condition is compiled, so that an expression that does not parse, type-check or yield a
// bool is refused here (as OpenFGA does) instead of failing every later Check that meets it.
import { compileModelConditions } from '../engine/conditions/index.js';
import type { AuthorizationModel } from '../model/index.js';
import { modelValidationError, validateJsonModel } from '../model/validate-json-model.js';

export function checkModelForWrite(model: Omit<AuthorizationModel, 'id'>, maxTypes: number): AuthorizationModel {
  const result = validateJsonModel(model, { maxTypes });
  if (!result.model) throw modelValidationError(result.errors);
  const [conditionError] = compileModelConditions(result.model).errors;
  if (conditionError) throw conditionError;
  return result.model;
}
