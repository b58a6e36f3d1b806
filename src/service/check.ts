// Check: does the user have the relation with the object? Answered by the context's checker:
// through the decision cache when there is one (MINIMIZE_LATENCY within the staleness bound and
// never older than the request's consistency token; HIGHER_CONSISTENCY always evaluated).
import type { CheckRequest } from '../engine/index.js';
import type { ServiceContext } from './context.js';
import { openQuery } from './engine-access.js';
import type { QueryTarget } from './engine-access.js';
import type { CheckInput, CheckOutput } from './types.js';
import { missingField, requireTupleKeyFields } from './validation.js';
import type { Caller } from './caller.js';

/** Check's validation of the request and its store, model and reader (Explain shares it). */
export async function openCheck(ctx: ServiceContext, input: CheckInput): Promise<{ target: QueryTarget; request: CheckRequest }> {
  if (!input.tupleKey) throw missingField('tuple_key');
  requireTupleKeyFields(input.tupleKey, 'tuple_key');
  const target = await openQuery(ctx, input);
  const request = {
    object: input.tupleKey?.object ?? '',
    relation: input.tupleKey?.relation ?? '',
    user: input.tupleKey?.user ?? '',
    contextualTuples: input.contextualTuples,
    context: input.context,
  };
  return { target, request };
}

export async function check(ctx: ServiceContext, input: CheckInput, caller?: Caller): Promise<CheckOutput> {
  const { target, request } = await openCheck(ctx, input);
  const started = performance.now();
  const result = await ctx.checker.check(target, request, { consistency: target.consistency, minRevision: target.minRevision, now: target.now.getTime() });
  ctx.audit.decision({
    operation: 'Check',
    storeId: target.storeId,
    user: request.user,
    relation: request.relation,
    object: request.object,
    allowed: result.allowed,
    modelId: target.model.id,
    cache: result.cache,
    latencyMs: performance.now() - started,
    caller,
    context: request.context,
    contextualTuples: request.contextualTuples?.length,
  });
  return { allowed: result.allowed };
}
