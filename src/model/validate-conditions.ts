// Conditions: the map key must equal the condition's own name, every declared condition must be
// used by some type restriction, and parameter types must be ones OpenFGA knows (generic types
// exactly for map/list).

import type { ModelErrorCollector, Origin } from './model-error-collector.js';
import { definedOnly } from './type-definition-index.js';
import type { TypeDefinitionIndex } from './type-definition-index.js';
import { GENERIC_PARAM_TYPES, SCALAR_PARAM_TYPES } from './condition-param-types.js';
import type { ConditionParamTypeRef } from './types.js';

const SCALAR_TYPES: ReadonlySet<string> = new Set(Object.keys(SCALAR_PARAM_TYPES));
const GENERIC_TYPES: ReadonlySet<string> = new Set(Object.keys(GENERIC_PARAM_TYPES));

function usedConditionNames(index: TypeDefinitionIndex): Set<string> {
  const used = new Set<string>();
  for (const typeDef of index.model.type_definitions ?? []) {
    for (const meta of Object.values(typeDef.metadata?.relations ?? {})) {
      for (const ref of meta?.directly_related_user_types ?? []) if (ref.condition) used.add(ref.condition);
    }
  }
  return used;
}

export function validateConditions(index: TypeDefinitionIndex, out: ModelErrorCollector): void {
  const used = usedConditionNames(index);
  for (const [name, condition] of Object.entries(index.model.conditions ?? {})) {
    const origin: Origin = definedOnly({ file: condition.metadata?.source_info?.file, module: condition.metadata?.module });
    if (name !== condition.name) {
      out.plain({
        message: `condition key is \`${name}\` but nested name property is ${condition.name}`,
        errorType: 'different-nested-condition-name',
        symbol: condition.name,
      });
    }
    if (!used.has(name)) {
      out.onCondition(name, origin, { message: `\`${name}\` condition is not used in the model.`, errorType: 'condition-not-used', symbol: name });
    }
    for (const [param, typeRef] of Object.entries(condition.parameters ?? {})) {
      const problem = paramTypeProblem(typeRef);
      if (problem) {
        out.onCondition(name, origin, {
          message: `condition \`${name}\` parameter \`${param}\` ${problem}`,
          errorType: 'invalid-condition-parameter',
          symbol: param,
        });
      }
    }
  }
}

function paramTypeProblem(ref: ConditionParamTypeRef | undefined): string | undefined {
  const typeName: string | undefined = ref?.type_name;
  const generics = ref?.generic_types ?? [];
  if (!typeName || typeName === 'TYPE_NAME_UNSPECIFIED') return 'has no type';
  if (GENERIC_TYPES.has(typeName)) {
    if (generics.length !== 1) return `of type ${typeName} needs exactly one generic type`;
    return paramTypeProblem(generics[0]);
  }
  if (!SCALAR_TYPES.has(typeName)) return `has an unknown type ${typeName}`;
  if (generics.length > 0) return `of type ${typeName} takes no generic types`;
  return undefined;
}
