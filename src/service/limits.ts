// The service's limits with their defaults. Each default is declared once, by the layer that
// enforces it: evaluation limits by the engine, model limits by the model, the rest here. The
// config (env vars) overrides only what a variable sets.
import { DEFAULT_MAX_MODEL_SIZE_BYTES, DEFAULT_MAX_TYPES_PER_MODEL } from '../model/index.js';
import { DEFAULT_MAX_EVALUATION_COST, defaultListDeadlineMs, defaultLimits as engineLimits } from '../engine/index.js';
import type { ServiceLimits } from './context.js';

export const defaultLimits: ServiceLimits = {
  maxTuplesPerWrite: 100,
  maxChecksPerBatchCheck: 50,
  maxAssertionsPerWrite: 100,
  defaultPageSize: 50,
  resolveNodeLimit: engineLimits.maxDepth,
  maxConcurrentReads: engineLimits.maxConcurrentReads,
  listObjectsMaxResults: engineLimits.maxResults,
  listUsersMaxResults: engineLimits.maxResults,
  listDeadlineMs: defaultListDeadlineMs,
  listPageMaxUndoChanges: 10_000,
  listPageCacheMaxObjects: 1_000_000,
  modelCacheSize: 1000,
  maxContextBytes: 256 * 1024,
  maxContextEntries: 10_000,
  maxConditionEvaluationCost: DEFAULT_MAX_EVALUATION_COST,
  maxTypesPerAuthorizationModel: DEFAULT_MAX_TYPES_PER_MODEL,
  maxAuthorizationModelSizeBytes: DEFAULT_MAX_MODEL_SIZE_BYTES,
};

/** `overrides` over the defaults; an entry left undefined keeps its default. */
export function resolveLimits(overrides: Partial<ServiceLimits> = {}): ServiceLimits {
  const set = Object.entries(overrides).filter(([, value]) => value !== undefined);
  return { ...defaultLimits, ...(Object.fromEntries(set) as Partial<ServiceLimits>) };
}
