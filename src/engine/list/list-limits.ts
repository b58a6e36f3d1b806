// Limits shared by ListObjects and ListUsers: how many results, how long, how many reads and
// Checks in flight. A limit that is hit ends the walk with the partial answer found so far.

import { defaultLimits } from '../api.js';

/** OpenFGA's default: 3 s (its result cap, 1000, is the engine's `defaultLimits.maxResults`). */
export const defaultListDeadlineMs = 3000;

/**
 * Candidate Checks in flight at once. Every candidate of a request shares one Check session, whose
 * reads are batched level by level, so many in flight cost few reads.
 */
const defaultMaxConcurrentChecks = 500;
/** Residual checks ask one relation each; the shared session batches thousands of them per read. */
const defaultMaxConcurrentResidualChecks = 5000;

export interface ListOptions {
  /** Stop after this many results; 0 = no limit. Default 1000. */
  maxResults?: number;
  /** Stop after this many milliseconds and return what was found; 0 = none. Default 3000. */
  deadlineMs?: number;
  /** Reads of one request in flight at once. Default 50. */
  maxConcurrentReads?: number;
  /** Checks of candidates in flight at once (residual checks too, when given). Default defaultMaxConcurrentChecks. */
  maxConcurrentChecks?: number;
  /** Aborts the walk (e.g. the client went away); what was found so far is returned. */
  signal?: AbortSignal;
}

export interface ResolvedListOptions {
  maxResults: number;
  deadlineMs: number;
  maxConcurrentReads: number;
  maxConcurrentChecks: number;
  maxConcurrentResidualChecks: number;
  signal?: AbortSignal;
}

export function resolveListOptions(options: ListOptions = {}): ResolvedListOptions {
  const count = (value: number | undefined, fallback: number): number =>
    value === undefined || !Number.isFinite(value) || value < 0 ? fallback : Math.floor(value);
  return {
    maxResults: count(options.maxResults, defaultLimits.maxResults),
    deadlineMs: count(options.deadlineMs, defaultListDeadlineMs),
    maxConcurrentReads: Math.max(1, count(options.maxConcurrentReads, defaultLimits.maxConcurrentReads)),
    maxConcurrentChecks: Math.max(1, count(options.maxConcurrentChecks, defaultMaxConcurrentChecks)),
    maxConcurrentResidualChecks: Math.max(1, count(options.maxConcurrentChecks, defaultMaxConcurrentResidualChecks)),
    signal: options.signal,
  };
}

/**
 * Resolves when the deadline passes or the signal aborts, whichever is first; `dispose` clears
 * the timer so that a finished walk does not keep the process alive.
 */
export function stopSignal(options: ResolvedListOptions): { stopped: Promise<void>; isStopped: () => boolean; dispose: () => void } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const promise = new Promise<void>((resolve) => {
    const stop = (): void => {
      stopped = true;
      resolve();
    };
    // Past Node's timer limit (2^31-1 ms) setTimeout fires at once: such a deadline never stops.
    if (options.deadlineMs > 0 && options.deadlineMs <= 2 ** 31 - 1) timer = setTimeout(stop, options.deadlineMs);
    if (options.signal) {
      if (options.signal.aborted) stop();
      onAbort = stop;
      options.signal.addEventListener('abort', onAbort, { once: true });
    }
  });
  return {
    stopped: promise,
    isStopped: () => stopped,
    dispose: () => {
      if (timer) clearTimeout(timer);
      if (onAbort) options.signal?.removeEventListener('abort', onAbort);
    },
  };
}
