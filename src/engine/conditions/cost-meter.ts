// The cost of one evaluation, metered while it runs and cut off at a limit, after cel-go's
// runtime cost model (OpenFGA evaluates with cel.CostLimit(maxConditionEvaluationCost), default
// 100): each read of a parameter costs 1, each call its cel-go cost — 1 for most functions,
// proportional to the operands' sizes for string/list traversal (`==` on strings, `in` on a list,
// `contains`, `matches`, `startsWith`…) — and each comprehension step 1. A call is charged before
// it runs, so a `matches()` over a 100 KB context string is refused before matching anything.
//
// The meter charges a subset of what cel-go charges (selects, literals and the internal calls of
// macros are free here), so an expression within OpenFGA's limit is within ours; what it does
// charge bounds the work of an evaluation by the limit times a constant.

import { isCelList, isCelMap } from '@bufbuild/cel';
import type { CelEnv, CelInput, CelValue, parse } from '@bufbuild/cel';
import { celFunc, CelScalar } from '@bufbuild/cel';
import { codePoints } from './text-bounds.js';

type Expr = ReturnType<typeof parse>['expr'];
type FuncGroup = NonNullable<ReturnType<CelEnv['funcs']['find']>>;

/** OpenFGA's DefaultMaxConditionEvaluationCost (also its smallest accepted setting). */
export const DEFAULT_MAX_EVALUATION_COST = 100;

/** cel-go's StringTraversalCostFactor and RegexStringLengthCostFactor. */
const TRAVERSAL = 0.1;
const REGEX_LENGTH = 0.25;

/** Thrown inside an evaluation when it spends more than its limit; caught by `metered`. */
class CostLimitExceeded extends Error {
  constructor() {
    super('operation cancelled: actual cost limit exceeded');
    this.name = 'CostLimitExceeded';
  }
}

interface Meter {
  spent: number;
  readonly limit: number;
  exceeded: boolean;
}

// Evaluation is synchronous, so one meter at a time is in use; `metered` saves and restores the
// outer one in case an evaluation ever nests another.
let current: Meter | undefined;

function charge(cost: number): void {
  const meter = current;
  if (!meter) return;
  meter.spent += cost;
  if (meter.spent > meter.limit) {
    meter.exceeded = true;
    throw new CostLimitExceeded();
  }
}

/** Runs `run` under a meter; `exceeded` is true when it was cut off (its result is then void). */
export function metered<T>(limit: number, run: () => T): { result: T | undefined; exceeded: boolean; cost: number } {
  const outer = current;
  const meter: Meter = { spent: 0, limit, exceeded: false };
  current = meter;
  try {
    const result = run();
    return { result: meter.exceeded ? undefined : result, exceeded: meter.exceeded, cost: meter.spent };
  } catch (error) {
    if (error instanceof CostLimitExceeded || meter.exceeded) return { result: undefined, exceeded: true, cost: meter.spent };
    throw error;
  } finally {
    current = outer;
  }
}

/** cel-go's actualSize: the length of a string, bytes, list or map; 1 for anything else. */
function sizeOf(value: CelValue | undefined): number {
  if (typeof value === 'string') return codePoints(value);
  if (value instanceof Uint8Array) return value.length;
  if (isCelList(value) || isCelMap(value)) return value.size;
  return 1;
}

const isText = (value: CelValue | undefined): boolean => typeof value === 'string' || value instanceof Uint8Array;

