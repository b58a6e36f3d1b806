// An upper bound of the work an expression with comprehensions (`all`, `exists`, `map`…) does for
// given bindings, checked before running it. @bufbuild/cel has no cost tracking, and nested
// comprehensions over a client-supplied list could otherwise occupy the server for minutes.
// The bound ignores short-circuiting, so it is only compared with a generous limit: it stops
// blow-ups, it does not replicate cel-go's exact cost accounting (OpenFGA's limit of 100).

import type { CelInput, parse } from '@bufbuild/cel';

type Expr = ReturnType<typeof parse>['expr'];

/** Bound above which evaluation is refused (about 0.1 s of evaluator work). */
export const MAX_EVALUATION_COST = 100_000;

/** Length of the largest list or map anywhere inside the bindings. */
function largestCollection(value: unknown, seen = 0): number {
  let largest = seen;
  if (Array.isArray(value)) {
    largest = Math.max(largest, value.length);
    for (const item of value) largest = largestCollection(item, largest);
  } else if (value instanceof Map) {
    largest = Math.max(largest, value.size);
    for (const item of value.values()) largest = largestCollection(item, largest);
  }
  return largest;
}

export function hasComprehension(root: Expr): boolean {
  const stack: Expr[] = [root];
  while (stack.length > 0) {
    const kind = stack.pop()!.exprKind;
    switch (kind.case) {
      case 'comprehensionExpr':
        return true;
      case 'callExpr':
        if (kind.value.target) stack.push(kind.value.target);
        stack.push(...kind.value.args);
        break;
      case 'selectExpr':
        if (kind.value.operand) stack.push(kind.value.operand);
        break;
      case 'listExpr':
        stack.push(...kind.value.elements);
        break;
      case 'structExpr':
        for (const entry of kind.value.entries) {
          if (entry.keyKind.case === 'mapKey') stack.push(entry.keyKind.value);
          if (entry.value) stack.push(entry.value);
        }
        break;
      default:
        break;
    }
  }
  return false;
}

/** Upper bound of evaluation steps of `root` with these bindings. Recursion depth is bounded by the compile-time depth limit. */
export function costBound(root: Expr, bindings: Readonly<Record<string, CelInput>>): number {
  let fallback = 0;
  for (const value of Object.values(bindings)) fallback = largestCollection(value, fallback);

  // Upper bound of the number of elements `expr` can evaluate to, when used as a range.
  const sizeOf = (expr: Expr | undefined, locals: ReadonlySet<string>): number => {
    if (!expr) return 0;
    const kind = expr.exprKind;
    switch (kind.case) {
      case 'identExpr': {
        if (locals.has(kind.value.name)) return fallback;
        const bound = bindings[kind.value.name];
        if (Array.isArray(bound)) return bound.length;
        return bound instanceof Map ? bound.size : fallback;
      }
      case 'listExpr':
        return kind.value.elements.length;
      case 'structExpr':
        return kind.value.entries.length;
      case 'callExpr':
        if (kind.value.function === '_+_') return kind.value.args.reduce((sum, arg) => sum + sizeOf(arg, locals), 0);
        return fallback;
      case 'comprehensionExpr':
        // map/filter produce at most one element per element of their range.
        return sizeOf(kind.value.iterRange, locals);
      default:
        return fallback;
    }
  };

  const cost = (expr: Expr | undefined, locals: ReadonlySet<string>): number => {
    if (!expr) return 0;
    const kind = expr.exprKind;
    switch (kind.case) {
      case 'callExpr':
        return 1 + cost(kind.value.target, locals) + kind.value.args.reduce((sum, arg) => sum + cost(arg, locals), 0);
      case 'selectExpr':
        return 1 + cost(kind.value.operand, locals);
      case 'listExpr':
        return 1 + kind.value.elements.reduce((sum, element) => sum + cost(element, locals), 0);
      case 'structExpr':
        return 1 + kind.value.entries.reduce((sum, entry) => sum + cost(entry.value, locals) + (entry.keyKind.case === 'mapKey' ? cost(entry.keyKind.value, locals) : 0), 0);
      case 'comprehensionExpr': {
        const c = kind.value;
        const inner = new Set(locals).add(c.iterVar).add(c.accuVar);
        if (c.iterVar2) inner.add(c.iterVar2);
        const iterations = sizeOf(c.iterRange, locals);
        return cost(c.iterRange, locals) + cost(c.accuInit, locals) + iterations * (1 + cost(c.loopCondition, inner) + cost(c.loopStep, inner)) + cost(c.result, inner);
      }
      default:
        return 1;
    }
  };

  return cost(root, new Set());
}
