// relata.v1 ListObjectsPage: ListObjects in pages, each page read from the same snapshot of the
// store. The first page pins the store's current revision (and the model) in the continuation
// token; later pages read the store as it was at that revision, by undoing the changes committed
// since (snapshot-reader), so objects granted or revoked between pages neither appear twice nor
// shift the pages. A token whose revision is too far behind (too many changes to undo) is refused
// and the client starts over. A snapshot's sorted answer is kept (snapshot-answers), so the pages
// after the first are usually slices.
import { createHash } from 'node:crypto';
import { requestContextHash } from '../cache/cache-key.js';
import { ExpiryObservingReader, pageOf, snapshotReader, validatePageSize, type SortedAnswer, type TupleReader, type UndoableChange } from '../engine/index.js';
import { ErrorCode, UnavailableError, ValidationError, toRelationTuple } from '../model/index.js';
import { encodeRevisionToken } from '../storage/continuation-token.js';
import type { ServiceContext } from './context.js';
import { openQuery, type QueryTarget } from './engine-access.js';
import { parseRevision } from './tokens.js';
import { continuationToken } from './validation.js';
import { validateListObjectsFields } from './list-objects.js';
import type { ListObjectsPageInput, ListObjectsPageOutput, QueryOptions } from './types.js';

/** Pages computed while writes keep landing are recomputed with the new changes, this many times. */
const maxAttempts = 5;
const changesPerRead = 1_000;
const defaultPageSize = 100;

export interface PageToken {
  /** The snapshot revision. */
  revision: bigint;
  modelId: string;
  /** The last object returned. */
  after: string;
  /** Digest of the query, so that a token is not replayed against another one. */
  query: string;
}

/** Independent of the order of contextual tuples and context keys, as the decision cache's keys are. */
function queryDigest(input: ListObjectsPageInput): string {
  const query = [input.storeId, input.type, input.relation, input.user, requestContextHash(input)];
  return createHash('sha256').update(JSON.stringify(query)).digest('base64url').slice(0, 22);
}

const invalidToken = () => new ValidationError(ErrorCode.InvalidContinuationToken, `invalid 'continuation_token' value`);

/** `tag` tells the paged calls apart ('page': ListObjectsPage, 'perm': ListPermissions). */
export function encodePageToken(token: PageToken, tag = 'page'): string {
  return Buffer.from(JSON.stringify([tag, token.revision.toString(), token.modelId, token.after, token.query]), 'utf8').toString('base64url');
}

/**
 * `query`: the digest of the request the token is presented with. The token is signed for the
 * store, so its revision cannot be edited back to before a revoke.
 */
export async function decodePageToken(
  ctx: ServiceContext,
  value: string,
  input: { storeId: string; authorizationModelId?: string },
  query: string,
  tag = 'page',
): Promise<PageToken> {
  const unsigned = await ctx.tokens.open('page', input.storeId, continuationToken(value));
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(unsigned ?? '', 'base64url').toString('utf8'));
  } catch {
    throw invalidToken();
  }
  if (!Array.isArray(parsed) || parsed.length !== 5 || parsed[0] !== tag || !parsed.every((part) => typeof part === 'string')) throw invalidToken();
  const [, revisionText, modelId, after, tokenQuery] = parsed as string[];
  const revision = parseRevision(revisionText);
  if (revision === undefined || tokenQuery !== query) throw invalidToken();
  if (input.authorizationModelId && input.authorizationModelId !== modelId) throw invalidToken();
  return { revision, modelId, after, query };
}

/** The store's changes after `revision`, oldest first, as changes to undo. */
async function changesAfter(ctx: ServiceContext, storeId: string, revision: bigint, budget: number): Promise<UndoableChange[]> {
  const limit = ctx.limits.listPageMaxUndoChanges;
  const changes: UndoableChange[] = [];
  let cursor = revision;
  for (;;) {
    const page = await ctx.datastore.readChanges(storeId, { pageSize: changesPerRead, continuationToken: encodeRevisionToken(cursor) });
    for (const change of page.items) {
      const tuple = toRelationTuple(change.key);
      if (tuple && change.expiresAt) tuple.expiresAt = change.expiresAt.getTime();
      if (tuple) changes.push({ tuple, operation: change.operation, revision: change.revision });
      if (change.revision > cursor) cursor = change.revision;
    }
    if (changes.length > budget) {
      throw new ValidationError(ErrorCode.InvalidContinuationToken, `'continuation_token' is too old: the store changed more than ${limit} times since the first page; start again without it`);
    }
    if (page.items.length < changesPerRead) return changes;
  }
}

