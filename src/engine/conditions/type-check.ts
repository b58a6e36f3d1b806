// A static type checker for condition expressions. @bufbuild/cel plans and runs expressions but
// does not type-check them, while OpenFGA (cel-go) rejects at model write time an expression that
// names an undeclared variable or function, applies an operator to the wrong types, or does not
// produce a bool. This checker covers CEL's standard library as OpenFGA enables it plus the
// `ipaddress` extension; `dyn` (and parameters of type `any`) match everything, as in cel-go.

import type { parse } from '@bufbuild/cel';
import type { ParamType } from './param-type.js';

type ParsedExpr = ReturnType<typeof parse>;
type Expr = ParsedExpr['expr'];

export type CheckedType =
  | { readonly k: 'bool' | 'int' | 'uint' | 'double' | 'string' | 'bytes' | 'null' | 'timestamp' | 'duration' | 'ipaddress' | 'dyn' | 'type' }
  | { readonly k: 'list'; readonly elem: CheckedType }
  | { readonly k: 'map'; readonly key: CheckedType; readonly value: CheckedType };

type ScalarName = Exclude<CheckedType['k'], 'list' | 'map'>;
const scalar = (k: ScalarName): CheckedType => ({ k });
const BOOL = scalar('bool');
const INT = scalar('int');
const UINT = scalar('uint');
const DOUBLE = scalar('double');
const STRING = scalar('string');
const BYTES = scalar('bytes');
const NULL = scalar('null');
const TIMESTAMP = scalar('timestamp');
const DURATION = scalar('duration');
const IPADDRESS = scalar('ipaddress');
const DYN = scalar('dyn');
const TYPE = scalar('type');

/** A type error at a character offset of the expression. */
export class TypeCheckError extends Error {
  readonly offset: number;

  constructor(message: string, offset: number) {
    super(message);
    this.offset = offset;
  }
}

export function fromParamType(type: ParamType): CheckedType {
  switch (type.kind) {
    case 'any':
      return DYN;
    case 'list':
      return { k: 'list', elem: fromParamType(type.element) };
    case 'map':
      return { k: 'map', key: STRING, value: fromParamType(type.value) };
    default:
      return scalar(type.kind);
  }
}

/** cel-go's spelling, used in messages. */
export function formatType(type: CheckedType): string {
  switch (type.k) {
    case 'list':
      return `list(${formatType(type.elem)})`;
    case 'map':
      return `map(${formatType(type.key)}, ${formatType(type.value)})`;
    case 'timestamp':
      return 'google.protobuf.Timestamp';
    case 'duration':
      return 'google.protobuf.Duration';
    case 'ipaddress':
      return 'IPAddress';
    case 'null':
      return 'null_type';
    default:
      return type.k;
  }
}

const isDyn = (t: CheckedType): boolean => t.k === 'dyn';
const isNumeric = (t: CheckedType): boolean => t.k === 'int' || t.k === 'uint' || t.k === 'double';
const OBJECT_KINDS = new Set(['timestamp', 'duration', 'ipaddress']);

/** Whether a and b can be the same type parameter (cel-go's `_==_(A, A)` unification). */
function unifiable(a: CheckedType, b: CheckedType): boolean {
  if (isDyn(a) || isDyn(b)) return true;
  if (a.k === 'null' || b.k === 'null') return a.k === b.k || OBJECT_KINDS.has(a.k) || OBJECT_KINDS.has(b.k);
  if (a.k === 'list' && b.k === 'list') return unifiable(a.elem, b.elem);
  if (a.k === 'map' && b.k === 'map') return unifiable(a.key, b.key) && unifiable(a.value, b.value);
  return a.k === b.k;
}

/** The most specific type covering both (cel-go joins differing types to dyn). */
function join(a: CheckedType, b: CheckedType): CheckedType {
  if (a.k === 'list' && b.k === 'list') return { k: 'list', elem: join(a.elem, b.elem) };
  if (a.k === 'map' && b.k === 'map') return { k: 'map', key: join(a.key, b.key), value: join(a.value, b.value) };
  return a.k === b.k ? a : DYN;
}

