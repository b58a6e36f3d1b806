import { describe, expect, it } from 'vitest';
import { parseRfc3339 } from './rfc3339.js';

describe('parseRfc3339 (time.RFC3339 rules)', () => {
  it('parses UTC, offsets and fractions to epoch seconds + nanos', () => {
    expect(parseRfc3339('1970-01-01T00:00:00Z')).toEqual({ seconds: 0n, nanos: 0 });
    expect(parseRfc3339('2023-10-11T10:00:00.000Z')).toEqual({ seconds: 1697018400n, nanos: 0 });
    expect(parseRfc3339('2023-10-11T12:00:00+02:00')).toEqual({ seconds: 1697018400n, nanos: 0 });
    expect(parseRfc3339('2023-10-11T05:30:00-04:30')).toEqual({ seconds: 1697018400n, nanos: 0 });
    expect(parseRfc3339('2023-10-11T10:00:00.123456789Z')).toEqual({ seconds: 1697018400n, nanos: 123456789 });
    expect(parseRfc3339('2023-10-11T10:00:00.5Z')).toEqual({ seconds: 1697018400n, nanos: 500000000 });
    expect(parseRfc3339('0001-01-01T00:00:00Z')).toEqual({ seconds: -62135596800n, nanos: 0 });
    expect(parseRfc3339('9999-12-31T23:59:59Z')).toEqual({ seconds: 253402300799n, nanos: 0 });
    expect(parseRfc3339('2024-02-29T00:00:00Z')?.seconds).toBe(BigInt(Date.UTC(2024, 1, 29) / 1000));
  });

  it('rejects other formats and impossible dates', () => {
    for (const bad of [
      '2023-10-11', '2023-10-11 10:00:00Z', '2023-10-11T10:00:00', '2023-13-01T00:00:00Z', '2023-02-29T00:00:00Z',
      '2023-04-31T00:00:00Z', '2023-10-11T24:00:00Z', '2023-10-11T10:60:00Z', '2023-10-11T10:00:60Z',
      '2023-10-11T10:00:00.Z', '2023-10-11T10:00:00.1234567890Z', '2023-10-11T10:00:00+0200', '2023-10-11t10:00:00z', '',
    ]) {
      expect(parseRfc3339(bad), bad).toBeUndefined();
    }
  });
});
