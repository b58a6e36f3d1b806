// Every tuple of a store, in Read's order, in pages larger than the API's (the export is local).
import type { TupleKey } from '../../model/index.js';
import type { ServiceContext } from '../context.js';
import { requireUlid } from '../validation.js';

const exportPageSize = 1000;

export async function* exportTuples(ctx: ServiceContext, input: { storeId: string; signal?: AbortSignal }): AsyncGenerator<TupleKey> {
  const storeId = requireUlid(input.storeId, 'store_id');
  await ctx.stores.require(storeId);
  let token: string | undefined;
  do {
    input.signal?.throwIfAborted();
    const page = await ctx.datastore.readTuples(storeId, {}, { pageSize: exportPageSize, continuationToken: token });
    for (const { key } of page.items) yield key;
    token = page.continuationToken || undefined;
  } while (token);
}
