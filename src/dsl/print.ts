// AuthorizationModel (OpenFGA JSON) -> DSL text, formatted as openfga/language formats it:
// two-space indentation, a blank line between blocks, conditions and their parameters sorted by
// name. Rewrites the DSL cannot express (a direct assignment nested below the top operator)
// are rejected with the same message as OpenFGA's.
import { PARAM_TYPE_DSL_NAMES } from '../model/condition-param-types.js';
import { ownValue } from '../model/dict.js';
import { ErrorCode, ValidationError } from '../model/errors.js';
import type { AuthorizationModel, Condition, ConditionParamTypeRef, RelationReference, TypeDefinition, Userset } from '../model/types.js';

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

export interface PrintOptions {
  /** Modular models: end type, extended-relation and condition lines with `# module: m, file: f`. */
  includeSourceInformation?: boolean;
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function sourceComment(module: string | undefined, file: string | undefined, prefix = ''): string {
  return module ? ` # ${prefix}module: ${module}, file: ${file ?? ''}` : '';
}

/**
 * A modular model prints grouped the way OpenFGA groups it: a type's own relations by name, then
 * relations added by `extend type` per module and file.
 */
function relationOrder(def: TypeDefinition, modular: boolean): string[] {
  const names = Object.keys(def.relations ?? {});
  if (!modular) return names;
  const key = (name: string): string[] => {
    const meta = ownValue(def.metadata?.relations, name);
    return [meta?.module ? '1' : '0', meta?.module ?? '', meta?.source_info?.file ?? '', name];
  };
  return names.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return byText(ka[i]!, kb[i]!);
    return 0;
  });
}

function printType(def: TypeDefinition, modular: boolean, options: PrintOptions): string {
  const info = options.includeSourceInformation;
  const lines = [`type ${def.type}${info ? sourceComment(def.metadata?.module, def.metadata?.source_info?.file) : ''}`];
  const names = relationOrder(def, modular);
  if (names.length > 0) {
    lines.push('  relations');
    for (const name of names) {
      const meta = ownValue(def.metadata?.relations, name);
      const text = new RelationPrinter(def.type, name, meta?.directly_related_user_types ?? []).top(ownValue(def.relations, name)!);
      const comment = info ? sourceComment(meta?.module, meta?.source_info?.file, 'extended by: ') : '';
      lines.push(`    define ${name}: ${text}${comment}`);
    }
  }
  return lines.join('\n');
}

function printParamType(ref: ConditionParamTypeRef): string {
  const name = ownValue(PARAM_TYPE_DSL_NAMES, ref.type_name) ?? ref.type_name;
  const generic = ref.generic_types?.[0];
  return generic ? `${name}<${printParamType(generic)}>` : name;
}

function printCondition(condition: Condition, options: PrintOptions): string {
  const params = Object.entries(condition.parameters ?? {})
    .sort(([a], [b]) => byText(a, b))
    .map(([name, ref]) => `${name}: ${printParamType(ref)}`)
    .join(', ');
  const comment = options.includeSourceInformation
    ? sourceComment(condition.metadata?.module, condition.metadata?.source_info?.file)
    : '';
  return `condition ${condition.name}(${params}) {\n  ${condition.expression}\n}${comment}`;
}

/** Sort key of a modular model's types and conditions: module, then file, then name. */
function moduleKey(name: string, meta: { module?: string; source_info?: { file?: string } } | null | undefined): string {
  return `${meta?.module ?? ''}\u0000${meta?.source_info?.file ?? ''}\u0000${name}`;
}

/**
 * Prints a model as DSL; throws ValidationError for rewrites the DSL cannot express. Modular
 * models (types carrying `metadata.module`) print grouped by module as OpenFGA prints them.
 */
export function printModel(model: AuthorizationModel, options: PrintOptions = {}): string {
  const types = [...(model.type_definitions ?? [])];
  const modular = types.some((t) => t.metadata?.module);
  if (modular) types.sort((a, b) => byText(moduleKey(a.type, a.metadata), moduleKey(b.type, b.metadata)));
  const blocks = [`model\n  schema ${model.schema_version}`];
  for (const def of types) blocks.push(printType(def, modular, options));
  const conditions = Object.entries(model.conditions ?? {}).map(([name, c]) => ({ ...c, name: c.name || name }));
  conditions.sort((a, b) => (modular ? byText(moduleKey(a.name, a.metadata), moduleKey(b.name, b.metadata)) : byText(a.name, b.name)));
  for (const condition of conditions) blocks.push(printCondition(condition, options));
  return `${blocks.join('\n\n')}\n`;
}
