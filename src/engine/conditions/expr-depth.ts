// The nesting depth of a parsed expression, measured without recursion so that a hostile model
// cannot overflow the stack before the limit is enforced (cel-go rejects expressions nested
// deeper than its parser recursion limit, 250).

import type { parse } from '@bufbuild/cel';

type Expr = ReturnType<typeof parse>['expr'];

export const MAX_EXPRESSION_DEPTH = 250;

function children(expr: Expr): (Expr | undefined)[] {
  const kind = expr.exprKind;
  switch (kind.case) {
    case 'callExpr':
      return [kind.value.target, ...kind.value.args];
    case 'selectExpr':
      return [kind.value.operand];
    case 'listExpr':
      return kind.value.elements;
    case 'structExpr':
      return kind.value.entries.flatMap((entry) => [entry.keyKind.case === 'mapKey' ? entry.keyKind.value : undefined, entry.value]);
    case 'comprehensionExpr': {
      const c = kind.value;
      return [c.iterRange, c.accuInit, c.loopCondition, c.loopStep, c.result];
    }
    default:
      return [];
  }
}

/** True when some path from the root is longer than `limit` nodes. */
export function exceedsDepth(root: Expr, limit: number = MAX_EXPRESSION_DEPTH): boolean {
  const stack: [Expr, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [expr, depth] = stack.pop()!;
    if (depth > limit) return true;
    for (const child of children(expr)) if (child) stack.push([child, depth + 1]);
  }
  return false;
}
