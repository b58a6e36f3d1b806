import { describe, expect, it } from 'vitest';
import { parseGoDuration } from './go-duration.js';

describe('parseGoDuration (time.ParseDuration rules)', () => {
  it('parses unit sequences, fractions and signs to nanoseconds', () => {
    expect(parseGoDuration('1h30m')).toBe(5_400_000_000_000n);
    expect(parseGoDuration('1.5h')).toBe(5_400_000_000_000n);
    expect(parseGoDuration('300ms')).toBe(300_000_000n);
    expect(parseGoDuration('-1.5h')).toBe(-5_400_000_000_000n);
    expect(parseGoDuration('+10s')).toBe(10_000_000_000n);
    expect(parseGoDuration('2h45m30.5s')).toBe(9_930_500_000_000n);
    expect(parseGoDuration('1us')).toBe(1_000n);
    expect(parseGoDuration('1µs')).toBe(1_000n);
    expect(parseGoDuration('1ns')).toBe(1n);
    expect(parseGoDuration('.5s')).toBe(500_000_000n);
    expect(parseGoDuration('1.s')).toBe(1_000_000_000n);
    expect(parseGoDuration('0')).toBe(0n);
    expect(parseGoDuration('-0')).toBe(0n);
    expect(parseGoDuration('2562047h47m16.854775807s')).toBe((1n << 63n) - 1n);
  });

  it('rejects malformed or out-of-range strings', () => {
    for (const bad of ['', '1', '1d', 'h', '.s', '1h 30m', '--1s', '+', '2562047h47m16.854775808s', '1.5', 'abc']) {
      expect(parseGoDuration(bad), bad).toBeUndefined();
    }
  });
});
