// Authorization model use cases: write a new immutable version, read one, list versions.
import { ulid } from 'ulid';
import { ErrorCode, ValidationError } from '../model/index.js';
import type { AuthorizationModel } from '../model/index.js';
import type { ServiceContext } from './context.js';
import type { Paged, ReadModelsInput, WriteModelInput } from './types.js';
import { checkModelForWrite } from './model-validation.js';
import { continuationToken, pageSize, requireUlid } from './validation.js';

/** OpenFGA's default cap on type definitions per model. */
const maxTypesPerModel = 100;

export async function writeAuthorizationModel(ctx: ServiceContext, input: WriteModelInput): Promise<{ authorizationModelId: string }> {
  const storeId = requireUlid(input.storeId, 'store_id');
  const typeDefinitions = input.model.type_definitions ?? [];
  if (typeDefinitions.length > maxTypesPerModel) {
    throw new ValidationError(
      ErrorCode.ExceededEntityLimit,
      `The number of type definitions in an authorization model exceeds the allowed limit of ${maxTypesPerModel}`,
    );
  }
  await ctx.stores.require(storeId);
  const model = checkModelForWrite(input.model, maxTypesPerModel);
  const stored: AuthorizationModel & { id: string } = { ...model, id: ulid() };
  await ctx.datastore.writeModel(storeId, stored);
  ctx.models.modelWritten(storeId, stored);
  ctx.cache?.recordModelChange(storeId);
  return { authorizationModelId: stored.id };
}

export async function readAuthorizationModel(ctx: ServiceContext, storeId: string, modelId: string): Promise<AuthorizationModel> {
  requireUlid(storeId, 'store_id');
  requireUlid(modelId, 'id');
  await ctx.stores.require(storeId);
  return (await ctx.models.byId(storeId, modelId)).model;
}

export async function readAuthorizationModels(ctx: ServiceContext, input: ReadModelsInput): Promise<Paged<AuthorizationModel>> {
  const storeId = requireUlid(input.storeId, 'store_id');
  const size = pageSize(input.pageSize, ctx.limits.defaultPageSize);
  const token = await ctx.tokens.open('models', storeId, continuationToken(input.continuationToken));
  await ctx.stores.require(storeId);
  const page = await ctx.datastore.listModels(storeId, { pageSize: size, continuationToken: token });
  return { items: page.items, continuationToken: await ctx.tokens.seal('models', storeId, page.continuationToken) };
}
