// The gate in front of WriteAuthorizationModel: the model module's checks for untrusted JSON
// models, in OpenFGA's order and with its error codes: the shape of every field (linear, and
// bounding the rewrite depth every later walk relies on), then the limits on the number of types
// and the encoded size (ExceededEntityLimit), then the semantic analyses; last, every condition
// is compiled, so that an expression that does not parse, type-check or yield a bool is refused
// here (as OpenFGA does) instead of failing every later Check that meets it.
import { compileModelConditions } from '../engine/index.js';
import type { AuthorizationModel, ModelLimits } from '../model/index.js';
import { checkModelLimits, modelValidationError, parseJsonModel, validateModelForWrite } from '../model/index.js';

export function checkModelForWrite(model: Omit<AuthorizationModel, 'id'>, limits: ModelLimits): AuthorizationModel {
  const parsed = parseJsonModel(model);
  if (!parsed.model) throw modelValidationError(parsed.errors);
  checkModelLimits(parsed.model, limits);
  const errors = validateModelForWrite(parsed.model, { maxTypes: limits.maxTypes });
  if (errors.length > 0) throw modelValidationError(errors);
  const [conditionError] = compileModelConditions(parsed.model).errors;
  if (conditionError) throw conditionError;
  return parsed.model;
}
