// Evaluates a compiled condition for one tuple: merge the request context with the tuple's own
// context (the tuple's value wins, as OpenFGA merges request first and tuple last), convert each
// declared parameter to its CEL type, report parameters that no context supplies, run the plan.

import { isCelError } from '@bufbuild/cel';
import type { CelInput } from '@bufbuild/cel';
import { ErrorCode, ValidationError } from '../../model/index.js';
import type { CompiledCondition } from './compile.js';
import { ConversionError, convertParamValue } from './convert-value.js';
import { metered, meteredBindings } from './cost-meter.js';
import { shortQuote } from './text-bounds.js';

/**
 * The outcome for one conditional tuple. `missingParameters` (sorted) lists declared parameters
 * that neither the tuple nor the request supplied; the expression is then not run. OpenFGA's
 * Check fails such a request with ValidationError (see `missingParametersError`).
 */
export type ConditionResult =
  | { readonly met: true }
  | { readonly met: false }
  | { readonly missingParameters: readonly string[] };

export type ContextObject = Readonly<Record<string, unknown>>;

const MET: ConditionResult = Object.freeze({ met: true });
const NOT_MET: ConditionResult = Object.freeze({ met: false });

// The request context is one object shared by every tuple a request visits: its converted values
// are remembered per object (weakly, so they die with the request) and per target type; and so
// are outcomes, per condition and per tuple context (by its JSON text), because ListObjects meets
// the same condition with the same tuple context on many tuples. Without a request context the
// outcomes hang off the compiled condition instead (bounded, and gone with the model version).
const requestConversions = new WeakMap<ContextObject, Map<string, CelInput>>();
const requestOutcomes = new WeakMap<ContextObject, Map<CompiledCondition, Map<string, ConditionResult>>>();
const noRequestOutcomes = new WeakMap<CompiledCondition, Map<string, ConditionResult>>();
const MAX_MEMO_KEY_LENGTH = 1024;
const MAX_MEMO_ENTRIES = 10_000;
/** Longest evaluation failure text passed on: it may quote context values. */
const MAX_CAUSE = 256;

function evaluationError(condition: string, cause: string): ValidationError {
  return new ValidationError(ErrorCode.ValidationError, `failed to evaluate relationship condition '${condition}': ${cause}`);
}

function parameterError(condition: string, cause: string): ValidationError {
  return new ValidationError(ErrorCode.ValidationError, `parameter type error on condition '${condition}': ${cause}`);
}

function hasKeys(context: ContextObject | undefined): boolean {
  if (!context) return false;
  for (const key in context) if (Object.hasOwn(context, key)) return true;
  return false;
}

/**
 * Evaluates `compiled` with the tuple's context merged over the request's. Extra context keys are
 * ignored. Throws ValidationError (ErrorCode.ValidationError) when a supplied value has the wrong
 * type for its parameter or the expression fails at run time (e.g. a malformed CIDR).
 *
 * Contexts are treated as immutable JSON: conversions and outcomes are memoized per request
 * context object, so pass the same object for every tuple of a request and never mutate it.
 */
export function evaluate(
  compiled: CompiledCondition,
  tupleContext: ContextObject | undefined,
  requestContext: ContextObject | undefined,
): ConditionResult {
  let key = '';
  if (hasKeys(tupleContext)) {
    key = memoKeyOf(tupleContext);
    if (key === '') return evaluateUncached(compiled, tupleContext, requestContext);
  }
  let outcomes: Map<string, ConditionResult> | undefined;
  if (requestContext) {
    let byCondition = requestOutcomes.get(requestContext);
    if (!byCondition) {
      byCondition = new Map();
      requestOutcomes.set(requestContext, byCondition);
    }
    outcomes = byCondition.get(compiled);
    if (!outcomes) {
      outcomes = new Map();
      byCondition.set(compiled, outcomes);
    }
  } else {
    outcomes = noRequestOutcomes.get(compiled);
    if (!outcomes) {
      outcomes = new Map();
      noRequestOutcomes.set(compiled, outcomes);
    }
  }
  let result = outcomes.get(key);
  if (result === undefined) {
    result = evaluateUncached(compiled, key === '' ? undefined : tupleContext, requestContext);
    if (outcomes.size >= MAX_MEMO_ENTRIES) outcomes.clear();
    outcomes.set(key, result);
  }
  return result;
}

/** The tuple context's JSON text, or '' when it is too large to be worth remembering or not JSON. */
function memoKeyOf(tupleContext: ContextObject | undefined): string {
  try {
    const text = JSON.stringify(tupleContext);
    return text.length <= MAX_MEMO_KEY_LENGTH ? text : '';
  } catch {
    return '';
  }
}

