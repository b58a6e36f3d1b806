// Check: does the user have the relation with the object? Answered by the context's checker:
// through the decision cache when there is one (MINIMIZE_LATENCY within the staleness bound and
// never older than the request's consistency token; HIGHER_CONSISTENCY always evaluated).
import type { ServiceContext } from './context.js';
import { openQuery } from './engine-access.js';
import type { CheckInput, CheckOutput } from './types.js';
import { missingField, requireTupleKeyFields } from './validation.js';

export async function check(ctx: ServiceContext, input: CheckInput): Promise<CheckOutput> {
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
  const result = await ctx.checker.check(target, request, { consistency: target.consistency, minRevision: target.minRevision });
  return { allowed: result.allowed };
}
