// Explain: Check's verdict with the path that granted it or the branches that failed, over the
// same request reader Check would use (contextual tuples overlaid, reads coalesced and bounded,
// the request's abort signal). Validation is the caller's (Engine.explain validates as Check does).
import type { UserRef } from '../../model/index.js';
import { ErrorCode, ValidationError, parseObject, toRelationTuple, tupleIdentity } from '../../model/index.js';
import type { CheckRequest } from '../api.js';
import type { ConditionEvaluator } from '../conditions/condition-port.js';
import type { ModelIndex } from '../model-index.js';
import type { RequestReader } from '../read/request-reader.js';
import { ExplainSession } from './explain-session.js';
import type { ExplainLimits, ExplainResult } from './explanation.js';
import { defaultExplainLimits, maxExplainNodes } from './explanation.js';
import { renderExplanation } from './render.js';

export interface ExplainDeps {
  model: ModelIndex;
  reads: RequestReader;
  conditions: ConditionEvaluator;
  maxDepth: number;
}

/** Throws ValidationError naming `max_nodes` when the node cap is out of range. */
export function explainLimits(limits: Partial<ExplainLimits> = {}): ExplainLimits {
  const resolved = { ...defaultExplainLimits, ...limits };
  if (!Number.isInteger(resolved.maxNodes) || resolved.maxNodes < 1 || resolved.maxNodes > maxExplainNodes) {
    throw new ValidationError(ErrorCode.ValidationError, `invalid 'max_nodes' value: ${resolved.maxNodes} (must be 1..${maxExplainNodes})`);
  }
  return resolved;
}

export async function explainCheck(deps: ExplainDeps, request: CheckRequest, user: UserRef, limits: ExplainLimits): Promise<ExplainResult> {
  const contextual = new Set<string>();
  for (const key of request.contextualTuples ?? []) {
    const tuple = toRelationTuple(key);
    if (tuple) contextual.add(tupleIdentity(tuple));
  }
  const session = new ExplainSession(deps.model, deps.reads, {
    conditions: deps.conditions,
    context: request.context,
    maxDepth: deps.maxDepth,
    maxSteps: limits.maxSteps,
    contextual,
  });
  const object = parseObject(request.object) as { type: string; id: string };
  const { outcome, node } = await session.explain(object, request.relation, user);
  const rendered = renderExplanation(node, limits.maxNodes);
  const result: ExplainResult = { allowed: outcome.allowed, ...rendered, readCount: deps.reads.readCount };
  if (outcome.error) result.error = outcome.error;
  return result;
}
