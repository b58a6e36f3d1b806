// CST -> parsed file: types, relations and conditions with their source ranges. The OpenFGA JSON
// model (and the modular merge) is assembled from this in build-model.ts / modules.ts. The CST
// types come from cst.d.ts, generated from the grammar.
import type { CstNode, IToken } from 'chevrotain';
import { newDict, ownValue } from '../model/dict.js';
import type { ConditionParamTypeRef, ConditionTypeName, RelationReference, Userset } from '../model/types.js';
import type {
  ConditionCstChildren, MainCstChildren, OperandCstChildren, RelationDeclarationCstChildren, RelationDefCstChildren,
  RelationDefNoDirectCstChildren, RewriteCstChildren, TypeDefCstChildren, TypeRestrictionCstChildren,
} from './cst.js';
import type { DslError, SourceRange } from './dsl-error.js';
import { rangeAt } from './dsl-error.js';
import { dslParser } from './parser.js';

export interface ParsedRelation {
  name: string;
  range: SourceRange;
  rewrite: Userset;
  directTypes: RelationReference[];
}

export interface ParsedType {
  name: string;
  range: SourceRange;
  extend: boolean;
  relations: ParsedRelation[];
}

export interface ParsedCondition {
  name: string;
  range: SourceRange;
  parameters: Record<string, ConditionParamTypeRef>;
  expression: string;
}

export interface ParsedFile {
  schemaVersion?: string;
  module?: { name: string; range: SourceRange };
  types: ParsedType[];
  conditions: ParsedCondition[];
}

const paramTypes: Record<string, ConditionTypeName> = {
  bool: 'TYPE_NAME_BOOL',
  string: 'TYPE_NAME_STRING',
  int: 'TYPE_NAME_INT',
  uint: 'TYPE_NAME_UINT',
  double: 'TYPE_NAME_DOUBLE',
  duration: 'TYPE_NAME_DURATION',
  timestamp: 'TYPE_NAME_TIMESTAMP',
  ipaddress: 'TYPE_NAME_IPADDRESS',
  map: 'TYPE_NAME_MAP',
  list: 'TYPE_NAME_LIST',
};

function tokenRange(token: IToken): SourceRange {
  return rangeAt((token.startLine ?? 1) - 1, (token.startColumn ?? 1) - 1, token.image.length);
}

/** Recovered tokens (inserted by error recovery) have no position; such nodes are skipped. */
function usable(token: IToken | undefined): token is IToken {
  return token !== undefined && !Number.isNaN(token.startOffset) && token.startLine !== undefined;
}

const BaseVisitor = dslParser.getBaseCstVisitorConstructorWithDefaults();

class ModelVisitor extends BaseVisitor {
  readonly errors: DslError[] = [];

  constructor() {
    super();
    this.validateVisitor();
  }

  file(ctx: MainCstChildren): ParsedFile {
    const result: ParsedFile = { types: [], conditions: [] };
    const modelHeader = ctx.modelHeader?.[0];
    if (modelHeader) result.schemaVersion = modelHeader.children.SchemaVersion[0]?.image;
    const moduleName = ctx.moduleHeader?.[0]?.children.name[0];
    if (usable(moduleName)) result.module = { name: moduleName.image, range: tokenRange(moduleName) };
    const extended = new Set<string>();
    for (const typeNode of ctx.typeDef ?? []) {
      const parsed = this.typeDef(typeNode.children);
      if (!parsed) continue;
      if (parsed.extend) {
        if (extended.has(parsed.name)) this.semantic(`'${parsed.name}' is already extended in file.`, parsed.range, parsed.name);
        extended.add(parsed.name);
      }
      result.types.push(parsed);
    }
    const conditionNames = new Set<string>();
    for (const conditionNode of ctx.condition ?? []) {
      const parsed = this.conditionDef(conditionNode.children);
      if (!parsed) continue;
      if (conditionNames.has(parsed.name)) {
        this.semantic(`condition '${parsed.name}' is already defined in the model`, parsed.range, parsed.name);
        continue;
      }
      conditionNames.add(parsed.name);
      result.conditions.push(parsed);
    }
    return result;
  }

  private semantic(message: string, range: SourceRange, symbol: string): void {
    this.errors.push({ message, kind: 'semantic', symbol, ...range });
  }

  private typeDef(ctx: TypeDefCstChildren): ParsedType | undefined {
    const name = ctx.name[0];
    if (!usable(name)) return undefined;
    const type: ParsedType = { name: name.image, range: tokenRange(name), extend: ctx.Extend !== undefined, relations: [] };
    const seen = new Set<string>();
    for (const declaration of ctx.relationDeclaration ?? []) {
      const relation = this.relationDeclaration(declaration.children);
      if (!relation) continue;
      if (seen.has(relation.name)) {
        this.semantic(`'${relation.name}' is already defined in '${type.name}'`, relation.range, relation.name);
        continue;
      }
      seen.add(relation.name);
      type.relations.push(relation);
    }
    return type;
  }

