// CST -> parsed file: types, relations and conditions with their source ranges. The OpenFGA JSON
// model (and the modular merge) is assembled from this in compile.ts / modules.ts.
import type { CstElement, CstNode, IToken } from 'chevrotain';
import type { ConditionParamTypeRef, ConditionTypeName, RelationReference, Userset } from '../model/types.js';
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

type Ctx = Record<string, CstElement[] | undefined>;

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

function isToken(element: CstElement): element is IToken {
  return 'image' in element;
}

function tokenOf(ctx: Ctx, name: string, index = 0): IToken | undefined {
  const element = ctx[name]?.[index];
  return element && isToken(element) ? element : undefined;
}

function nodeOf(ctx: Ctx, name: string, index = 0): CstNode | undefined {
  const element = ctx[name]?.[index];
  return element && !isToken(element) ? element : undefined;
}

function nodesOf(ctx: Ctx, name: string): CstNode[] {
  return (ctx[name] ?? []).filter((e): e is CstNode => !isToken(e));
}

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

  file(root: CstNode): ParsedFile {
    const ctx = root.children;
    const result: ParsedFile = { types: [], conditions: [] };
    const modelHeader = nodeOf(ctx, 'modelHeader');
    if (modelHeader) result.schemaVersion = tokenOf(modelHeader.children, 'SchemaVersion')?.image;
    const moduleHeader = nodeOf(ctx, 'moduleHeader');
    const moduleName = tokenOf(moduleHeader?.children ?? {}, 'name');
    if (usable(moduleName)) result.module = { name: moduleName.image, range: tokenRange(moduleName) };
    const extended = new Set<string>();
    for (const typeNode of nodesOf(ctx, 'typeDef')) {
      const parsed = this.typeDef(typeNode.children);
      if (!parsed) continue;
      if (parsed.extend) {
        if (extended.has(parsed.name)) this.semantic(`'${parsed.name}' is already extended in file.`, parsed.range, parsed.name);
        extended.add(parsed.name);
      }
      result.types.push(parsed);
    }
    const conditionNames = new Set<string>();
    for (const conditionNode of nodesOf(ctx, 'condition')) {
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

  private typeDef(ctx: Ctx): ParsedType | undefined {
    const name = tokenOf(ctx, 'name');
    if (!usable(name)) return undefined;
    const type: ParsedType = { name: name.image, range: tokenRange(name), extend: ctx.Extend !== undefined, relations: [] };
    const seen = new Set<string>();
    for (const declaration of nodesOf(ctx, 'relationDeclaration')) {
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

  private relationDeclaration(ctx: Ctx): ParsedRelation | undefined {
    const name = tokenOf(ctx, 'name');
    const definition = nodeOf(ctx, 'relationDef');
    if (!usable(name) || !definition) return undefined;
    const directTypes: RelationReference[] = [];
    const rewrite = this.relationDef(definition.children, directTypes);
    if (!rewrite) return undefined;
    return { name: name.image, range: tokenRange(name), rewrite, directTypes };
  }

  /** Also serves relationDefNoDirect (same shape minus the direct assignment). */
  private relationDef(ctx: Ctx, directTypes: RelationReference[]): Userset | undefined {
    const first = this.primary(ctx, directTypes);
    if (!first) return undefined;
    const partials = nodeOf(ctx, 'partials');
    if (!partials) return first;
    const p = partials.children;
    const operands: Userset[] = [];
    for (const operand of nodesOf(p, 'operand')) {
      const userset = this.primary(operand.children, directTypes);
      if (!userset) return undefined;
      operands.push(userset);
    }
    if (p.Or) return { union: { child: [first, ...operands] } };
    if (p.And) return { intersection: { child: [first, ...operands] } };
    if (p.ButNot && operands[0]) return { difference: { base: first, subtract: operands[0] } };
    return undefined;
  }

  private primary(ctx: Ctx, directTypes: RelationReference[]): Userset | undefined {
    const direct = nodeOf(ctx, 'directAssignment');
    if (direct) {
      for (const restriction of nodesOf(direct.children, 'typeRestriction')) {
        const reference = this.typeRestriction(restriction.children);
        if (reference) directTypes.push(reference);
      }
      return { this: {} };
    }
    const rewrite = nodeOf(ctx, 'rewrite');
    if (rewrite) return this.rewriteDef(rewrite.children);
    const group = nodeOf(ctx, 'recurse') ?? nodeOf(ctx, 'recurseNoDirect');
    const inner = group && (nodeOf(group.children, 'relationDef') ?? nodeOf(group.children, 'relationDefNoDirect'));
    return inner ? this.relationDef(inner.children, directTypes) : undefined;
  }

  private rewriteDef(ctx: Ctx): Userset | undefined {
    const computed = tokenOf(ctx, 'computed');
    if (!usable(computed)) return undefined;
    if (!ctx.From) return { computedUserset: { relation: computed.image } };
    const tupleset = tokenOf(ctx, 'tupleset');
    if (!usable(tupleset)) return undefined;
    return { tupleToUserset: { tupleset: { relation: tupleset.image }, computedUserset: { relation: computed.image } } };
  }

  private typeRestriction(ctx: Ctx): RelationReference | undefined {
    const type = tokenOf(ctx, 'type');
    if (!usable(type)) return undefined;
    const reference: RelationReference = { type: type.image };
    if (ctx.Star) reference.wildcard = {};
    const relation = tokenOf(ctx, 'relation');
    if (usable(relation)) reference.relation = relation.image;
    const condition = tokenOf(ctx, 'condition');
    if (usable(condition)) reference.condition = condition.image;
    return reference;
  }

  private conditionDef(ctx: Ctx): ParsedCondition | undefined {
    const name = tokenOf(ctx, 'name');
    if (!usable(name)) return undefined;
    const parameters: Record<string, ConditionParamTypeRef> = {};
    for (const parameter of nodesOf(ctx, 'conditionParameter')) {
      const p = parameter.children;
      const paramName = tokenOf(p, 'name');
      const typeToken = tokenOf(p, 'ConditionParamType') ?? tokenOf(p, 'ConditionParamContainer');
      if (!usable(paramName) || !usable(typeToken)) continue;
      if (Object.hasOwn(parameters, paramName.image)) {
        this.semantic(
          `parameter '${paramName.image}' is already defined in the condition '${name.image}'`,
          tokenRange(paramName),
          paramName.image,
        );
        continue;
      }
      const ref: ConditionParamTypeRef = { type_name: paramTypes[typeToken.image] ?? 'TYPE_NAME_UNSPECIFIED' };
      const generic = tokenOf(p, 'generic');
      if (tokenOf(p, 'ConditionParamContainer') && usable(generic)) {
        ref.generic_types = [{ type_name: paramTypes[generic.image] ?? 'TYPE_NAME_UNSPECIFIED' }];
      }
      parameters[paramName.image] = ref;
    }
    const expression = (tokenOf(ctx, 'CelText')?.image ?? '').trim();
    return { name: name.image, range: tokenRange(name), parameters, expression };
  }
}

/** Builds the parsed file from a CST; `errors` gets the transformer's own rules (duplicates...). */
export function cstToParsedFile(root: CstNode): { file: ParsedFile; errors: DslError[] } {
  const visitor = new ModelVisitor();
  const file = visitor.file(root);
  return { file, errors: visitor.errors };
}
