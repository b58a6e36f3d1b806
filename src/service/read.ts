// Read: stored tuples matching a filter, paginated, without evaluating the model.
import { ErrorCode, ValidationError, hasKey, preview } from '../model/index.js';
import type { ServiceContext } from './context.js';
import type { Paged, ReadInput, StoredTuple } from './types.js';
import {
  continuationToken,
  pageSize,
  requireIdentifierText,
  requireObjectString,
  requireRelation,
  requireUlid,
  requireUserString,
} from './validation.js';

export async function read(ctx: ServiceContext, input: ReadInput): Promise<Paged<StoredTuple>> {
  const storeId = requireUlid(input.storeId, 'store_id');
  const size = pageSize(input.pageSize, ctx.limits.defaultPageSize);
  const token = await ctx.tokens.open('read', storeId, continuationToken(input.continuationToken));
  const filter = readFilter(input.tupleKey);
  // Reads always see every committed write, so a valid token needs nothing more.
  await ctx.tokens.consistencyRevision(storeId, input.consistencyToken);
  await ctx.stores.require(storeId);
  if (filter.object) await checkFilterAgainstLatestModel(ctx, storeId, filter.object, filter.relation);
  const page = await ctx.datastore.readTuples(storeId, { ...filter, now: ctx.clock() }, { pageSize: size, continuationToken: token });
  return { items: page.items, continuationToken: await ctx.tokens.seal('read', storeId, page.continuationToken) };
}

function readFilter(key: ReadInput['tupleKey']): { object?: string; relation?: string; user?: string } {
  const object = key?.object || undefined;
  const relation = key?.relation || undefined;
  const user = key?.user || undefined;
  if (!object && !relation && !user) return {};
  requireIdentifierText(user, 'tuple_key.user');
  if (!object) {
    throw new ValidationError(ErrorCode.ValidationError, "invalid tuple_key.object: the object type is required when 'tuple_key' is given");
  }
  requireObjectString(object, 'tuple_key.object');
  const colon = object.indexOf(':');
  if (colon <= 0) {
    throw new ValidationError(ErrorCode.InvalidObjectFormat, `invalid tuple_key.object: '${preview(object)}' is not of the form type:id or type:`);
  }
  if (relation) requireRelation(relation, 'tuple_key.relation');
  if (user) requireUserString(user, 'tuple_key.user');
  if (user && !user.includes(':')) {
    throw new ValidationError(ErrorCode.ValidationError, `invalid tuple_key.user: '${preview(user)}' is not a valid user`);
  }
  if (colon === object.length - 1 && !user) {
    throw new ValidationError(ErrorCode.ValidationError, "invalid tuple_key.user: the user is required when tuple_key.object is a type only ('type:')");
  }
  return { object, relation, user };
}

/** When the store has a model, a filter on an unknown type or relation is an error (as in OpenFGA). */
export async function checkFilterAgainstLatestModel(ctx: ServiceContext, storeId: string, object: string, relation: string | undefined): Promise<void> {
  let model;
  try {
    model = (await ctx.models.resolve(storeId, undefined)).model;
  } catch (error) {
    if (error instanceof ValidationError && error.code === ErrorCode.LatestAuthorizationModelNotFound) return;
    throw error;
  }
  const type = object.slice(0, object.indexOf(':'));
  const definition = model.type_definitions.find((def) => def.type === type);
  if (!definition) throw new ValidationError(ErrorCode.TypeNotFound, `type '${preview(type)}' not found`);
  if (relation && !hasKey(definition.relations, relation)) {
    throw new ValidationError(ErrorCode.RelationNotFound, `relation '${type}#${preview(relation)}' not found`);
  }
}
