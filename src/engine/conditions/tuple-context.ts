// Write-time validation of a conditional tuple's own context, as OpenFGA's Write does it: every
// key must be a parameter of the condition and convert to the parameter's type. (Evaluation is
// more lenient: it ignores keys that are not parameters.)

import type { CompiledCondition } from './compile.js';
import { ConversionError, convertParamValue } from './convert-value.js';
import type { ContextObject } from './evaluate.js';

/**
 * Returns why `context` cannot be written with a tuple of condition `compiled`, or undefined
 * when it can. The service reports it as ValidationError(2000):
 * `Invalid tuple '<tuple>'. Reason: <returned text>`.
 */
export function tupleContextProblem(compiled: CompiledCondition, context: ContextObject | undefined): string | undefined {
  const keys = context ? Object.keys(context) : [];
  if (!context || keys.length === 0) return undefined;
  const typeError = (cause: string): string => `parameter type error on condition '${compiled.name}': ${cause}`;
  if (compiled.parameters.length === 0) return typeError('no parameters defined for the condition');
  for (const parameter of compiled.parameters) {
    if (!Object.hasOwn(context, parameter.name)) continue;
    try {
      convertParamValue(parameter.type, context[parameter.name]);
    } catch (error) {
      if (!(error instanceof ConversionError)) throw error;
      return typeError(`failed to convert context parameter '${parameter.name}${error.path}': ${error.detail}`);
    }
  }
  const declared = new Set(compiled.parameters.map((p) => p.name));
  const unknown = keys.find((key) => !declared.has(key));
  return unknown === undefined ? undefined : `found invalid context parameter: ${unknown}`;
}
