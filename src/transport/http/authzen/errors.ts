// AuthZEN's error forms. A request-level error keeps the frame's HTTP status (400, 401, 403, 404,
// 429, 500 …) and carries a body of the same shape as a per-evaluation error's decision context,
// `{"error": {"status", "code", "message"}}`, so that a PEP parses one form for both; the message
// names the request field for validation errors.
import type { RelataError } from '../../../model/index.js';
import type { Logger } from '../../../observability/logger.js';
import { toHttpError } from '../error-status.js';
import type { HttpError } from '../error-status.js';

// A type alias (not an interface) so that it is a JSON object to the checker, as decision contexts are.
export type AuthzenErrorBody = {
  error: { status: number; code: string; message: string };
};

export function authzenErrorBody(mapped: HttpError): AuthzenErrorBody {
  return { error: { status: mapped.status, code: mapped.body.code, message: mapped.body.message } };
}

/** A decision that failed on its own: closed (`false`), the error in its context (spec §7.2, Errors). */
export function failedDecision(error: RelataError, logger: Logger, requestId: string): { decision: false; context: AuthzenErrorBody } {
  const mapped = toHttpError(error);
  if (mapped.internal) logger.error({ err: error, requestId }, 'AuthZEN evaluation failed');
  return { decision: false, context: authzenErrorBody(mapped) };
}
