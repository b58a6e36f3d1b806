import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/index.js';
import { DEFAULT_MAX_EVALUATION_COST, defaultLimits as engineLimits } from '../engine/index.js';
import { defaultLimits, resolveLimits } from './limits.js';

describe('service limits', () => {
  it("are OpenFGA's defaults, taken from the layer that enforces each", () => {
    expect(defaultLimits).toEqual({
      maxTuplesPerWrite: 100,
      maxChecksPerBatchCheck: 50,
      maxAssertionsPerWrite: 100,
      defaultPageSize: 50,
      resolveNodeLimit: 25,
      maxConcurrentReads: 50,
      listObjectsMaxResults: 1000,
      listUsersMaxResults: 1000,
      listDeadlineMs: 3000,
      listPageMaxUndoChanges: 10_000,
      listPageCacheMaxObjects: 1_000_000,
      modelCacheSize: 1000,
      maxContextBytes: 262_144,
      maxContextEntries: 10_000,
      maxConditionEvaluationCost: 100,
      maxTypesPerAuthorizationModel: 100,
      maxAuthorizationModelSizeBytes: 262_144,
    });
    expect([defaultLimits.resolveNodeLimit, defaultLimits.maxConcurrentReads, defaultLimits.listObjectsMaxResults]).toEqual([
      engineLimits.maxDepth,
      engineLimits.maxConcurrentReads,
      engineLimits.maxResults,
    ]);
    expect(defaultLimits.maxConditionEvaluationCost).toBe(DEFAULT_MAX_EVALUATION_COST);
  });

  it('an empty config keeps every default; a set variable overrides only its limit', () => {
    expect(resolveLimits(loadConfig({}).limits)).toEqual(defaultLimits);
    expect(resolveLimits(loadConfig({ RELATA_RESOLVE_NODE_LIMIT: '7' }).limits)).toEqual({ ...defaultLimits, resolveNodeLimit: 7 });
  });

  it('an undefined override keeps the default instead of erasing it', () => {
    expect(resolveLimits({ maxTuplesPerWrite: undefined, defaultPageSize: 10 })).toEqual({ ...defaultLimits, defaultPageSize: 10 });
  });
});