function evaluateUncached(
  compiled: CompiledCondition,
  tupleContext: ContextObject | undefined,
  requestContext: ContextObject | undefined,
): ConditionResult {
  const { parameters, name } = compiled;
  if (parameters.length === 0) {
    // OpenFGA refuses context for a condition that declares no parameters.
    if (hasKeys(tupleContext) || hasKeys(requestContext)) throw parameterError(name, 'no parameters defined for the condition');
  }
  let memo = requestContext ? requestConversions.get(requestContext) : undefined;
  const bindings = new Map<string, CelInput>();
  let missing: string[] | undefined;
  for (const parameter of parameters) {
    const key = parameter.name;
    try {
      if (tupleContext && Object.hasOwn(tupleContext, key)) {
        bindings.set(key, convertParamValue(parameter.type, tupleContext[key]));
      } else if (requestContext && Object.hasOwn(requestContext, key)) {
        const memoKey = parameter.conversionKey;
        let value = memo?.get(memoKey);
        if (value === undefined) {
          value = convertParamValue(parameter.type, requestContext[key]);
          if (!memo) {
            memo = new Map();
            requestConversions.set(requestContext, memo);
          }
          memo.set(memoKey, value);
        }
        bindings.set(key, value);
      } else {
        (missing ??= []).push(key);
      }
    } catch (error) {
      if (!(error instanceof ConversionError)) throw error;
      throw parameterError(name, `failed to convert context parameter '${key}${error.path}': ${error.detail}`);
    }
  }
  if (missing) return { missingParameters: missing.sort() };

  let run: ReturnType<typeof metered<unknown>>;
  try {
    const view = meteredBindings(bindings);
    run = metered(compiled.maxEvaluationCost, () => compiled.program(view));
  } catch (error) {
    // plan() reports failures as values; a throw here is a bug in the evaluator, still the
    // request's problem to see as an evaluation failure rather than a crash.
    throw evaluationError(name, `failed to evaluate condition expression: ${shortQuote(error instanceof Error ? error.message : String(error), MAX_CAUSE)}`);
  }
  if (run.exceeded) throw evaluationError(name, 'failed to evaluate condition expression: operation cancelled: actual cost limit exceeded');
  const result = run.result;
  // Standard functions quote their input in errors (`Unable to convert string '…' to bool`).
  if (isCelError(result)) throw evaluationError(name, `failed to evaluate condition expression: ${shortQuote(result.message, MAX_CAUSE)}`);
  if (typeof result !== 'boolean') throw evaluationError(name, 'failed to convert condition output to bool');
  return result ? MET : NOT_MET;
}

/** OpenFGA's error for a Check over a conditional tuple whose parameters were not all supplied. */
export function missingParametersError(conditionName: string, tuple: string, missing: readonly string[]): ValidationError {
  return evaluationError(conditionName, `tuple '${tuple}' is missing context parameters '[${missing.join(' ')}]'`);
}

/** What `evaluateTupleCondition` needs of a tuple (RelationTuple and TupleKey-derived shapes fit). */
export interface ConditionalTuple {
  conditionName?: string;
  conditionContext?: ContextObject;
}

/**
 * The engine's entry point for one tuple: a tuple without a condition is met; a condition the
 * model does not define fails with ValidationError (OpenFGA: "condition was not found").
 */
export function evaluateTupleCondition(
  conditions: ReadonlyMap<string, CompiledCondition>,
  tuple: ConditionalTuple,
  requestContext: ContextObject | undefined,
): ConditionResult {
  const conditionName = tuple.conditionName;
  if (!conditionName) return MET;
  const compiled = conditions.get(conditionName);
  if (!compiled) throw evaluationError(conditionName, 'condition was not found');
  return evaluate(compiled, tuple.conditionContext, requestContext);
}

/**
 * Check's strict form: true/false, or throws missingParametersError when the contexts lack a
 * parameter (`tupleLabel` is the tuple as `object#relation@user`, used only in that message).
 */
export function isConditionMet(
  conditions: ReadonlyMap<string, CompiledCondition>,
  tuple: ConditionalTuple,
  requestContext: ContextObject | undefined,
  tupleLabel: () => string,
): boolean {
  const result = evaluateTupleCondition(conditions, tuple, requestContext);
  if ('missingParameters' in result) throw missingParametersError(tuple.conditionName ?? '', tupleLabel(), result.missingParameters);
  return result.met;
}
