// What Check needs from condition evaluation (src/engine/conditions implements the CEL side).
// Kept as a port so that Check is testable with a fake and the CEL module stays swappable.

export interface ConditionOutcome {
  met: boolean;
  /** Parameters the condition needs that neither the tuple nor the request supplied. */
  missingParameters: string[];
}

export interface ConditionEvaluator {
  /**
   * Evaluates the model's condition `name`. The tuple's context wins over the request's for a
   * parameter set in both (OpenFGA's rule). Throws a ValidationError (2000) when a value has
   * the wrong type or the expression fails.
   */
  evaluate(
    name: string,
    tupleContext: Record<string, unknown> | undefined,
    requestContext: Record<string, unknown> | undefined,
  ): ConditionOutcome | Promise<ConditionOutcome>;
}
