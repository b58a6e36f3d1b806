// Which relations of a type are AuthZEN actions. OpenFGA answers search/action with every relation
// of the type, so roles and structural relations (`owner`, `parent`, `member`) come back as
// "actions" and the AuthZEN interop's action search fails. Relata's rule, declared in the model
// itself so it is versioned with it: when a type has relations named `can_*` (OpenFGA's own
// naming for permissions), those are its actions; a type without any offers every relation, as
// OpenFGA does.
import { ErrorCode, ValidationError, preview } from '../../../model/index.js';
import type { AuthorizationModel } from '../../../model/index.js';

export const actionPrefix = 'can_';

/** The actions of `type` in `model`, in code point order; throws TypeNotFound for an unknown type. */
export function actionsOf(model: AuthorizationModel, type: string): string[] {
  const definition = model.type_definitions.find((candidate) => candidate.type === type);
  if (!definition) throw new ValidationError(ErrorCode.TypeNotFound, `type '${preview(type)}' not found`);
  const relations = Object.keys(definition.relations ?? {}).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const declared = relations.filter((relation) => relation.startsWith(actionPrefix));
  return declared.length > 0 ? declared : relations;
}
