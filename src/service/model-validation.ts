// The gate in front of WriteAuthorizationModel: the model module's checks for untrusted JSON
// models, in OpenFGA's order and with its error codes: the shape of every field (linear, and
// bounding the rewrite depth every later walk relies on), then the limits on the number of types
// and the encoded size (ExceededEntityLimit), and only then the semantic analyses.
import type { AuthorizationModel, ModelLimits } from '../model/index.js';
import { checkModelLimits, modelValidationError, parseJsonModel, validateModelForWrite } from '../model/index.js';

export function checkModelForWrite(model: Omit<AuthorizationModel, 'id'>, limits: ModelLimits): AuthorizationModel {
  const parsed = parseJsonModel(model);
  if (!parsed.model) throw modelValidationError(parsed.errors);
  checkModelLimits(parsed.model, limits);
  const errors = validateModelForWrite(parsed.model, { maxTypes: limits.maxTypes });
  if (errors.length > 0) throw modelValidationError(errors);
  return parsed.model;
}
