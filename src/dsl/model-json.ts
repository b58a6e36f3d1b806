// An AuthorizationModel as openfga/language's transformer writes it out as JSON: a model without
// types has no `type_definitions` key at all (the JS transformer deletes the empty list, the Go
// one marshals with protojson, which omits empty repeated fields). Inside Relata the list is
// always present, so this shape exists only at the output edge (`relata model transform`).
import type { AuthorizationModel, TypeDefinition } from '../model/types.js';

export type AuthorizationModelJson = Omit<AuthorizationModel, 'type_definitions'> & { type_definitions?: TypeDefinition[] };

export function modelJsonObject(model: AuthorizationModel): AuthorizationModelJson {
  if (model.type_definitions?.length) return model;
  const { type_definitions: _omitted, ...rest } = model;
  return rest;
}

/** Pretty-printed JSON of `model`, in the transformer's shape. */
export function modelJsonText(model: AuthorizationModel): string {
  return `${JSON.stringify(modelJsonObject(model), null, 2)}\n`;
}
