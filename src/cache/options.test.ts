import { describe, expect, it } from 'vitest';
import { ErrorCode, ValidationError } from '../model/index.js';
import { defaultCacheOptions, resolveCacheOptions } from './options.js';

describe('resolveCacheOptions', () => {
  it('fills defaults and derives poll and heartbeat periods from the staleness bound', () => {
    const options = resolveCacheOptions({ stalenessBoundMs: 900 });
    expect(options).toMatchObject({ l1MaxEntries: 100_000, redisKeyPrefix: 'relata:', stalenessBoundMs: 900, pollIntervalMs: 450, heartbeatIntervalMs: 300 });
    expect(options.redisUrl).toBeUndefined();
  });

  it('rejects nonsense with a typed error naming the field', () => {
    const cases: [object, string][] = [
      [{ l1MaxEntries: -1 }, 'l1MaxEntries'],
      [{ objectFloorMaxEntries: 0 }, 'objectFloorMaxEntries'],
      [{ stalenessBoundMs: 0 }, 'stalenessBoundMs'],
      [{ l2TtlMs: 1.5 }, 'l2TtlMs'],
      [{ redisKeyPrefix: 'other:' }, 'redisKeyPrefix'],
      [{ redisUrl: 'http://localhost' }, 'redisUrl'],
    ];
    for (const [input, field] of cases) {
      let error: unknown;
      try {
        resolveCacheOptions(input);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).code).toBe(ErrorCode.ValidationError);
      expect((error as Error).message).toContain(field);
    }
  });
});

describe('resolveCacheOptions: unset fields from the config', () => {
  it('undefined fields (variables left unset) take the cache defaults', () => {
    const resolved = resolveCacheOptions({ l1MaxEntries: undefined, l1TtlMs: undefined, redisKeyPrefix: undefined, stalenessBoundMs: undefined });
    expect(resolved).toMatchObject({ l1MaxEntries: defaultCacheOptions.l1MaxEntries, l1TtlMs: defaultCacheOptions.l1TtlMs, redisKeyPrefix: 'relata:', stalenessBoundMs: defaultCacheOptions.stalenessBoundMs });
  });
});
