// Conditions (ABAC): CEL expressions over typed parameters, compiled once per model version and
// evaluated per conditional tuple with the tuple's and the request's context (OpenFGA semantics).
export { MAX_EXPRESSION_LENGTH, compileCondition, compileModelConditions } from './compile.js';
export type { CompileOptions, CompiledCondition, CompiledModelConditions, CompiledParameter } from './compile.js';
export { evaluate, evaluateTupleCondition, isConditionMet, missingParametersError } from './evaluate.js';
export type { ConditionResult, ConditionalTuple, ContextObject } from './evaluate.js';
export { validateContext, requestContextLimits, tupleContextLimits } from './validate-context.js';
export type { ContextLimits } from './validate-context.js';
export { decodeParamType, formatParamType } from './param-type.js';
export type { ParamType } from './param-type.js';
export { DEFAULT_MAX_EVALUATION_COST } from './cost-meter.js';
export { MAX_EXPRESSION_DEPTH } from './expr-depth.js';
export { tupleContextProblem } from './tuple-context.js';
