// Syntax of object ids and of the string forms built from them (openfga/language validation
// rules, shared by its Go/JS/Java validators and the object-id conformance cases).

/** Letters, digits and `_ | * @ . + / -`; must not start with `#`, `:`, whitespace or `*`. */
const OBJECT_ID_RULE = '(?![#:\\s*])[a-zA-Z0-9_|*@.+/-]+';

const objectId = new RegExp(`^${OBJECT_ID_RULE}$`);

export function isValidObjectId(id: string): boolean {
  return objectId.test(id);
}