/** cel-go's CostTracker.costCall for the overload these operands select. */
export function callCost(name: string, operands: readonly (CelValue | undefined)[]): number {
  const [a, b] = operands;
  switch (name) {
    case 'startsWith':
    case 'endsWith':
      return Math.ceil(sizeOf(a) * TRAVERSAL);
    case 'string':
      return a instanceof Uint8Array ? Math.ceil(sizeOf(a) * TRAVERSAL) : 1;
    case 'bytes':
      return typeof a === 'string' ? Math.ceil(sizeOf(a) * TRAVERSAL) : 1;
    case '@in':
      return isCelList(b) ? sizeOf(b) : 1;
    case '_<_':
    case '_>_':
    case '_<=_':
    case '_>=_':
      return isText(a) && isText(b) ? Math.ceil(Math.min(sizeOf(a), sizeOf(b)) * TRAVERSAL) : 1;
    case '_==_':
    case '_!=_':
      return Math.ceil(Math.min(sizeOf(a), sizeOf(b)) * TRAVERSAL);
    case '_+_':
      return isText(a) && isText(b) ? Math.ceil((sizeOf(a) + sizeOf(b)) * TRAVERSAL) : 1;
    case 'matches':
      return Math.ceil((1 + sizeOf(a)) * TRAVERSAL) * Math.ceil(sizeOf(b) * REGEX_LENGTH);
    case 'contains':
      return Math.ceil(sizeOf(a) * TRAVERSAL) * Math.ceil(sizeOf(b) * TRAVERSAL);
    default:
      return 1;
  }
}

/** The internal function a comprehension step is wrapped in, so that every step is charged. */
const STEP = '@relata_step';
const stepFunc = celFunc(STEP, [CelScalar.DYN], CelScalar.DYN, (value: CelValue) => value as CelInput);

function meteredGroup(group: FuncGroup): FuncGroup {
  const name = group.name;
  return {
    name,
    [Symbol.iterator]: () => group[Symbol.iterator](),
    call(id, target, args) {
      charge(target === undefined ? callCost(name, args) : callCost(name, [target, ...args]));
      return group.call(id, target, args);
    },
  };
}

/** `env` with every function call charged to the running meter (and the step function added). */
export function meteredEnv(env: CelEnv): CelEnv {
  const groups = new Map<string, FuncGroup | undefined>();
  const funcs = new Proxy(env.funcs, {
    get(target, property, receiver) {
      if (property !== 'find') return Reflect.get(target, property, receiver) as unknown;
      return (name: string): FuncGroup | undefined => {
        if (!groups.has(name)) {
          const group = name === STEP ? stepGroup : target.find(name);
          groups.set(name, group && meteredGroup(group));
        }
        return groups.get(name);
      };
    },
  });
  return new Proxy(env, {
    get: (target, property, receiver) => (property === 'funcs' ? funcs : (Reflect.get(target, property, receiver) as unknown)),
  });
}

const stepGroup: FuncGroup = {
  name: STEP,
  [Symbol.iterator]: function* () {
    yield stepFunc;
  },
  call: (id, target, args) => stepFunc.call(id, target, args),
};

/**
 * Wraps every comprehension's loop step of `root` (in place) in the step function. A step that
 * yields an error passes it on uncharged, exactly as without the wrapper.
 */
export function meterComprehensions(root: Expr): void {
  const stack: Expr[] = [root];
  while (stack.length > 0) {
    const kind = stack.pop()!.exprKind;
    switch (kind.case) {
      case 'comprehensionExpr': {
        const c = kind.value;
        for (const child of [c.iterRange, c.accuInit, c.loopCondition, c.loopStep, c.result]) if (child) stack.push(child);
        if (c.loopStep) {
          const step = c.loopStep;
          c.loopStep = { ...step, exprKind: { case: 'callExpr', value: { $typeName: 'cel.expr.Expr.Call', function: STEP, args: [step] } } };
        }
        break;
      }
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
}

// One handler for every evaluation: a read of a parameter is charged 1, as cel-go charges each
// identifier. Names that are not bindings (the evaluator probes qualified names) are free.
const chargedReads: ProxyHandler<Record<string, CelInput>> = {
  get(target, name) {
    if (typeof name !== 'string' || !Object.hasOwn(target, name)) return undefined;
    charge(1);
    return target[name];
  },
};

/**
 * The bindings as the evaluator reads them: a null-prototype object (a parameter named
 * `constructor` or `__proto__` is an ordinary name) whose every read is charged.
 */
export function meteredBindings(bindings: ReadonlyMap<string, CelInput>): Record<string, CelInput> {
  const view = Object.create(null) as Record<string, CelInput>;
  for (const [name, value] of bindings) view[name] = value;
  return new Proxy(view, chargedReads);
}