const TYPE_IDENTIFIERS = new Set(['bool', 'int', 'uint', 'double', 'string', 'bytes', 'list', 'map', 'null_type', 'type']);
const COMPARABLE = new Set(['bool', 'int', 'uint', 'double', 'string', 'bytes', 'timestamp', 'duration']);
const TIMESTAMP_ACCESSORS = new Set([
  'getFullYear', 'getMonth', 'getDayOfYear', 'getDayOfMonth', 'getDate', 'getDayOfWeek',
  'getHours', 'getMinutes', 'getSeconds', 'getMilliseconds',
]);
const DURATION_ACCESSORS = new Set(['getHours', 'getMinutes', 'getSeconds', 'getMilliseconds']);
const STRING_PREDICATES = new Set(['contains', 'startsWith', 'endsWith', 'matches']);

/** Conversion functions: which argument kinds each accepts (cel-go's standard overloads). */
const CONVERSIONS: Record<string, { from: ReadonlySet<string>; to: CheckedType }> = {
  int: { from: new Set(['int', 'uint', 'double', 'string', 'timestamp', 'duration']), to: INT },
  uint: { from: new Set(['int', 'uint', 'double', 'string']), to: UINT },
  double: { from: new Set(['int', 'uint', 'double', 'string']), to: DOUBLE },
  string: { from: new Set(['int', 'uint', 'double', 'string', 'bytes', 'bool', 'timestamp', 'duration']), to: STRING },
  bool: { from: new Set(['bool', 'string']), to: BOOL },
  bytes: { from: new Set(['bytes', 'string']), to: BYTES },
  timestamp: { from: new Set(['timestamp', 'string', 'int']), to: TIMESTAMP },
  duration: { from: new Set(['duration', 'string']), to: DURATION },
};

interface Scope {
  readonly vars: ReadonlyMap<string, CheckedType>;
  readonly parent?: Scope;
}

function lookup(scope: Scope | undefined, name: string): CheckedType | undefined {
  for (let s = scope; s; s = s.parent) {
    const found = s.vars.get(name);
    if (found) return found;
  }
  return undefined;
}

