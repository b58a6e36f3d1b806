// ListObjects and StreamedListObjects: the objects of a type the user has a relation with,
// bounded by the result cap and the list deadline (a partial answer, as in OpenFGA).
import type { ServiceContext } from './context.js';
import { openQuery } from './engine-access.js';
import type { ListObjectsInput, ListObjectsOutput } from './types.js';
import { requireRelation, requireType, requireUserBytes } from './validation.js';

/** The API's field rules, before the store or model is looked at (as OpenFGA's proto validation). */
export function validateListObjectsFields(input: ListObjectsInput): void {
  requireType(input.type, 'type');
  requireRelation(input.relation, 'relation');
  if (input.user) requireUserBytes(input.user, 'user');
}

function request(input: ListObjectsInput) {
  return { type: input.type, relation: input.relation, user: input.user, contextualTuples: input.contextualTuples, context: input.context };
}

export async function listObjects(ctx: ServiceContext, input: ListObjectsInput): Promise<ListObjectsOutput> {
  validateListObjectsFields(input);
  const target = await openQuery(ctx, input);
  const result = await target.engine.listObjects(target.reader, request(input), {
    maxResults: ctx.limits.listObjectsMaxResults,
    deadlineMs: ctx.limits.listDeadlineMs,
    signal: input.signal,
  });
  return { objects: result.objects };
}

export async function* streamListObjects(ctx: ServiceContext, input: ListObjectsInput, signal?: AbortSignal): AsyncGenerator<string> {
  // Resolve and validate before the first object, so that bad input fails the call itself.
  validateListObjectsFields(input);
  const target = await openQuery(ctx, input);
  yield* target.engine.streamListObjects(target.reader, request(input), {
    deadlineMs: ctx.limits.listDeadlineMs,
    signal: signal ?? input.signal,
  });
}
