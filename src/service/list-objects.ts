// ListObjects and StreamedListObjects: the objects of a type the user has a relation with,
// bounded by the result cap and the list deadline (a partial answer, as in OpenFGA).
import { listObjects as engineListObjects, streamListObjects as engineStreamListObjects } from '../engine/list-objects.js';
import type { ServiceContext } from './context.js';
import { openQuery } from './engine-access.js';
import { listDeps } from './list-deps.js';
import type { ListObjectsInput, ListObjectsOutput } from './types.js';

function request(input: ListObjectsInput) {
  return { type: input.type, relation: input.relation, user: input.user, contextualTuples: input.contextualTuples, context: input.context };
}

export async function listObjects(ctx: ServiceContext, input: ListObjectsInput): Promise<ListObjectsOutput> {
  const target = await openQuery(ctx, input);
  const result = await engineListObjects(listDeps(target), request(input), {
    maxResults: ctx.limits.listObjectsMaxResults,
    deadlineMs: ctx.limits.listDeadlineMs,
    maxConcurrentReads: ctx.limits.maxConcurrentReads,
    signal: input.signal,
  });
  return { objects: result.objects };
}

export async function* streamListObjects(ctx: ServiceContext, input: ListObjectsInput, signal?: AbortSignal): AsyncGenerator<string> {
  // Resolve and validate before the first object, so that bad input fails the call itself.
  const target = await openQuery(ctx, input);
  yield* engineStreamListObjects(listDeps(target), request(input), {
    deadlineMs: ctx.limits.listDeadlineMs,
    maxConcurrentReads: ctx.limits.maxConcurrentReads,
    signal: signal ?? input.signal,
  });
}
