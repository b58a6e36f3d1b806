// Authorization model use cases: write a new immutable version, read one, list versions.
import { ulid } from 'ulid';
import type { AuthorizationModel } from '../model/index.js';
import type { ServiceContext } from './context.js';
import type { Paged, ReadModelsInput, WriteModelInput } from './types.js';
import { continuationToken, pageSize, requireUlid } from './validation.js';
import type { Caller } from './caller.js';

export async function writeAuthorizationModel(ctx: ServiceContext, input: WriteModelInput, caller?: Caller): Promise<{ authorizationModelId: string }> {
  const limits = { maxTypes: ctx.limits.maxTypesPerAuthorizationModel, maxSizeBytes: ctx.limits.maxAuthorizationModelSizeBytes };
  const outcome = await ctx.modelChecker('model' in input ? { model: input.model } : input.encoded, limits);
  // The checker ran every stage at once; its refusal is raised where that stage stands in
  // OpenFGA's order: decoding, the store id, the text rules, the store lookup, the model rules.
  if ('failed' in outcome && outcome.failed === 'decode') throw outcome.error;
  const storeId = requireUlid(('checked' in outcome ? outcome.checked.storeId : outcome.storeId) ?? input.storeId, 'store_id');
  if ('failed' in outcome && outcome.failed === 'text') throw outcome.error;
  await ctx.stores.require(storeId);
  if ('failed' in outcome) throw outcome.error;
  const { checked } = outcome;
  const id = ulid();
  // Stored as the checker's text, without a parse or a stringify on this thread.
  const { json } = checked;
  await ctx.datastore.writeModel(storeId, { id, schemaVersion: checked.schemaVersion, json }, ctx.audit.change(storeId, 'WriteAuthorizationModel', caller, { modelId: id, schemaVersion: checked.schemaVersion }));
  const { model } = checked;
  ctx.models.modelWritten(storeId, id, model ? () => ({ ...model, id }) : () => ({ ...(JSON.parse(json) as AuthorizationModel), id }));
  ctx.cache?.recordModelChange(storeId);
  return { authorizationModelId: id };
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
