// ListUsers: the users (objects, usersets, typed wildcards) that have a relation with an object,
// bounded by the result cap and the list deadline.
import { ErrorCode, ValidationError } from '../model/index.js';
import type { ServiceContext } from './context.js';
import { openQuery } from './engine-access.js';
import type { ListUsersInput, ListUsersOutput } from './types.js';
import { missingField, requireObjectId, requireRelation, requireType } from './validation.js';

export async function listUsers(ctx: ServiceContext, input: ListUsersInput): Promise<ListUsersOutput> {
  if (!input.object?.type) throw missingField('object.type');
  if (!input.object.id) throw missingField('object.id');
  requireType(input.object.type, 'object.type');
  requireObjectId(input.object.id, 'object.id');
  requireRelation(input.relation, 'relation');
  if ((input.userFilters?.length ?? 0) !== 1) {
    throw new ValidationError(ErrorCode.ValidationError, 'invalid user_filters: value must contain exactly 1 item(s)');
  }
  input.userFilters.forEach((filter, i) => {
    requireType(filter.type, `user_filters[${i}].type`);
    if (filter.relation) requireRelation(filter.relation, `user_filters[${i}].relation`);
  });
  const target = await openQuery(ctx, input);
  const result = await target.engine.listUsers(
    target.reader,
    {
      object: `${input.object.type}:${input.object.id}`,
      relation: input.relation,
      userFilters: input.userFilters,
      contextualTuples: input.contextualTuples,
      context: input.context,
    },
    {
      maxResults: ctx.limits.listUsersMaxResults,
      deadlineMs: ctx.limits.listDeadlineMs,
      signal: input.signal,
    },
  );
  return { users: result.users };
}
