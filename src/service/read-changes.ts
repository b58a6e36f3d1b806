// ReadChanges: the store's changelog, oldest first. When nothing new exists the response keeps
// the caller's token, so that polling with it picks up later writes (OpenFGA's contract).
import { ErrorCode, ValidationError } from '../model/index.js';
import type { ServiceContext } from './context.js';
import type { Paged, ReadChangesInput, TupleChange } from './types.js';
import { continuationToken, pageSize, requireType, requireUlid } from './validation.js';

export async function readChanges(ctx: ServiceContext, input: ReadChangesInput): Promise<Paged<TupleChange>> {
  const storeId = requireUlid(input.storeId, 'store_id');
  const size = pageSize(input.pageSize, ctx.limits.defaultPageSize);
  const token = await ctx.tokens.open('changes', storeId, continuationToken(input.continuationToken));
  const objectType = input.type ? requireType(input.type, 'type') : undefined;
  if (input.startTime && input.startTime.getTime() > Date.now()) {
    throw new ValidationError(ErrorCode.ValidationError, 'invalid start_time: value must be less than now');
  }
  await ctx.stores.require(storeId);
  const page = await ctx.datastore.readChanges(storeId, {
    pageSize: size,
    continuationToken: token,
    objectType,
    startTime: token ? undefined : input.startTime,
  });
  const changes = page.items.map((change) =>
    // OpenFGA never reports the condition of a deleted tuple.
    change.operation === 'delete' && change.key.condition ? { ...change, key: { ...change.key, condition: undefined } } : change,
  );
  return { items: changes, continuationToken: await ctx.tokens.seal('changes', storeId, page.continuationToken || token || '') };
}