/** Checks an expression against the declared variables and returns its type. */
export function checkExpression(parsed: ParsedExpr, variables: ReadonlyMap<string, CheckedType>): CheckedType {
  const positions = parsed.sourceInfo?.positions ?? {};
  const offsetOf = (expr: Expr): number => positions[expr.id.toString()] ?? 0;

  const fail = (expr: Expr, message: string): never => {
    throw new TypeCheckError(message, offsetOf(expr));
  };
  const noOverload = (expr: Expr, fn: string, types: CheckedType[]): never =>
    fail(expr, `found no matching overload for '${fn}' applied to '(${types.map(formatType).join(', ')})'`);
  const undeclared = (expr: Expr, name: string): never => fail(expr, `undeclared reference to '${name}' (in container '')`);

  const visit = (expr: Expr | undefined, scope: Scope): CheckedType => {
    if (!expr) return DYN;
    const kind = expr.exprKind;
    switch (kind.case) {
      case 'constExpr': {
        switch (kind.value.constantKind.case) {
          case 'boolValue': return BOOL;
          case 'int64Value': return INT;
          case 'uint64Value': return UINT;
          case 'doubleValue': return DOUBLE;
          case 'stringValue': return STRING;
          case 'bytesValue': return BYTES;
          case 'nullValue': return NULL;
          case 'timestampValue': return TIMESTAMP;
          case 'durationValue': return DURATION;
          default: return fail(expr, 'unsupported constant');
        }
      }
      case 'identExpr': {
        const name = kind.value.name;
        const found = lookup(scope, name);
        if (found) return found;
        if (TYPE_IDENTIFIERS.has(name)) return TYPE;
        return undeclared(expr, name);
      }
      case 'selectExpr': {
        const operand = visit(kind.value.operand, scope);
        let fieldType: CheckedType;
        if (operand.k === 'map') {
          if (!unifiable(operand.key, STRING)) fail(expr, `type '${formatType(operand)}' does not support field selection`);
          fieldType = operand.value;
        } else if (isDyn(operand)) fieldType = DYN;
        else return fail(expr, `type '${formatType(operand)}' does not support field selection`);
        return kind.value.testOnly ? BOOL : fieldType;
      }
      case 'listExpr': {
        const elements = kind.value.elements.map((element) => visit(element, scope));
        const elem = elements.reduce<CheckedType | undefined>((acc, t) => (acc ? join(acc, t) : t), undefined) ?? DYN;
        return { k: 'list', elem };
      }
      case 'structExpr': {
        if (kind.value.messageName !== '') return fail(expr, `undeclared reference to '${kind.value.messageName}' (in container '')`);
        let key: CheckedType | undefined;
        let value: CheckedType | undefined;
        for (const entry of kind.value.entries) {
          if (entry.keyKind.case !== 'mapKey') return fail(expr, 'field initializers need a message type');
          const entryKey = visit(entry.keyKind.value, scope);
          if (!['int', 'uint', 'bool', 'string', 'dyn'].includes(entryKey.k)) fail(entry.keyKind.value, `unsupported map key type: ${formatType(entryKey)}`);
          const entryValue = visit(entry.value, scope);
          key = key ? join(key, entryKey) : entryKey;
          value = value ? join(value, entryValue) : entryValue;
        }
        return { k: 'map', key: key ?? DYN, value: value ?? DYN };
      }
      case 'comprehensionExpr': {
        const c = kind.value;
        const range = visit(c.iterRange, scope);
        let first: CheckedType;
        let second: CheckedType | undefined;
        if (range.k === 'list') [first, second] = c.iterVar2 ? [INT, range.elem] : [range.elem, undefined];
        else if (range.k === 'map') [first, second] = c.iterVar2 ? [range.key, range.value] : [range.key, undefined];
        else if (isDyn(range)) [first, second] = [DYN, c.iterVar2 ? DYN : undefined];
        else return fail(c.iterRange ?? expr, `expression of type '${formatType(range)}' cannot be range of a comprehension (must be list, map, or dynamic)`);
        const accu = visit(c.accuInit, scope);
        const accuScope: Scope = { vars: new Map([[c.accuVar, accu]]), parent: scope };
        const iterVars = new Map([[c.iterVar, first]]);
        if (c.iterVar2 && second) iterVars.set(c.iterVar2, second);
        const loopScope: Scope = { vars: iterVars, parent: accuScope };
        const condition = visit(c.loopCondition, loopScope);
        if (!unifiable(condition, BOOL)) fail(c.loopCondition ?? expr, `expected type 'bool' but found '${formatType(condition)}'`);
        const step = visit(c.loopStep, loopScope);
        if (!unifiable(step, accu)) fail(c.loopStep ?? expr, `expected type '${formatType(accu)}' but found '${formatType(step)}'`);
        const stepScope: Scope = { vars: new Map([[c.accuVar, join(accu, step)]]), parent: scope };
        return visit(c.result, stepScope);
      }
      case 'callExpr': {
        const fn = kind.value.function;
        const target = kind.value.target ? visit(kind.value.target, scope) : undefined;
        const args = kind.value.args.map((arg) => visit(arg, scope));
        return checkCall(expr, fn, target, args);
      }
      default:
        return fail(expr, 'unsupported expression');
    }
  };

  const checkCall = (expr: Expr, fn: string, target: CheckedType | undefined, args: CheckedType[]): CheckedType => {
    const all = target ? [target, ...args] : args;
    const mismatch = (): never => noOverload(expr, fn, all);
    const [a, b] = args;
    if (!target) {
      switch (fn) {
        case '_&&_':
        case '_||_':
          if (args.length !== 2 || !args.every((t) => unifiable(t, BOOL))) mismatch();
          return BOOL;
        case '!_':
        case '@not_strictly_false':
          if (args.length !== 1 || !unifiable(a!, BOOL)) mismatch();
          return BOOL;
        case '-_':
          if (args.length !== 1) mismatch();
          if (a!.k === 'int' || a!.k === 'double' || a!.k === 'dyn') return a!;
          return mismatch();
        case '_==_':
        case '_!=_':
          if (args.length !== 2 || !unifiable(a!, b!)) mismatch();
          return BOOL;
        case '_<_':
        case '_<=_':
        case '_>_':
        case '_>=_':
          if (args.length !== 2) mismatch();
          // OpenFGA does not enable cel-go's CrossTypeNumericComparisons: `int < double` is an error.
          if (isDyn(a!) || isDyn(b!) || (a!.k === b!.k && COMPARABLE.has(a!.k))) return BOOL;
          return mismatch();
        case '_+_':
        case '_-_':
        case '_*_':
        case '_/_':
        case '_%_':
          if (args.length !== 2) mismatch();
          return arithmetic(fn, a!, b!) ?? mismatch();
        case '_[_]':
          if (args.length !== 2) mismatch();
          if (a!.k === 'list' && (b!.k === 'int' || b!.k === 'uint' || isDyn(b!))) return a!.elem;
          if (a!.k === 'map' && unifiable(a!.key, b!)) return a!.value;
          if (isDyn(a!)) return DYN;
          return mismatch();
        case '@in':
          if (args.length !== 2) mismatch();
          if (isDyn(b!)) return BOOL;
          if (b!.k === 'list' && unifiable(a!, b!.elem)) return BOOL;
          if (b!.k === 'map' && unifiable(a!, b!.key)) return BOOL;
          return mismatch();
        case '_?_:_':
          if (args.length !== 3 || !unifiable(a!, BOOL)) mismatch();
          if (!unifiable(args[1]!, args[2]!)) mismatch();
          return join(args[1]!, args[2]!);
        case 'size':
          if (args.length !== 1 || !sizeable(a!)) mismatch();
          return INT;
        case 'matches':
          if (args.length !== 2 || !args.every((t) => unifiable(t, STRING))) mismatch();
          return BOOL;
        case 'dyn':
          if (args.length !== 1) mismatch();
          return DYN;
        case 'type':
          if (args.length !== 1) mismatch();
          return TYPE;
        case 'ipaddress':
          if (args.length !== 1 || !unifiable(a!, STRING)) mismatch();
          return IPADDRESS;
        default: {
          const conversion = Object.hasOwn(CONVERSIONS, fn) ? CONVERSIONS[fn] : undefined;
          if (!conversion) return undeclared(expr, fn);
          if (args.length !== 1 || !(isDyn(a!) || conversion.from.has(a!.k))) mismatch();
          return conversion.to;
        }
      }
    }
    // Member calls: `receiver.fn(args)`.
    if (fn === 'size') {
      if (args.length !== 0 || !sizeable(target)) mismatch();
      return INT;
    }
    if (STRING_PREDICATES.has(fn)) {
      if (args.length !== 1 || !unifiable(target, STRING) || !unifiable(a!, STRING)) mismatch();
      return BOOL;
    }
    if (fn === 'in_cidr') {
      if (args.length !== 1 || !(target.k === 'ipaddress' || isDyn(target)) || !unifiable(a!, STRING)) mismatch();
      return BOOL;
    }
    if (TIMESTAMP_ACCESSORS.has(fn)) {
      const timestampOk = (target.k === 'timestamp' || isDyn(target)) && args.length <= 1 && args.every((t) => unifiable(t, STRING));
      const durationOk = (target.k === 'duration' || isDyn(target)) && args.length === 0 && DURATION_ACCESSORS.has(fn);
      if (!timestampOk && !durationOk) mismatch();
      return INT;
    }
    return undeclared(expr, fn);
  };

  const type = visit(parsed.expr, { vars: variables });
  return type;
}

