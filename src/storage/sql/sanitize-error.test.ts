import { describe, expect, it } from 'vitest';
import { ErrorCode, InternalError, UnavailableError, ValidationError } from '../../model/index.js';
import { sanitizeDriverError } from './sanitize-error.js';

const driverError = (props: Record<string, unknown>): Error => Object.assign(new Error(String(props.message ?? 'boom')), props);

describe('sanitizeDriverError', () => {
  it('maps connection failures to UnavailableError, keeping the cause', () => {
    for (const err of [
      driverError({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 10.0.0.1:5432' }),
      driverError({ code: '57P01', message: 'terminating connection due to administrator command' }),
      driverError({ code: '08006', message: 'connection failure' }),
      driverError({ message: 'Connection terminated unexpectedly' }),
      driverError({ message: 'timeout exceeded when trying to connect' }),
    ]) {
      const sanitized = sanitizeDriverError(err);
      expect(sanitized).toBeInstanceOf(UnavailableError);
      expect(sanitized.code).toBe(ErrorCode.Unavailable);
      expect(sanitized.message).toBe('datastore unavailable');
      expect(sanitized.cause).toBe(err);
    }
  });

  it('maps other driver errors to a generic InternalError', () => {
    const err = driverError({ code: '42P01', message: 'relation "tuple" does not exist' });
    const sanitized = sanitizeDriverError(err);
    expect(sanitized).toBeInstanceOf(InternalError);
    expect(sanitized.message).toBe('internal server error');
    expect(sanitized.cause).toBe(err);
    expect(sanitizeDriverError('weird')).toBeInstanceOf(InternalError);
  });

  it('passes Relata errors through unchanged', () => {
    const err = new ValidationError(ErrorCode.InvalidTuple, "invalid 'object' field");
    expect(sanitizeDriverError(err)).toBe(err);
  });
});
