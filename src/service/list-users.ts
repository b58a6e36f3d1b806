// ListUsers: the users (objects, usersets, typed wildcards) that have a relation with an object.
import { ErrorCode, RelataError } from '../model/index.js';
import type { ServiceContext } from './context.js';
import { openQuery } from './engine-access.js';
import type { ListUsersInput, ListUsersOutput } from './types.js';

export async function listUsers(ctx: ServiceContext, input: ListUsersInput): Promise<ListUsersOutput> {
  await openQuery(ctx, input);
  throw new RelataError(ErrorCode.Unimplemented, 'ListUsers is not available yet');
}
