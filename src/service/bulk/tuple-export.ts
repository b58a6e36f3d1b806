// Every tuple of a store, in Read's order, in pages larger than the API's (the export is local).
import type { TupleKey } from '../../model/index.js';
import type { ServiceContext } from '../context.js';
import { requireUlid } from '../validation.js';

const exportPageSize = 1000;

/** A tuple of an export; an expiring grant carries its expiry, so that no export turns it into a permanent one. */
export type ExportedTuple = TupleKey & { expiresAt?: Date };

export async function* exportTuples(ctx: ServiceContext, input: { storeId: string; signal?: AbortSignal }): AsyncGenerator<ExportedTuple> {
  const storeId = requireUlid(input.storeId, 'store_id');
  await ctx.stores.require(storeId);
  // One instant for the whole export (the service clock): every page leaves out the same expired tuples.
  const now = ctx.clock();
  let token: string | undefined;
  do {
    input.signal?.throwIfAborted();
    const page = await ctx.datastore.readTuples(storeId, { now }, { pageSize: exportPageSize, continuationToken: token });
    for (const { key, expiresAt } of page.items) yield expiresAt ? { ...key, expiresAt } : key;
    token = page.continuationToken || undefined;
  } while (token);
}
