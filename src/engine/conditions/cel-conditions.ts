// The default ConditionEvaluator: the model's conditions compiled once with the CEL module.
import type { AuthorizationModel } from '../../model/index.js';
import type { ConditionEvaluator } from './condition-port.js';
import { compileModelConditions, evaluateTupleCondition } from './index.js';
import type { CompileOptions } from './index.js';

export function celConditionEvaluator(model: Pick<AuthorizationModel, 'conditions'>, options: CompileOptions = {}): ConditionEvaluator {
  const { conditions } = compileModelConditions(model, options);
  return {
    evaluate(name, tupleContext, requestContext) {
      const result = evaluateTupleCondition(conditions, { conditionName: name, conditionContext: tupleContext }, requestContext);
      if ('missingParameters' in result) return { met: false, missingParameters: [...result.missingParameters] };
      return { met: result.met, missingParameters: [] };
    },
  };
}
