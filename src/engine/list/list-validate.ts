// The request checks OpenFGA applies before ListObjects / ListUsers: the target type and
// relation exist (2021 / 2022), the user is well-formed and known to the model (2000), and every
// contextual tuple is one the model could store (2027).

import type { AuthorizationModel, TupleKey, TypeDefinition } from '../../model/index.js';
import { ErrorCode, ValidationError, hasKey, parseUser, preview } from '../../model/index.js';
import type { ListObjectsRequest } from '../api.js';
import type { ExpansionSource } from './list-objects-expand.js';
import type { ModelIndex } from '../model-index.js';
import { requestContextLimits, validateContext } from '../conditions/index.js';
import { requireIdentifierText, validateContextualTuple } from '../request-validation.js';

function typeDefinition(model: AuthorizationModel, type: string): TypeDefinition | undefined {
  return model.type_definitions.find((def) => def.type === type);
}

/** The target `type#relation` of a list request. */
export function validateTarget(model: AuthorizationModel, type: string, relation: string): void {
  const def = typeDefinition(model, type);
  if (!def) throw new ValidationError(ErrorCode.TypeNotFound, `type '${preview(type)}' not found`);
  if (!hasKey(def.relations, relation)) throw new ValidationError(ErrorCode.RelationNotFound, `relation '${type}#${preview(relation)}' not found`);
}

/** Contextual tuples must be valid writes under the model (2027, or 2000 for a condition problem). */
export function validateContextualTuples(index: ModelIndex, tuples: readonly TupleKey[] | undefined): void {
  for (const tuple of tuples ?? []) validateContextualTuple(index, tuple);
}

/** Parses and checks the user of a list request: a known type, and a known relation for a userset. */
function validateRequestUser(model: AuthorizationModel, value: string): ExpansionSource {
  requireIdentifierText(value, 'user');
  const user = parseUser(value ?? '');
  if (!user || (user.relation && user.id === '*')) throw new ValidationError(ErrorCode.ValidationError, `invalid 'user' value: '${preview(value)}'`);
  const def = typeDefinition(model, user.type);
  if (!def) throw new ValidationError(ErrorCode.ValidationError, `invalid 'user' value: type '${preview(user.type)}' not found`);
  if (user.relation && !hasKey(def.relations, user.relation)) {
    throw new ValidationError(ErrorCode.ValidationError, `invalid 'user' value: relation '${user.type}#${preview(user.relation)}' not found`);
  }
  return { type: user.type, id: user.id, relation: user.relation ?? '' };
}

export function validateListObjectsRequest(index: ModelIndex, request: ListObjectsRequest): ExpansionSource {
  const model = index.model;
  if (!request.type) throw new ValidationError(ErrorCode.ValidationError, `invalid 'type' value: it must not be empty`);
  if (!request.relation) throw new ValidationError(ErrorCode.ValidationError, `invalid 'relation' value: it must not be empty`);
  requireIdentifierText(request.type, 'type');
  validateContext(request.context, 'context', requestContextLimits);
  requireIdentifierText(request.relation, 'relation');
  validateContextualTuples(index, request.contextualTuples);
  validateTarget(model, request.type, request.relation);
  return validateRequestUser(model, request.user);
}
