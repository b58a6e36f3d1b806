// Every name a relation refers to must exist: types and `type#relation` in type restrictions,
// conditions on restrictions, computed relations, and both halves of a tuple-to-userset. The
// tupleset of a tuple-to-userset must be a plain directly-assignable relation of concrete types
// (no userset, no wildcard, no rewrite), and its computed relation must exist on at least one
// of those types.

import { hasKey } from './dict.js';
import type { ErrorBody, ModelErrorCollector } from './model-error-collector.js';
import { restrictionText } from './type-definition-index.js';
import type { TypeDefinitionIndex } from './type-definition-index.js';
import { rewriteLeaves } from './rewrite-leaves.js';
import type { RewriteLeaf } from './rewrite-leaves.js';
import type { SymbolAnchor } from './source-locator.js';

type Report = (body: ErrorBody, anchor?: SymbolAnchor) => void;

export function validateReferences(index: TypeDefinitionIndex, out: ModelErrorCollector): void {
  for (const typeDef of index.model.type_definitions ?? []) {
    for (const relation of Object.keys(typeDef.relations ?? {})) {
      const rewrite = index.rewrite(typeDef.type, relation);
      if (!rewrite) continue;
      for (const leaf of rewriteLeaves(rewrite)) checkLeaf(index, out, typeDef.type, relation, leaf);
    }
  }
}

function checkLeaf(index: TypeDefinitionIndex, out: ModelErrorCollector, typeName: string, relation: string, leaf: RewriteLeaf): void {
  const origin = index.relationOrigin(typeName, relation);
  const report: Report = (body, anchor = 'value') =>
    out.onRelation(typeName, relation, origin, { typeName, relation, ...body }, anchor);
  if (leaf.kind === 'this') checkDirect(index, report, typeName, relation);
  else if (leaf.kind === 'computed') {
    if (!index.rewrite(typeName, leaf.relation)) {
      report({ message: `the relation \`${leaf.relation}\` does not exist.`, errorType: 'missing-definition', symbol: leaf.relation });
    }
  } else checkTupleToUserset(index, report, typeName, leaf);
}

function checkDirect(index: TypeDefinitionIndex, report: Report, typeName: string, relation: string): void {
  const restrictions = index.restrictions(typeName, relation);
  if (restrictions.length === 0) {
    report({ message: `assignable relation '${relation}' must have types`, errorType: 'assignable-relation-must-have-type', symbol: relation });
  }
  const conditions = index.model.conditions ?? {};
  for (const ref of restrictions) {
    const target = index.types.get(ref.type);
    if (!target) report({ message: `\`${ref.type}\` is not a valid type.`, errorType: 'invalid-type', symbol: ref.type });
    if (ref.condition && !hasKey(conditions, ref.condition)) {
      report(
        { message: `\`${ref.condition}\` is not a defined condition in the model.`, errorType: 'condition-not-defined', symbol: ref.condition },
        'condition',
      );
    }
    if (ref.wildcard && ref.relation) {
      const text = `${ref.type}:*#${ref.relation}`;
      report({ message: `type restriction \`${text}\` cannot contain both wildcard and relation`, errorType: 'type-wildcard-relation', symbol: text });
    } else if (ref.relation && !index.rewrite(ref.type, ref.relation)) {
      report({
        message: `\`${ref.relation}\` is not a valid relation for \`${ref.type}\`.`,
        errorType: 'invalid-relation-type',
        symbol: restrictionText(ref, false),
      });
    }
  }
}

function checkTupleToUserset(index: TypeDefinitionIndex, report: Report, typeName: string, leaf: Extract<RewriteLeaf, { kind: 'ttu' }>): void {
  const symbol = `${leaf.relation} from ${leaf.tupleset}`;
  const tuplesetRewrite = index.rewrite(typeName, leaf.tupleset);
  if (!tuplesetRewrite) {
    report({ message: `\`${leaf.tupleset}\` is not a valid relation for \`${typeName}\`.`, errorType: 'invalid-relation-type', symbol });
    return;
  }
  const notDirect = () =>
    report(
      { message: `\`${leaf.tupleset}\` relation used inside from allows only direct relation.`, errorType: 'tupleuserset-not-direct', symbol: leaf.tupleset },
      'tupleset',
    );
  if (!('this' in tuplesetRewrite)) {
    notDirect();
    return;
  }
  const restrictions = index.restrictions(typeName, leaf.tupleset);
  const missing: string[] = [];
  for (const ref of restrictions) {
    if (ref.wildcard || ref.relation) notDirect();
    else if (!index.rewrite(ref.type, leaf.relation)) missing.push(ref.type);
  }
  // One tupleset type having the relation is enough (the others simply never match).
  if (missing.length === restrictions.length) {
    for (const fromType of missing) {
      report({
        message:
          `the \`${leaf.relation}\` relation definition on type \`${typeName}\` is not valid: ` +
          `\`${leaf.relation}\` does not exist on \`${leaf.tupleset}\`, which is of type \`${fromType}\`.`,
        errorType: 'invalid-relation-on-tupleset',
        symbol,
      });
    }
  }
}
