// Rules OpenFGA's server (typesystem.NewAndValidate) applies on WriteAuthorizationModel beyond
// openfga/language's: a relation without `this` may not list type restrictions, and no relation
// may reach itself through computed relations alone (`define x: [user] or y`, `define y: x`),
// which would make Check recurse forever. Messages are the server's. Also the per-field limits of
// the API messages themselves (names, sizes, counts).

import { nodesReachingCycle } from './graph-cycles.js';
import type { ModelError } from './model-error.js';
import { rewriteLeaves } from './rewrite-leaves.js';
import { TypeSystem } from './type-system.js';
import type { AuthorizationModel } from './types.js';

// openfga/api's field rules (authzmodel.proto `validate.rules`).
const NAME = /^[^:#@\s]{1,50}$/;
const TYPE = /^[^:#@\s]{1,254}$/;
const ULID = /^[ABCDEFGHJKMNPQRSTVWXYZ0-9]{26}$/;
const MAX_CONDITIONS = 25;
const MAX_PARAMETERS = 25;
const MAX_GENERIC_TYPES = 5;
const MAX_EXPRESSION_BYTES = 512;

const encoder = new TextEncoder();
const utf8Length = (text: string) => encoder.encode(text).length;

const fieldError = (field: string, problem: string): ModelError => ({ message: `${field}: ${problem}`, errorType: 'invalid-json-model', symbol: field });

/** The per-field limits of OpenFGA's API messages (patterns, lengths, counts). */
export function validateModelFields(model: AuthorizationModel): ModelError[] {
  const errors: ModelError[] = [];
  if (model.id && !ULID.test(model.id)) errors.push(fieldError('id', 'must be a ULID'));
  (model.type_definitions ?? []).forEach((typeDef, i) => {
    const at = `type_definitions[${i}]`;
    for (const [relation, meta] of Object.entries(typeDef.metadata?.relations ?? {})) {
      (meta?.directly_related_user_types ?? []).forEach((ref, j) => {
        const refAt = `${at}.metadata.relations.${relation}.directly_related_user_types[${j}]`;
        if (!TYPE.test(ref.type)) errors.push(fieldError(`${refAt}.type`, `must match ${TYPE.source}`));
        if (ref.relation && !NAME.test(ref.relation)) errors.push(fieldError(`${refAt}.relation`, `must match ${NAME.source}`));
      });
    }
  });
  const conditions = Object.entries(model.conditions ?? {});
  if (conditions.length > MAX_CONDITIONS) errors.push(fieldError('conditions', `at most ${MAX_CONDITIONS} conditions`));
  for (const [key, condition] of conditions) {
    const at = `conditions.${key}`;
    if (!NAME.test(key)) errors.push(fieldError(at, `the key must match ${NAME.source}`));
    if (!NAME.test(condition.name ?? '')) errors.push(fieldError(`${at}.name`, `must match ${NAME.source}`));
    if (utf8Length(condition.expression ?? '') > MAX_EXPRESSION_BYTES) {
      errors.push(fieldError(`${at}.expression`, `at most ${MAX_EXPRESSION_BYTES} bytes`));
    }
    const params = Object.entries(condition.parameters ?? {});
    if (params.length > MAX_PARAMETERS) errors.push(fieldError(`${at}.parameters`, `at most ${MAX_PARAMETERS} parameters`));
    for (const [name, ref] of params) {
      if (!NAME.test(name)) errors.push(fieldError(`${at}.parameters.${name}`, `the name must match ${NAME.source}`));
      if ((ref.generic_types?.length ?? 0) > MAX_GENERIC_TYPES) errors.push(fieldError(`${at}.parameters.${name}.generic_types`, `at most ${MAX_GENERIC_TYPES}`));
    }
  }
  return errors;
}

export function validateServerRules(model: AuthorizationModel): ModelError[] {
  const ts = new TypeSystem(model);
  const errors: ModelError[] = [];
  for (const typeName of ts.typeNames()) {
    const cyclic = computedCycles(ts, typeName);
    for (const relation of ts.relationsOf(typeName)) {
      if (!relation.directlyAssignable && relation.directlyRelatedUserTypes.length > 0) {
        errors.push({
          message: `the non-assignable relation '${relation.name}' in object type '${typeName}' should not contain a relation type`,
          errorType: 'non-assignable-relation-with-types',
          symbol: relation.name,
          typeName,
          relation: relation.name,
        });
      }
      if (cyclic.has(relation.name)) {
        errors.push({
          message: `the definition of relation '${relation.name}' in object type '${typeName}' is invalid: an authorization model cannot contain a cycle`,
          errorType: 'relation-cycle',
          symbol: relation.name,
          typeName,
          relation: relation.name,
        });
      }
    }
  }
  return errors;
}

/**
 * The relations of a type from which following only computed relations (through set operators,
 * not through `this` or a tuple-to-userset) comes back to a relation already on the way: those
 * that reach a cycle of computed relations.
 */
function computedCycles(ts: TypeSystem, typeName: string): Set<string> {
  const targets = new Map<string, string[]>();
  for (const relation of ts.relationsOf(typeName)) {
    const computed: string[] = [];
    for (const leaf of rewriteLeaves(relation.rewrite)) if (leaf.kind === 'computed') computed.push(leaf.relation);
    targets.set(relation.name, computed);
  }
  return nodesReachingCycle(targets.keys(), (relation) => targets.get(relation) ?? []);
}
