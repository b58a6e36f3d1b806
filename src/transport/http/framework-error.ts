// fastify's own refusals (bad JSON, wrong content type, body too large) as typed errors, so that
// every route family maps them in its own error form.
import type { FastifyError } from 'fastify';
import { ErrorCode, RelataError, ValidationError } from '../../model/index.js';

export function frameworkError(error: FastifyError, bodyLimit?: number): RelataError {
  if (error instanceof RelataError) return error;
  if (error.statusCode === 413) return new ValidationError(ErrorCode.ValidationError, `invalid request: the body exceeds ${bodyLimit === undefined ? 'the size limit' : `${bodyLimit} bytes`}`);
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) return new ValidationError(ErrorCode.ValidationError, `invalid request: ${error.message}`);
  return new RelataError(ErrorCode.InternalError, 'internal server error', { cause: error });
}

