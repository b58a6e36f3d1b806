// Expand: one level of the userset tree of object#relation, for debugging a model.
import { ErrorCode, ValidationError } from '../model/index.js';
import type { ExpandNode } from '../engine/index.js';
import type { ServiceContext } from './context.js';
import { openQuery } from './engine-access.js';
import type { ExpandInput } from './types.js';
import { requireTupleKeyFields } from './validation.js';

export type { ExpandNode };

export interface ExpandOutput {
  tree: { root: ExpandNode };
}

export async function expand(ctx: ServiceContext, input: ExpandInput): Promise<ExpandOutput> {
  if (!input.tupleKey?.object || !input.tupleKey.relation) {
    throw new ValidationError(ErrorCode.InvalidExpandInput, 'Invalid input. Make sure you provide an object and a relation');
  }
  requireTupleKeyFields(input.tupleKey, 'tuple_key');
  const target = await openQuery(ctx, input);
  const result = await target.engine.expand(
    target.reader,
    { object: input.tupleKey.object, relation: input.tupleKey.relation, contextualTuples: input.contextualTuples },
    { signal: input.signal },
  );
  return { tree: result.tree };
}
