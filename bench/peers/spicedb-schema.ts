// Translates an OpenFGA-shaped model into a SpiceDB schema. SpiceDB separates stored relations
// from computed permissions, so a relation that mixes direct types with rewrites becomes a
// stored `<name>_direct` relation plus a `permission <name>`; tuples go to the stored one.
import type { AuthorizationModel, ConditionParamTypeRef, RelationReference, Userset } from '../../src/model/index.js';

export interface SpiceDbSchema {
  schema: string;
  /** `type#relation` -> the SpiceDB relation that stores its tuples. */
  storedRelation(type: string, relation: string): string;
}

const paramType = (ref: ConditionParamTypeRef): string => {
  const base = ref.type_name.replace('TYPE_NAME_', '').toLowerCase();
  const generic = ref.generic_types?.[0];
  return generic ? `${base}<${paramType(generic)}>` : base;
};

const subject = (ref: RelationReference): string => {
  const base = ref.wildcard ? `${ref.type}:*` : ref.relation ? `${ref.type}#${ref.relation}` : ref.type;
  return ref.condition ? `${base} with ${ref.condition}` : base;
};

export function toSpiceDbSchema(model: AuthorizationModel): SpiceDbSchema {
  const stored = new Map<string, string>();
  const blocks: string[] = [];
  for (const [name, condition] of Object.entries(model.conditions ?? {})) {
    const params = Object.entries(condition.parameters ?? {}).map(([p, t]) => `${p} ${paramType(t)}`);
    blocks.push(`caveat ${name}(${params.join(', ')}) {\n  ${condition.expression.trim()}\n}`);
  }
  for (const typeDef of model.type_definitions) {
    const lines: string[] = [];
    const relations = typeDef.relations ?? {};
    const expression = (userset: Userset, self: string): string => {
      if ('this' in userset) return `${self}_direct`;
      if ('computedUserset' in userset) return userset.computedUserset.relation!;
      if ('tupleToUserset' in userset) return `${userset.tupleToUserset.tupleset.relation}->${userset.tupleToUserset.computedUserset.relation}`;
      if ('union' in userset) return `(${userset.union.child.map((c) => expression(c, self)).join(' + ')})`;
      if ('intersection' in userset) return `(${userset.intersection.child.map((c) => expression(c, self)).join(' & ')})`;
      return `(${expression(userset.difference.base, self)} - ${expression(userset.difference.subtract, self)})`;
    };
    for (const [relation, rewrite] of Object.entries(relations)) {
      const direct = typeDef.metadata?.relations?.[relation]?.directly_related_user_types ?? [];
      const subjects = direct.map(subject).join(' | ');
      if ('this' in rewrite) {
        lines.push(`  relation ${relation}: ${subjects}`);
        stored.set(`${typeDef.type}#${relation}`, relation);
        continue;
      }
      if (direct.length > 0) {
        lines.push(`  relation ${relation}_direct: ${subjects}`);
        stored.set(`${typeDef.type}#${relation}`, `${relation}_direct`);
      }
      lines.push(`  permission ${relation} = ${expression(rewrite, relation)}`);
    }
    blocks.push(`definition ${typeDef.type} {\n${lines.join('\n')}\n}`);
  }
  return {
    schema: blocks.join('\n\n'),
    storedRelation: (type, relation) => stored.get(`${type}#${relation}`) ?? relation,
  };
}
