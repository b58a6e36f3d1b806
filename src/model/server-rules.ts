// Rules OpenFGA's server (typesystem.NewAndValidate) applies on WriteAuthorizationModel beyond
// openfga/language's: a relation without `this` may not list type restrictions, and no relation
// may reach itself through computed relations alone (`define x: [user] or y`, `define y: x`),
// which would make Check recurse forever. Messages are the server's.

import type { ModelError } from './model-error.js';
import { TypeSystem } from './type-system.js';
import type { AuthorizationModel, Userset } from './types.js';

export function validateServerRules(model: AuthorizationModel): ModelError[] {
  const ts = new TypeSystem(model);
  const errors: ModelError[] = [];
  for (const typeName of ts.typeNames()) {
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
      if (hasComputedCycle(ts, typeName, relation.name, relation.rewrite, new Set())) {
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

/** Whether following only computed relations (through set operators) from `relation` comes back to a relation on the path. */
function hasComputedCycle(ts: TypeSystem, typeName: string, relation: string, rewrite: Userset, path: ReadonlySet<string>): boolean {
  const visited = new Set(path).add(relation);
  if ('this' in rewrite || 'tupleToUserset' in rewrite) return false;
  if ('computedUserset' in rewrite) {
    const target = rewrite.computedUserset.relation ?? '';
    if (visited.has(target)) return true;
    const targetRewrite = ts.rewrite(typeName, target);
    return targetRewrite ? hasComputedCycle(ts, typeName, target, targetRewrite, visited) : false;
  }
  const children = 'union' in rewrite ? rewrite.union.child : 'intersection' in rewrite ? rewrite.intersection.child : [rewrite.difference.base, rewrite.difference.subtract];
  return children.some((child) => hasComputedCycle(ts, typeName, relation, child, visited));
}
