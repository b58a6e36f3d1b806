// The gate in front of WriteAuthorizationModel: the model validator's semantic rules, reported
// as one typed error (OpenFGA's invalid_authorization_model, 2056) carrying the first problem.
import { ErrorCode, ValidationError } from '../model/index.js';
import type { AuthorizationModel } from '../model/index.js';
import { validateModel } from '../model/validate-model.js';

export function checkModelForWrite(model: Omit<AuthorizationModel, 'id'>): AuthorizationModel {
  const candidate: AuthorizationModel = { ...model, type_definitions: model.type_definitions ?? [] };
  const errors = validateModel(candidate);
  if (errors.length === 0) return candidate;
  const [first] = errors;
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more error${errors.length > 2 ? 's' : ''})` : '';
  throw new ValidationError(ErrorCode.InvalidAuthorizationModel, `invalid authorization model: ${first.message}${more}`);
}
