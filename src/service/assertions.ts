// Assertions: per model version, a list of Check expectations that tooling runs as tests.
import type { ServiceContext } from './context.js';
import type { ReadAssertionsInput, ReadAssertionsOutput, WriteAssertionsInput } from './types.js';
import { checkAssertionForModel, validateAssertionKey } from './tuple-checks.js';
import { maxItems, requireUlid } from './validation.js';
import type { Caller } from './caller.js';
import { ErrorCode, ValidationError, jsonTextProblem } from '../model/index.js';

/** OpenFGA's cap on contextual tuples per assertion. */
export const maxContextualTuplesPerAssertion = 20;

export async function writeAssertions(ctx: ServiceContext, input: WriteAssertionsInput, caller?: Caller): Promise<void> {
  const storeId = requireUlid(input.storeId, 'store_id');
  const modelId = requireUlid(input.authorizationModelId, 'authorization_model_id');
  maxItems(input.assertions.length, ctx.limits.maxAssertionsPerWrite, 'assertions', ErrorCode.AssertionsTooManyItems);
  input.assertions.forEach((assertion, i) => {
    validateAssertionKey(assertion.tupleKey, `assertions[${i}].tuple_key`);
    maxItems(assertion.contextualTuples?.length ?? 0, maxContextualTuplesPerAssertion, `assertions[${i}].contextual_tuples`);
    // Stored as jsonb, which cannot hold NUL: the caller's error, not the driver's.
    const problem = jsonTextProblem(assertion.context);
    if (problem) throw new ValidationError(ErrorCode.ValidationError, `invalid assertions[${i}].context: ${problem}`);
  });
  await ctx.stores.require(storeId);
  const model = await ctx.models.byId(storeId, modelId);
  for (const assertion of input.assertions) checkAssertionForModel(model, assertion.tupleKey, assertion.contextualTuples ?? []);
  const audit = ctx.audit.change(storeId, 'WriteAssertions', caller, { modelId, assertions: input.assertions.length });
  await ctx.datastore.writeAssertions(storeId, modelId, input.assertions, audit);
}

export async function readAssertions(ctx: ServiceContext, input: ReadAssertionsInput): Promise<ReadAssertionsOutput> {
  const storeId = requireUlid(input.storeId, 'store_id');
  const modelId = requireUlid(input.authorizationModelId, 'authorization_model_id');
  await ctx.stores.require(storeId);
  await ctx.models.byId(storeId, modelId);
  return { authorizationModelId: modelId, assertions: await ctx.datastore.readAssertions(storeId, modelId) };
}
