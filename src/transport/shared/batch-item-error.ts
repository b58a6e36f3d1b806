// Shared by both transports. The edge of a failed BatchCheck item: the service hands each item's typed error here, and this
// one mapping turns it into what the API reports (OpenFGA's CheckError: an input_error or
// internal_error code and a message), whether the cache answered or not. Internal causes are
// logged with the request id, never sent (as for a whole call's error in call.ts).
import { ErrorCode, RelataError, newDict } from '../../model/index.js';
import type { Logger } from '../../observability/logger.js';
import type { BatchCheckResult } from '../../service/index.js';

/** OpenFGA's public message for anything internal (as the transports send for a whole call). */
export const internalItemMessage = 'Internal Server Error';

export interface ItemError {
  code: number;
  message: string;
}

/** What the API reports for an item whose evaluation threw `error`. */
export function batchItemError(error: unknown): ItemError {
  if (error instanceof RelataError && error.code !== ErrorCode.InternalError) return { code: error.code, message: error.message };
  return { code: ErrorCode.InternalError, message: internalItemMessage };
}

/** Codes of failures that are ours, not the caller's (their causes are logged). */
function isInternalItemError(error: ItemError): boolean {
  return error.code >= 4000 && error.code < 5000;
}

/** Collects the internal failures of one BatchCheck and logs them once, with their causes. */
export function itemFailureLog(logger: Logger, requestId: string | undefined) {
  const failed: { correlationId: string; cause: unknown }[] = [];
  return {
    report(correlationId: string, error: ItemError, cause: unknown): void {
      if (isInternalItemError(error)) failed.push({ correlationId, cause });
    },
    flush(): void {
      if (failed.length === 0) return;
      const [first] = failed;
      logger.error(
        { requestId, failed: failed.length, correlationIds: failed.slice(0, 10).map((f) => f.correlationId), err: first.cause },
        'batch check items failed',
      );
    },
  };
}

/**
 * A BatchCheck's results keyed by correlation id in a prototype-free dictionary (the ids are the
 * caller's: `__proto__` must stay a key), each failed item mapped by batchItemError and encoded
 * by the transport's `encodeError`; internal causes are logged once.
 */
export function batchCheckResults<E>(
  results: Map<string, BatchCheckResult>,
  logger: Logger,
  requestId: string | undefined,
  encodeError: (error: ItemError) => E,
): Record<string, { allowed: boolean } | { error: E }> {
  const out = newDict<{ allowed: boolean } | { error: E }>();
  const failures = itemFailureLog(logger, requestId);
  for (const [id, outcome] of results) {
    if ('allowed' in outcome) out[id] = { allowed: outcome.allowed };
    else {
      const error = batchItemError(outcome.error);
      failures.report(id, error, outcome.error.cause ?? outcome.error);
      out[id] = { error: encodeError(error) };
    }
  }
  failures.flush();
  return out;
}
