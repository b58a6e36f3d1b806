// OpenFGA's naming rules for types and relations (openfga/language validation rules; the server
// applies the same patterns on WriteAuthorizationModel).

export const TYPE_NAME_RULE = '^[^:#@\\*\\s]{1,254}$';
export const RELATION_NAME_RULE = '^[^:#@\\*\\s]{1,50}$';

const relationName = new RegExp(RELATION_NAME_RULE);

/** `self` and `this` name the direct-assignment rewrite in older DSLs, so no type or relation may use them. */
export const RESERVED_NAMES: ReadonlySet<string> = new Set(['self', 'this']);

export function isValidRelationName(name: string): boolean {
  return relationName.test(name);
}
