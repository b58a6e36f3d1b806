// AuthorizationModel (OpenFGA JSON) -> DSL text, formatted as openfga/language formats it:
// two-space indentation, a blank line between blocks, conditions and their parameters sorted by
// name. Rewrites the DSL cannot express (a direct assignment nested below the top operator)
// are rejected with the same message as OpenFGA's.
import { ErrorCode, ValidationError } from '../model/errors.js';
import type { AuthorizationModel, Condition, ConditionParamTypeRef, RelationReference, TypeDefinition, Userset } from '../model/types.js';

const paramTypeNames: Record<string, string> = {
  TYPE_NAME_BOOL: 'bool',
  TYPE_NAME_STRING: 'string',
  TYPE_NAME_INT: 'int',
  TYPE_NAME_UINT: 'uint',
  TYPE_NAME_DOUBLE: 'double',
  TYPE_NAME_DURATION: 'duration',
  TYPE_NAME_TIMESTAMP: 'timestamp',
  TYPE_NAME_IPADDRESS: 'ipaddress',
  TYPE_NAME_MAP: 'map',
  TYPE_NAME_LIST: 'list',
  TYPE_NAME_ANY: 'any',
};

/** Same bound as the parser's parentheses nesting. */
const MAX_PRINT_DEPTH = 256;

function unsupported(relation: string, type: string): ValidationError {
  return new ValidationError(
    ErrorCode.InvalidAuthorizationModel,
    `the '${relation}' relation definition under the '${type}' type is not supported by the OpenFGA DSL syntax yet`,
  );
}

function printReference(ref: RelationReference): string {
  let text = ref.type;
  if (ref.wildcard) text += ':*';
  else if (ref.relation) text += `#${ref.relation}`;
  if (ref.condition) text += ` with ${ref.condition}`;
  return text;
}

class RelationPrinter {
  constructor(
    private readonly type: string,
    private readonly relation: string,
    private readonly direct: RelationReference[],
  ) {}

  top(userset: Userset): string {
    return this.print(userset, true, true);
  }

  /**
   * The DSL can only put a direct assignment first in the leftmost operand chain
   * (`([user] and a) but not b`); `allowDirect` tracks that position.
   */
  private print(userset: Userset, allowDirect: boolean, top: boolean, depth = 0): string {
    if (depth > MAX_PRINT_DEPTH) {
      throw new ValidationError(ErrorCode.InvalidAuthorizationModel, `the '${this.relation}' relation definition under the '${this.type}' type is nested too deeply`);
    }
    if ('this' in userset) {
      if (!allowDirect) throw unsupported(this.relation, this.type);
      return this.directText();
    }
    if ('computedUserset' in userset) return userset.computedUserset.relation ?? '';
    if ('tupleToUserset' in userset) {
      return `${userset.tupleToUserset.computedUserset.relation ?? ''} from ${userset.tupleToUserset.tupleset.relation ?? ''}`;
    }
    let text: string;
    if ('difference' in userset) {
      const base = this.print(userset.difference.base, allowDirect, false, depth + 1);
      text = `${base} but not ${this.print(userset.difference.subtract, false, false, depth + 1)}`;
    } else {
      const [children, word] = 'union' in userset ? [userset.union.child, 'or'] : [userset.intersection.child, 'and'];
      // A direct assignment among the children means the same first; OpenFGA prints it first.
      const ordered = [...children.filter((c) => 'this' in c), ...children.filter((c) => !('this' in c))];
      text = ordered.map((child, i) => this.print(child, allowDirect && i === 0, false, depth + 1)).join(` ${word} `);
    }
    return top ? text : `(${text})`;
  }

  private directText(): string {
    return `[${this.direct.map(printReference).join(', ')}]`;
  }
}

function printType(def: TypeDefinition): string {
  const relations = Object.entries(def.relations ?? {});
  const lines = [`type ${def.type}`];
  if (relations.length > 0) {
    lines.push('  relations');
    for (const [name, userset] of relations) {
      const direct = def.metadata?.relations?.[name]?.directly_related_user_types ?? [];
      lines.push(`    define ${name}: ${new RelationPrinter(def.type, name, direct).top(userset)}`);
    }
  }
  return lines.join('\n');
}

function printParamType(ref: ConditionParamTypeRef): string {
  const name = paramTypeNames[ref.type_name] ?? ref.type_name;
  const generic = ref.generic_types?.[0];
  return generic ? `${name}<${printParamType(generic)}>` : name;
}

function printCondition(condition: Condition): string {
  const params = Object.entries(condition.parameters ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, ref]) => `${name}: ${printParamType(ref)}`)
    .join(', ');
  return `condition ${condition.name}(${params}) {\n  ${condition.expression}\n}`;
}

/** Prints a model as DSL; throws ValidationError for rewrites the DSL cannot express. */
export function printModel(model: AuthorizationModel): string {
  const blocks = [`model\n  schema ${model.schema_version}`];
  for (const def of model.type_definitions ?? []) blocks.push(printType(def));
  const conditions = Object.entries(model.conditions ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [name, condition] of conditions) blocks.push(printCondition({ ...condition, name: condition.name || name }));
  return `${blocks.join('\n\n')}\n`;
}
