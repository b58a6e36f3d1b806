import { describe, expect, it } from 'vitest';
import { dropUnboundedTimeout, grpcTimeoutMs } from './timeout-header.js';

describe('grpc-timeout past the timer limit', () => {
  it('parses the units', () => {
    expect(grpcTimeoutMs('720H')).toBe(2_592_000_000);
    expect(grpcTimeoutMs('10S')).toBe(10_000);
    expect(grpcTimeoutMs('5m')).toBe(5);
    expect(grpcTimeoutMs('99999999n')).toBeCloseTo(99.999999);
    expect(grpcTimeoutMs('1X')).toBeUndefined();
    expect(grpcTimeoutMs('123456789S')).toBeUndefined();
  });

  it('drops a timeout longer than 2^31-1 ms and keeps the others', () => {
    const far = { 'grpc-timeout': '720H' };
    dropUnboundedTimeout(far);
    expect(far).toEqual({});
    for (const value of ['596H', '2147483S', '99999999m', 'garbage']) {
      const headers = { 'grpc-timeout': value };
      dropUnboundedTimeout(headers);
      expect(headers).toEqual({ 'grpc-timeout': value });
    }
    const edge = { 'grpc-timeout': '2147484S' };
    dropUnboundedTimeout(edge);
    expect(edge).toEqual({});
  });
});
