// Compiles the conditions of a model once per model version: decode the parameter types, parse
// the CEL expression, type-check it (it must produce a bool) and plan it with @bufbuild/cel, so
// that evaluation on the Check hot path only converts context values and runs the plan.

import { celEnv, parse, plan } from '@bufbuild/cel';
import type { CelInput, CelResult, CelType } from '@bufbuild/cel';
import { ErrorCode, ValidationError } from '../../model/index.js';
import type { AuthorizationModel, Condition } from '../../model/index.js';
import { celTypeOf, conditionFunctions, conditionRegistry } from './cel-runtime.js';
import { conditionRegex } from './regex.js';
import { DEFAULT_MAX_EVALUATION_COST, meterComprehensions, meteredEnv } from './cost-meter.js';
import { MAX_EXPRESSION_DEPTH, exceedsDepth } from './expr-depth.js';
import { ParamTypeDecodeError, decodeParamType, formatParamType } from './param-type.js';
import type { ParamType } from './param-type.js';
import { TypeCheckError, checkExpression, formatType, fromParamType } from './type-check.js';
import type { CheckedType } from './type-check.js';

/** cel-go's default ParserExpressionSizeLimit (code points; we count UTF-16 units). */
export const MAX_EXPRESSION_LENGTH = 100_000;

export interface CompiledParameter {
  readonly name: string;
  readonly type: ParamType;
  /** `int`, `list<string>`…, the DSL spelling of `type`. */
  readonly typeKey: string;
  /** Name and type: identifies one conversion of a request context value (evaluation memo key). */
  readonly conversionKey: string;
}

export interface CompiledCondition {
  readonly name: string;
  readonly expression: string;
  /** Declared parameters, in declaration order. */
  readonly parameters: readonly CompiledParameter[];
  /**
   * The planned expression; call through `evaluate`, which converts the bindings and runs it
   * under a cost meter (every call is charged to the running meter, see cost-meter.ts).
   */
  readonly program: (bindings: Record<string, CelInput>) => CelResult;
  /** The cost above which an evaluation is cut off (OpenFGA's maxConditionEvaluationCost). */
  readonly maxEvaluationCost: number;
}

export interface CompileOptions {
  /** Default DEFAULT_MAX_EVALUATION_COST (100, OpenFGA's default). */
  maxEvaluationCost?: number;
}

export interface CompiledModelConditions {
  /** Condition name -> compiled condition, for every condition that compiled. */
  conditions: Map<string, CompiledCondition>;
  /** One InvalidAuthorizationModel error per condition that did not compile. */
  errors: ValidationError[];
}

/** OpenFGA's CompilationError text: `failed to compile expression on condition '<name>' - <cause>`. */
function compileError(name: string, cause: string): ValidationError {
  return new ValidationError(ErrorCode.InvalidAuthorizationModel, `failed to compile expression on condition '${name}' - ${cause}`);
}

/** `ERROR: <condition>:line:col: message`, the position form cel-go reports. */
function located(name: string, expression: string, offset: number, message: string): string {
  // @bufbuild/cel places a binary operator at the end of its left operand; cel-go at the operator.
  while (offset < expression.length && /\s/.test(expression[offset] ?? '')) offset += 1;
  const before = expression.slice(0, Math.max(0, offset));
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  return `ERROR: ${name}:${line}:${column}: ${message}`;
}

/**
 * Compiles one condition. Throws ValidationError(InvalidAuthorizationModel) whose message names
 * the condition and the problem: an unknown parameter type, an expression that does not parse,
 * names an undeclared variable or function, mistypes an operator, or is not a bool.
 */
export function compileCondition(condition: Condition, options: CompileOptions = {}): CompiledCondition {
  const name: unknown = condition?.name;
  if (typeof name !== 'string' || name === '') {
    throw new ValidationError(ErrorCode.InvalidAuthorizationModel, 'condition name must be a non-empty string');
  }
  const expression: unknown = condition.expression;
  if (typeof expression !== 'string' || expression.trim() === '') {
    throw compileError(name, 'the expression must be a non-empty string');
  }
  if (expression.length > MAX_EXPRESSION_LENGTH) {
    throw compileError(name, `expression size exceeds limit: ${expression.length} > ${MAX_EXPRESSION_LENGTH}`);
  }

  const parameters: CompiledParameter[] = [];
  const checkedVars = new Map<string, CheckedType>();
  const celVars = Object.create(null) as Record<string, CelType>;
  for (const [paramName, ref] of Object.entries(condition.parameters ?? {})) {
    let type: ParamType;
    try {
      type = decodeParamType(ref);
    } catch (error) {
      if (!(error instanceof ParamTypeDecodeError)) throw error;
      throw compileError(name, `failed to decode parameter type for parameter '${paramName}': ${error.message}`);
    }
    const typeKey = formatParamType(type);
    parameters.push({ name: paramName, type, typeKey, conversionKey: `${paramName}\u0000${typeKey}` });
    checkedVars.set(paramName, fromParamType(type));
    celVars[paramName] = celTypeOf(type);
  }

  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(expression);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw compileError(name, `ERROR: ${message.replace(/^<input>/, name)}`);
  }

  if (exceedsDepth(parsed.expr)) {
    throw compileError(name, `ERROR: ${name}: expression recursion limit exceeded: max recursion depth of ${MAX_EXPRESSION_DEPTH}`);
  }
  let output: CheckedType;
  try {
    output = checkExpression(parsed, checkedVars);
  } catch (error) {
    if (error instanceof TypeCheckError) throw compileError(name, located(name, expression, error.offset, error.message));
    // Whatever else the checker trips on is still this model's fault, never a crash.
    throw compileError(name, `ERROR: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (output.k !== 'bool') {
    throw compileError(name, `expected a bool condition expression output, but got '${formatType(output)}'`);
  }

  const env = meteredEnv(celEnv({ registry: conditionRegistry, funcs: [...conditionFunctions], variables: celVars, re2: conditionRegex }));
  meterComprehensions(parsed.expr);
  let program: CompiledCondition['program'];
  try {
    program = plan(env, parsed);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw compileError(name, `condition expression construction: ${message}`);
  }
  return { name, expression, parameters, program, maxEvaluationCost: options.maxEvaluationCost ?? DEFAULT_MAX_EVALUATION_COST };
}

/**
 * Compiles every condition of a model; meant to run once per model version (cache the result by
 * model id). WriteAuthorizationModel rejects the model when `errors` is not empty, with the first
 * error's code (InvalidAuthorizationModel, as OpenFGA).
 */
export function compileModelConditions(model: Pick<AuthorizationModel, 'conditions'>, options: CompileOptions = {}): CompiledModelConditions {
  const conditions = new Map<string, CompiledCondition>();
  const errors: ValidationError[] = [];
  for (const [key, condition] of Object.entries(model.conditions ?? {})) {
    if (condition?.name !== key) {
      errors.push(
        new ValidationError(
          ErrorCode.InvalidAuthorizationModel,
          `condition key '${key}' does not match condition name '${String(condition?.name)}'`,
        ),
      );
      continue;
    }
    try {
      conditions.set(key, compileCondition(condition, options));
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      errors.push(error);
    }
  }
  return { conditions, errors };
}