export async function listObjectsPage(ctx: ServiceContext, input: ListObjectsPageInput): Promise<ListObjectsPageOutput> {
  validateListObjectsFields(input);
  const request = { type: input.type, relation: input.relation, user: input.user, contextualTuples: input.contextualTuples, context: input.context };
  const { page, ...rest } = await snapshotPage(ctx, input, 'page', queryDigest(input), (target, reader, options) =>
    target.engine.listObjectsSorted(reader, request, options),
  );
  return {
    objects: page.objects,
    ...rest,
    conditionFailures: page.conditionFailures.map((failure) => ({ object: failure.object, message: failure.error.message })),
    truncated: page.truncated,
  };
}

export interface SnapshotPageInput extends QueryOptions {
  storeId: string;
  authorizationModelId?: string;
  pageSize?: number;
  continuationToken?: string;
}

/**
 * One page of a sorted answer computed on a pinned snapshot (ListObjectsPage, ListPermissions):
 * the token's revision and model, or the store's current ones on the first page; the whole answer
 * kept in snapshotAnswers under `tag` and the query digest, so later pages are slices.
 */
export async function snapshotPage(
  ctx: ServiceContext,
  input: SnapshotPageInput,
  tag: string,
  query: string,
  compute: (target: QueryTarget, reader: TupleReader, options: { deadlineMs: number; signal?: AbortSignal }) => Promise<SortedAnswer>,
): Promise<{ page: ReturnType<typeof pageOf>; continuationToken: string; revision: bigint; consistencyToken: string }> {
  const pageSize = input.pageSize || defaultPageSize;
  validatePageSize(pageSize);
  const token = input.continuationToken ? await decodePageToken(ctx, input.continuationToken, input, query, tag) : undefined;
  const target = await openQuery(ctx, { ...input, authorizationModelId: token?.modelId ?? input.authorizationModelId });
  const revision = token?.revision ?? (await ctx.datastore.currentRevision(target.storeId));
  const answerKey = `${tag}|${target.storeId}|${revision}|${target.model.id}|${query}`;
  let answer = ctx.snapshotAnswers.get(answerKey, target.now.getTime());
  if (!answer) {
    const options = { deadlineMs: ctx.limits.listDeadlineMs, signal: input.signal };
    answer = await answerAt(ctx, target, revision, token === undefined, (reader) => compute(target, reader, options));
    if (!answer.truncated) ctx.snapshotAnswers.set(answerKey, answer);
  }
  const page = pageOf(answer, { pageSize, after: token?.after });
  const last = page.objects[page.objects.length - 1];
  const continuation =
    page.more && last !== undefined ? await ctx.tokens.seal('page', target.storeId, encodePageToken({ revision, modelId: target.model.id, after: last, query }, tag)) : '';
  return { page, continuationToken: continuation, revision, consistencyToken: await ctx.tokens.consistencyToken(target.storeId, revision) };
}

/**
 * The whole sorted answer `compute` gives on the store as it was at `revision` (ListObjectsPage's
 * and ListPermissions' snapshots). `justRead`: the revision was read
 * as current just now, so there is nothing to undo yet (what lands meanwhile is caught after).
 */
export async function answerAt(
  ctx: ServiceContext,
  target: QueryTarget,
  revision: bigint,
  justRead: boolean,
  compute: (reader: TupleReader) => Promise<SortedAnswer>,
): Promise<SortedAnswer> {
  const limit = ctx.limits.listPageMaxUndoChanges;
  const undo = justRead ? [] : await changesAfter(ctx, target.storeId, revision, limit);
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    // What the answer read that expires: the answer is kept (snapshotAnswers) no longer than that.
    const observed = new ExpiryObservingReader(snapshotReader(target.reader, undo, target.now.getTime()));
    const answer: SortedAnswer & { expiresAt?: number } = await compute(observed);
    if (observed.earliestExpiry !== undefined) answer.expiresAt = observed.earliestExpiry;
    // A change committed while the answer was computed may have been half seen: if there is one,
    // undo it too and compute again (revisions of a store follow commit order).
    const latest = undo.length > 0 ? undo[undo.length - 1]!.revision : revision;
    const newer = await changesAfter(ctx, target.storeId, latest, limit - undo.length);
    if (newer.length === 0) return answer;
    undo.push(...newer);
  }
  throw new UnavailableError('the store kept changing while the page was computed; try again');
}
