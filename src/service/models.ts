// Authorization model use cases: write a new immutable version, read one, list versions.
import { ulid } from 'ulid';
import { ErrorCode, ValidationError, codePointLength, jsonTextProblem } from '../model/index.js';
import type { AuthorizationModel } from '../model/index.js';
import type { ServiceContext } from './context.js';
import type { Paged, ReadModelsInput, WriteModelInput } from './types.js';
import { continuationToken, pageSize, requireIdentifierText, requireUlid } from './validation.js';
import type { Caller } from './caller.js';

export async function writeAuthorizationModel(ctx: ServiceContext, input: WriteModelInput, caller?: Caller): Promise<{ authorizationModelId: string }> {
  const storeId = requireUlid(input.storeId, 'store_id');
  const limits = { maxTypes: ctx.limits.maxTypesPerAuthorizationModel, maxSizeBytes: ctx.limits.maxAuthorizationModelSizeBytes };
  // OpenFGA counts the types before anything else (even before looking up the store).
  const typeDefinitions = input.model.type_definitions;
  if (Array.isArray(typeDefinitions) && typeDefinitions.length > limits.maxTypes) {
    throw new ValidationError(ErrorCode.ExceededEntityLimit, `The number of type definitions in an authorization model exceeds the allowed limit of ${limits.maxTypes}`);
  }
  checkModelText(input.model);
  await ctx.stores.require(storeId);
  const model = await ctx.modelChecker(input.model, limits);
  const stored: AuthorizationModel & { id: string } = { ...model, id: ulid() };
  await ctx.datastore.writeModel(storeId, stored, ctx.audit.change(storeId, 'WriteAuthorizationModel', caller, { modelId: stored.id, schemaVersion: stored.schema_version }));
  ctx.models.modelWritten(storeId, stored);
  ctx.cache?.recordModelChange(storeId);
  return { authorizationModelId: stored.id };
}

/**
 * What the API refuses before the model's own rules (OpenFGA's proto validation, 2000): names
 * with control characters, lone surrogates or beyond the name lengths, and any string PostgreSQL
 * could not store (NUL). The semantic rules and their 2056 come after, in checkModelForWrite.
 */
function checkModelText(model: WriteModelInput['model']): void {
  (model.type_definitions ?? []).forEach((def, i) => {
    const field = `type_definitions[${i}]`;
    if (typeof def?.type === 'string') {
      requireIdentifierText(def.type, `${field}.type`);
      if (codePointLength(def.type) > 254) throw new ValidationError(ErrorCode.ValidationError, `invalid ${field}.type: value length must be at most 254 characters`);
    }
    for (const relation of Object.keys(def?.relations ?? {})) {
      requireIdentifierText(relation, `${field}.relations`);
      if (codePointLength(relation) > 50) throw new ValidationError(ErrorCode.ValidationError, `invalid ${field}.relations: keys must be at most 50 characters`);
    }
  });
  for (const name of Object.keys(model.conditions ?? {})) {
    requireIdentifierText(name, 'conditions');
    if (codePointLength(name) > 50) throw new ValidationError(ErrorCode.ValidationError, 'invalid conditions: names must be at most 50 characters');
  }
  const problem = jsonTextProblem(model);
  if (problem) throw new ValidationError(ErrorCode.ValidationError, `invalid authorization model: its strings ${problem}`);
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
