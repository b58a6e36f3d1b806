// Check: does the user have the relation with the object?
import { ErrorCode, ValidationError } from '../model/index.js';
import type { ServiceContext } from './context.js';
import { openQuery } from './engine-access.js';
import type { CheckInput, CheckOutput } from './types.js';

export async function check(ctx: ServiceContext, input: CheckInput): Promise<CheckOutput> {
  if (!input.tupleKey) throw new ValidationError(ErrorCode.ValidationError, 'invalid tuple_key: value is required');
  const target = await openQuery(ctx, input);
  const result = await target.engine.check(
    target.reader,
    {
      object: input.tupleKey.object,
      relation: input.tupleKey.relation,
      user: input.tupleKey.user,
      contextualTuples: input.contextualTuples,
      context: input.context,
    },
    { signal: input.signal },
  );
  return { allowed: result.allowed };
}
