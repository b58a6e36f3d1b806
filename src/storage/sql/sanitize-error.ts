// Driver errors never reach callers as such: a lost or refused connection becomes
// UnavailableError (callers fail closed), anything else InternalError; the driver error is kept
// as `cause` for the logs only.
import { InternalError, RelataError, UnavailableError } from '../../model/index.js';

const connectionErrnos = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EHOSTUNREACH', 'EPIPE', 'EAI_AGAIN']);
// SQLSTATE: admin/crash shutdown, cannot connect now, too many connections.
const unavailableStates = new Set(['57P01', '57P02', '57P03', '53300']);
const connectionMessages = [/connection terminated/i, /timeout exceeded when trying to connect/i, /connection error/i, /pool after calling end/i, /not connected/i, /PGlite is closed/i];

function field(err: unknown, name: string): string | undefined {
  if (err && typeof err === 'object' && name in err) {
    const value = (err as Record<string, unknown>)[name];
    return typeof value === 'string' ? value : undefined;
  }
  return undefined;
}

/** SQLSTATE of a driver error, when it has one. */
export function sqlState(err: unknown): string | undefined {
  const code = field(err, 'code');
  return code && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

export function isConnectionError(err: unknown): boolean {
  const code = field(err, 'code');
  if (code && (connectionErrnos.has(code) || unavailableStates.has(code) || code.startsWith('08'))) return true;
  const message = field(err, 'message') ?? '';
  return connectionMessages.some((pattern) => pattern.test(message));
}

export function sanitizeDriverError(err: unknown): RelataError {
  if (err instanceof RelataError) return err;
  if (isConnectionError(err)) return new UnavailableError('datastore unavailable', { cause: err });
  return new InternalError('internal server error', { cause: err });
}

/** Awaits a driver call; a failure comes out as `sanitizeDriverError` makes it. */
export async function sanitized<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw sanitizeDriverError(err);
  }
}
