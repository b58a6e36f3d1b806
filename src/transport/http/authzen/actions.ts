// Which relations of a type are AuthZEN actions. OpenFGA answers search/action with every relation
// of the type, so roles and structural relations (`owner`, `parent`, `member`) come back as
// "actions" and the AuthZEN interop's action search fails. A Relata store may list each type's
// actions (relata.v1 WriteAuthzenActions, `PUT /stores/{id}/authzen/actions`, `relata authzen
// actions set`); a listed type offers exactly those of its list that its relations hold, in the
// list's order; a type not listed offers every relation, in code point order (OpenFGA's behaviour).
import { ErrorCode, ValidationError, preview } from '../../../model/index.js';
import type { AuthorizationModel } from '../../../model/index.js';
import type { AuthzenActions } from '../../../service/index.js';

/** The candidate actions of `type`; throws TypeNotFound for a type the model lacks. */
export function actionsOf(model: AuthorizationModel, type: string, configured: AuthzenActions): string[] {
  const definition = model.type_definitions.find((candidate) => candidate.type === type);
  if (!definition) throw new ValidationError(ErrorCode.TypeNotFound, `type '${preview(type)}' not found`);
  const relations = Object.keys(definition.relations ?? {});
  const listed = configured.types.find((entry) => entry.type === type);
  if (listed) return listed.actions.filter((action) => relations.includes(action));
  return relations.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
