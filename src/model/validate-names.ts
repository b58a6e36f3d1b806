// Names of types and relations: not reserved (`self`, `this`) and within OpenFGA's patterns.

import type { ModelErrorCollector } from './model-error-collector.js';
import { typeOrigin } from './type-definition-index.js';
import type { TypeDefinitionIndex } from './type-definition-index.js';
import { RELATION_NAME_RULE, RESERVED_NAMES, TYPE_NAME_RULE } from './naming-rules.js';
import type { NamingRules } from './validate-model.js';

export function validateNames(index: TypeDefinitionIndex, out: ModelErrorCollector, rules: Required<NamingRules>): void {
  const typeRule = new RegExp(rules.typeRule);
  const relationRule = new RegExp(rules.relationRule);
  for (const typeDef of index.model.type_definitions ?? []) {
    const typeName = typeDef.type;
    const origin = typeOrigin(typeDef);
    if (RESERVED_NAMES.has(typeName)) {
      out.onType(typeName, origin, { message: "a type cannot be named 'self' or 'this'.", errorType: 'reserved-type-keywords', symbol: typeName, typeName });
    }
    if (!typeRule.test(typeName)) {
      out.onType(typeName, origin, {
        message: `type '${typeName}' does not match naming rule: '${rules.typeRule}'.`,
        errorType: 'invalid-name',
        symbol: typeName,
        typeName,
      });
    }
    for (const relation of Object.keys(typeDef.relations ?? {})) {
      const relationOrigin = index.metadata(typeName, relation)?.module ? index.relationOrigin(typeName, relation) : origin;
      const report = (message: string, errorType: 'reserved-relation-keywords' | 'invalid-name') =>
        out.onRelation(typeName, relation, relationOrigin, { message, errorType, symbol: relation, typeName, relation }, 'name');
      if (RESERVED_NAMES.has(relation)) report("a relation cannot be named 'self' or 'this'.", 'reserved-relation-keywords');
      if (!relationRule.test(relation)) {
        report(`relation '${relation}' of type '${typeName}' does not match naming rule: '${rules.relationRule}'.`, 'invalid-name');
      }
    }
  }
}

export const DEFAULT_NAMING_RULES: Required<NamingRules> = { typeRule: TYPE_NAME_RULE, relationRule: RELATION_NAME_RULE };