function sizeable(t: CheckedType): boolean {
  return ['string', 'bytes', 'list', 'map', 'dyn'].includes(t.k);
}

/** Result type of an arithmetic operator, or undefined when no overload applies. */
function arithmetic(fn: string, a: CheckedType, b: CheckedType): CheckedType | undefined {
  if (isDyn(a) || isDyn(b)) return DYN;
  const same = a.k === b.k;
  switch (fn) {
    case '_+_':
      if (same && ['int', 'uint', 'double', 'string', 'bytes', 'duration'].includes(a.k)) return a;
      if (a.k === 'list' && b.k === 'list') return unifiable(a.elem, b.elem) ? join(a, b) : undefined;
      if ((a.k === 'timestamp' && b.k === 'duration') || (a.k === 'duration' && b.k === 'timestamp')) return TIMESTAMP;
      return undefined;
    case '_-_':
      if (same && ['int', 'uint', 'double', 'duration'].includes(a.k)) return a;
      if (a.k === 'timestamp' && b.k === 'timestamp') return DURATION;
      if (a.k === 'timestamp' && b.k === 'duration') return TIMESTAMP;
      return undefined;
    case '_*_':
    case '_/_':
      return same && isNumeric(a) ? a : undefined;
    default:
      return same && (a.k === 'int' || a.k === 'uint') ? a : undefined;
  }
}
