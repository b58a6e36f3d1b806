// DeleteTuples (relata.v1): every tuple matching a filter, deleted in batches. Each batch is an
// ordinary tuple delete (datastore.writeTuples, then the cache's recordWrite), so it is atomic,
// appends one changelog row per tuple and invalidates cached decisions exactly as Write does.
// Tuples written behind the cursor while it runs may survive; a second run removes them.
import { ErrorCode, ValidationError, preview } from '../../model/index.js';
import type { TupleKey } from '../../model/index.js';
import type { ReadTuplesFilter } from '../../storage/datastore.js';
import type { Caller } from '../caller.js';
import type { ServiceContext } from '../context.js';
import { checkFilterAgainstLatestModel } from '../read.js';
import { requireObjectId, requireRelation, requireType, requireUlid, requireUserString } from '../validation.js';

export const defaultDeleteBatchSize = 100;
export const maxDeleteBatchSize = 1000;

export interface DeleteTuplesInput {
  storeId: string;
  /** Required: a delete by filter never spans types. */
  objectType: string;
  objectId?: string;
  relation?: string;
  /** `type:id`, `type:*`, `type:id#relation`, or `type:` (every user of the type). */
  user?: string;
  /** Count the matching tuples; delete nothing. */
  dryRun?: boolean;
  /** Tuples per atomic batch: 1..1000, default 100. */
  batchSize?: number;
  /** Stops between batches (the batches already committed stay deleted). */
  signal?: AbortSignal;
}

export interface DeleteTuplesOutput {
  /** Tuples that matched (and, unless a dry run, were deleted). */
  matched: number;
  /** Committed batches (0 for a dry run). */
  batches: number;
  /** The revision of the last batch; '' when nothing was deleted. */
  consistencyToken: string;
}

function batchSize(value: number | undefined): number {
  if (value === undefined || value === 0) return defaultDeleteBatchSize;
  if (!Number.isInteger(value) || value < 1 || value > maxDeleteBatchSize) {
    throw new ValidationError(ErrorCode.ValidationError, `invalid batch_size: value must be inside range [1, ${maxDeleteBatchSize}]`);
  }
  return value;
}

/** The filter in Read's form, every field checked as Write and Read check it. */
export function deleteFilter(input: Pick<DeleteTuplesInput, 'objectType' | 'objectId' | 'relation' | 'user'>): Required<Pick<ReadTuplesFilter, 'object'>> & ReadTuplesFilter {
  if (!input.objectType) throw new ValidationError(ErrorCode.ValidationError, 'invalid object_type: value is required (a delete by filter names at least an object type)');
  const type = requireType(input.objectType, 'object_type');
  const filter: ReadTuplesFilter & { object: string } = { object: `${type}:` };
  if (input.objectId) filter.object = `${type}:${requireObjectId(input.objectId, 'object_id')}`;
  if (input.relation) filter.relation = requireRelation(input.relation, 'relation');
  if (input.user) {
    const user = requireUserString(input.user, 'user');
    if (!/^[^:#\s]+:([^#:\s]*|[^#:\s]+#[^#:\s@]+)$/.test(user)) {
      throw new ValidationError(ErrorCode.ValidationError, `invalid user: '${preview(user)}' is not of the form type:id, type:*, type:id#relation or type:`);
    }
    filter.user = user;
  }
  return filter;
}

export async function deleteTuplesByFilter(ctx: ServiceContext, input: DeleteTuplesInput, caller?: Caller): Promise<DeleteTuplesOutput> {
  const storeId = requireUlid(input.storeId, 'store_id');
  const filter = deleteFilter(input);
  const size = batchSize(input.batchSize);
  await ctx.stores.require(storeId);
  await checkFilterAgainstLatestModel(ctx, storeId, filter.object, filter.relation);
  if (!input.dryRun) await ctx.tokens.ready();

  let matched = 0;
  let batches = 0;
  let revision: bigint | undefined;
  let token: string | undefined;
  do {
    input.signal?.throwIfAborted();
    // Keyset pages: the cursor stays valid after its page is deleted.
    const page = await ctx.datastore.readTuples(storeId, filter, { pageSize: size, continuationToken: token });
    const keys: TupleKey[] = page.items.map(({ key }) => ({ object: key.object, relation: key.relation, user: key.user }));
    matched += keys.length;
    if (!input.dryRun && keys.length > 0) {
      // 'ignore': a tuple another writer removed meanwhile is not an error. Each batch commits on its
      // own, so each has its record (none when another writer had removed all of its tuples).
      const audit = ctx.audit.change(storeId, 'DeleteTuples', caller, { filter, batch: batches + 1 });
      const result = await ctx.datastore.writeTuples(storeId, { writes: [], deletes: keys, onMissing: 'ignore' }, audit);
      ctx.cache?.recordWrite(storeId, { revision: result.revision, tuples: keys });
      revision = result.revision;
      batches++;
    }
    token = page.continuationToken || undefined;
  } while (token);
  return { matched, batches, consistencyToken: revision === undefined ? '' : await ctx.tokens.consistencyToken(storeId, revision) };
}
