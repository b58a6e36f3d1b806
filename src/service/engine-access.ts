// How the query use cases reach the engine: one Engine per model version (built once and kept
// with the cached model), a TupleReader bound to the store, and the shared request checks
// (ids, consistency, contextual tuple count) that every query call makes first.
import { Engine, celConditionEvaluator, tupleContextLimits, validateContext } from '../engine/index.js';
import type { ContextLimits, SubResults, TupleReader } from '../engine/index.js';
import type { AuthorizationModel } from '../model/index.js';
import { ErrorCode, ValidationError } from '../model/index.js';
import type { ServiceContext, ServiceLimits } from './context.js';
import type { EngineFactory, ResolvedModel } from './model-resolver.js';
import type { ConsistencyPreference, QueryOptions } from './types.js';
import { maxItems, optionalUlid, requireUlid } from './validation.js';

/** OpenFGA's cap on contextual tuples per query. */
export const maxContextualTuples = 100;

const preferences: readonly ConsistencyPreference[] = ['UNSPECIFIED', 'MINIMIZE_LATENCY', 'HIGHER_CONSISTENCY'];

export interface QueryTarget {
  storeId: string;
  model: ResolvedModel;
  engine: Engine;
  reader: TupleReader;
  consistency: ConsistencyPreference;
  /** The minimum revision the answer must reflect, from a consistency token. */
  minRevision?: bigint;
  /** The request's one instant: tuples expired at it are invisible to every read of the request. */
  now: Date;
  signal?: AbortSignal;
  /** Opens the cross-request sub-results for one Check evaluation (absent: the cache is off). */
  subResults?: () => SubResults | undefined;
}

export interface QueryRequestBase extends QueryOptions {
  storeId: string;
  authorizationModelId?: string;
  contextualTuples?: readonly unknown[];
  context?: Record<string, unknown>;
}

/** The configured bounds of a request's `context`. */
function requestContextLimitsOf(limits: ServiceLimits): ContextLimits {
  return { maxBytes: limits.maxContextBytes, maxDepth: 32, maxEntries: limits.maxContextEntries };
}

/** The engine of each model version, with the configured limits (the cost limit of conditions is process-wide). */
export function engineFactory(limits: ServiceLimits): EngineFactory {
  return (model: AuthorizationModel) =>
    new Engine(model, {
      conditions: celConditionEvaluator(model, { maxEvaluationCost: limits.maxConditionEvaluationCost }),
      limits: { maxDepth: limits.resolveNodeLimit, maxConcurrentReads: limits.maxConcurrentReads },
      contextLimits: requestContextLimitsOf(limits),
    });
}

/** Validates the common fields, then resolves store, model, engine and reader. */
export async function openQuery(ctx: ServiceContext, input: QueryRequestBase): Promise<QueryTarget> {
  const storeId = requireUlid(input.storeId, 'store_id');
  const modelId = optionalUlid(input.authorizationModelId, 'authorization_model_id');
  const consistency = input.consistency ?? 'UNSPECIFIED';
  if (!preferences.includes(consistency)) {
    throw new ValidationError(ErrorCode.ValidationError, `invalid consistency: value must be one of ${preferences.join(', ')}`);
  }
  // Verified and bounded: only a revision the store has reached may stamp a cache entry.
  const minRevision = await ctx.tokens.consistencyRevision(storeId, input.consistencyToken);
  maxItems(input.contextualTuples?.length ?? 0, maxContextualTuples, 'contextual_tuples');
  if (input.context !== undefined && (input.context === null || typeof input.context !== 'object' || Array.isArray(input.context))) {
    throw new ValidationError(ErrorCode.ValidationError, 'invalid context: must be an object');
  }
  // Bounded before any evaluation, for every query (ListObjects and ListUsers included).
  validateContext(input.context, 'context', requestContextLimitsOf(ctx.limits));
  input.contextualTuples?.forEach((tuple, i) => validateContext(conditionContextOf(tuple), `contextual_tuples[${i}].condition.context`, tupleContextLimits));
  await ctx.stores.require(storeId);
  const model = await ctx.models.resolve(storeId, modelId);
  // Reads go to the primary and see every committed write, so a consistency token is met by
  // construction here; a caching reader decorator is where it and HIGHER_CONSISTENCY matter.
  const now = ctx.clock();
  const reader = ctx.datastore.tupleReader(storeId, { now });
  const cache = ctx.cache;
  const subResults = cache ? () => cache.subResults(storeId, model.model, { consistency, minRevision, nowMs: now.getTime() }) : undefined;
  return { storeId, model, engine: model.engine, reader, consistency, minRevision, now, signal: input.signal, subResults };
}

function conditionContextOf(tuple: unknown): unknown {
  if (typeof tuple !== 'object' || tuple === null || !Object.hasOwn(tuple, 'condition')) return undefined;
  const condition: unknown = (tuple as { condition: unknown }).condition;
  if (typeof condition !== 'object' || condition === null || !Object.hasOwn(condition, 'context')) return undefined;
  return (condition as { context: unknown }).context;
}