  private relationDeclaration(ctx: RelationDeclarationCstChildren): ParsedRelation | undefined {
    const name = ctx.name[0];
    const definition = ctx.relationDef[0];
    if (!usable(name) || !definition) return undefined;
    const directTypes: RelationReference[] = [];
    const rewrite = this.relationDef(definition.children, directTypes);
    if (!rewrite) return undefined;
    return { name: name.image, range: tokenRange(name), rewrite, directTypes };
  }

  /** Also serves relationDefNoDirect (same shape minus the direct assignment). */
  private relationDef(ctx: RelationDefCstChildren | RelationDefNoDirectCstChildren, directTypes: RelationReference[]): Userset | undefined {
    const first = this.primary(ctx, directTypes);
    if (!first) return undefined;
    const partials = ctx.partials?.[0];
    if (!partials) return first;
    const p = partials.children;
    const operands: Userset[] = [];
    for (const operand of p.operand ?? []) {
      const userset = this.primary(operand.children, directTypes);
      if (!userset) return undefined;
      operands.push(userset);
    }
    if (p.Or) return { union: { child: [first, ...operands] } };
    if (p.And) return { intersection: { child: [first, ...operands] } };
    if (p.ButNot && operands[0]) return { difference: { base: first, subtract: operands[0] } };
    return undefined;
  }

  /** The first operand of a definition, or an operand after an operator. */
  private primary(
    ctx: RelationDefCstChildren | RelationDefNoDirectCstChildren | OperandCstChildren,
    directTypes: RelationReference[],
  ): Userset | undefined {
    const direct = 'directAssignment' in ctx ? ctx.directAssignment?.[0] : undefined;
    if (direct) {
      for (const restriction of direct.children.typeRestriction) {
        const reference = this.typeRestriction(restriction.children);
        if (reference) directTypes.push(reference);
      }
      return { this: {} };
    }
    const rewrite = ctx.rewrite?.[0];
    if (rewrite) return this.rewriteDef(rewrite.children);
    const group = 'recurse' in ctx ? ctx.recurse?.[0]?.children.relationDef[0] : undefined;
    if (group) return this.relationDef(group.children, directTypes);
    const groupNoDirect = 'recurseNoDirect' in ctx ? ctx.recurseNoDirect?.[0]?.children.relationDefNoDirect[0] : undefined;
    return groupNoDirect ? this.relationDef(groupNoDirect.children, directTypes) : undefined;
  }

  private rewriteDef(ctx: RewriteCstChildren): Userset | undefined {
    const computed = ctx.computed[0];
    if (!usable(computed)) return undefined;
    if (!ctx.From) return { computedUserset: { relation: computed.image } };
    const tupleset = ctx.tupleset?.[0];
    if (!usable(tupleset)) return undefined;
    return { tupleToUserset: { tupleset: { relation: tupleset.image }, computedUserset: { relation: computed.image } } };
  }

  private typeRestriction(ctx: TypeRestrictionCstChildren): RelationReference | undefined {
    const type = ctx.type?.[0];
    if (!usable(type)) return undefined;
    const reference: RelationReference = { type: type.image };
    if (ctx.Star) reference.wildcard = {};
    const relation = ctx.relation?.[0];
    if (usable(relation)) reference.relation = relation.image;
    const condition = ctx.condition?.[0];
    if (usable(condition)) reference.condition = condition.image;
    return reference;
  }

  private conditionDef(ctx: ConditionCstChildren): ParsedCondition | undefined {
    const name = ctx.name[0];
    if (!usable(name)) return undefined;
    const parameters = newDict<ConditionParamTypeRef>();
    for (const parameter of ctx.conditionParameter) {
      const p = parameter.children;
      const paramName = p.name[0];
      const container = p.ConditionParamContainer?.[0];
      const typeToken = p.ConditionParamType?.[0] ?? container;
      if (!usable(paramName) || !usable(typeToken)) continue;
      if (Object.hasOwn(parameters, paramName.image)) {
        this.semantic(
          `parameter '${paramName.image}' is already defined in the condition '${name.image}'`,
          tokenRange(paramName),
          paramName.image,
        );
        continue;
      }
      const ref: ConditionParamTypeRef = { type_name: ownValue(paramTypes, typeToken.image) ?? 'TYPE_NAME_UNSPECIFIED' };
      const generic = p.generic?.[0];
      if (container && usable(generic)) {
        ref.generic_types = [{ type_name: ownValue(paramTypes, generic.image) ?? 'TYPE_NAME_UNSPECIFIED' }];
      }
      parameters[paramName.image] = ref;
    }
    const expression = (ctx.CelText?.[0]?.image ?? '').trim();
    return { name: name.image, range: tokenRange(name), parameters, expression };
  }
}

/** Builds the parsed file from a CST; `errors` gets the transformer's own rules (duplicates...). */
export function cstToParsedFile(root: CstNode): { file: ParsedFile; errors: DslError[] } {
  const visitor = new ModelVisitor();
  const file = visitor.file(root.children as MainCstChildren);
  return { file, errors: visitor.errors };
}
