// Duplicates: a type defined twice, a type restriction listed twice on one relation, and the same
// operand twice in one union / intersection / difference (harmless to evaluate, but always a
// mistake in a model).

import { ownValue } from './dict.js';
import type { ModelErrorCollector } from './model-error-collector.js';
import { restrictionText, typeOrigin } from './type-definition-index.js';
import type { TypeDefinitionIndex } from './type-definition-index.js';
import { leafOf, leafText } from './rewrite-leaves.js';
import type { Userset } from './types.js';

export function validateDuplicates(index: TypeDefinitionIndex, out: ModelErrorCollector): void {
  const seenTypes = new Set<string>();
  for (const typeDef of index.model.type_definitions ?? []) {
    const typeName = typeDef.type;
    if (seenTypes.has(typeName)) {
      out.onType(typeName, typeOrigin(typeDef), { message: `the type \`${typeName}\` is a duplicate.`, errorType: 'duplicated-error', symbol: typeName, typeName });
    }
    seenTypes.add(typeName);

    for (const [relation, meta] of Object.entries(typeDef.metadata?.relations ?? {})) {
      const origin = index.relationOrigin(typeName, relation);
      const seen = new Set<string>();
      for (const ref of meta?.directly_related_user_types ?? []) {
        const text = restrictionText(ref);
        if (seen.has(text)) {
          out.onRelation(typeName, relation, origin, {
            message: `the type restriction \`${text}\` is a duplicate in the relation \`${relation}\`.`,
            errorType: 'duplicated-error',
            symbol: text,
            typeName,
            relation,
          });
        }
        seen.add(text);
      }
      const rewrite = ownValue(typeDef.relations, relation);
      for (const operand of rewrite ? duplicateOperands(rewrite) : []) {
        out.onRelation(typeName, relation, origin, {
          message: `the partial relation definition \`${operand}\` is a duplicate in the relation \`${relation}\`.`,
          errorType: 'duplicated-error',
          symbol: operand,
          typeName,
          relation,
        });
      }
    }
  }
}

/** Operands (`viewer`, `viewer from parent`) repeated at the top level of a rewrite. */
function duplicateOperands(rewrite: Userset): string[] {
  const names = (children: Userset[]) => children.map((child) => {
    const leaf = leafOf(child);
    return leaf ? leafText(leaf) : undefined;
  });
  if ('difference' in rewrite) {
    const [base, subtract] = names([rewrite.difference.base, rewrite.difference.subtract]);
    return base && base === subtract ? [base] : [];
  }
  const children = 'union' in rewrite ? rewrite.union.child : 'intersection' in rewrite ? rewrite.intersection.child : [];
  const seen = new Set<string>();
  const duplicates: string[] = [];
  for (const name of names(children ?? [])) {
    if (name && seen.has(name)) duplicates.push(name);
    if (name) seen.add(name);
  }
  return duplicates;
}
