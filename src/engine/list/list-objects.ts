// ListObjects: every object of a type on which a user has a relation. Reverse expansion finds
// the objects (list-objects-expand.ts); Check decides only the candidates that an intersection,
// an exclusion or a condition made uncertain, and of an object reached exactly only the other
// side of the operator (list-objects-residual.ts). Limits end the walk with a partial answer.

import type { TupleKey } from '../../model/index.js';
import { ErrorCode, RelataError } from '../../model/index.js';
import type { CheckRequest, ListObjectsRequest } from '../api.js';
import type { RelationTuple } from '../../model/index.js';
import type { TupleReader } from '../read/tuple-reader.js';
import type { ModelIndex } from '../model-index.js';
import type { ConditionEvaluator, ConditionOutcome } from '../conditions/condition-port.js';
import { ContextualTupleReader } from '../read/contextual-reader.js';
import type { ReverseGraph } from './reverse-graph.js';
import { buildReverseGraph } from './reverse-graph.js';
import { reverseExpand } from './list-objects-expand.js';
import type { ExpansionSource, ExpansionTarget } from './list-objects-expand.js';
import type { ListOptions } from './list-limits.js';
import { resolveListOptions, stopSignal } from './list-limits.js';
import { TaskLimiter } from '../read/task-limiter.js';
import { validateListObjectsRequest } from './list-validate.js';
import { residualChecker } from './list-objects-residual.js';

/** Decides one candidate exactly: Check bound to the same model, reader and consistency point. */
export type CandidateCheck = (request: CheckRequest) => Promise<boolean>;

export interface ListEngineDeps {
  index: ModelIndex;
  /** Stored tuples; the request's contextual tuples are layered on top. */
  reader: TupleReader;
  /**
   * Opens the Check of one request's candidates, bound to its contextual tuples and context: all
   * of them share one session, so their reads are batched (Engine.candidateChecker).
   */
  openCheck: (request: { contextualTuples?: TupleKey[]; context?: Record<string, unknown> }) => CandidateCheck;
  /** Reverse graph of the model, when the caller caches it per model. */
  graph?: ReverseGraph;
  /**
   * Conditions, for ListUsers to decide conditional tuples as it walks (OpenFGA fails ListUsers
   * on any condition lacking context). Without it, conditional tuples go through Check.
   */
  conditions?: ConditionEvaluator;
}

/** A candidate whose condition could not be evaluated (e.g. a missing context parameter). */
export interface ConditionFailure {
  object: string;
  error: RelataError;
}

export interface ListObjectsResult {
  objects: string[];
  /** True when a limit (max results, deadline, abort) ended the walk early. */
  truncated: boolean;
  /** Candidates left out because their condition could not be evaluated. */
  conditionFailures: ConditionFailure[];
  readCount: number;
}

/** Condition evaluation errors exclude one object; anything else fails the whole call. */
function isConditionFailure(error: unknown): error is RelataError {
  return error instanceof RelataError && error.code === ErrorCode.ValidationError;
}

/**
 * A conditional tuple's condition under the request's context: met or not, or undefined when it
 * cannot be evaluated here (missing parameters, a bad value): the Check of the candidate then
 * reports why, for that object alone.
 */
function evaluateCondition(conditions: ConditionEvaluator, t: RelationTuple, context: Record<string, unknown> | undefined): boolean | undefined | Promise<boolean | undefined> {
  const decide = (outcome: ConditionOutcome): boolean | undefined => (outcome.missingParameters.length > 0 ? undefined : outcome.met);
  try {
    const outcome = conditions.evaluate(t.conditionName ?? '', t.conditionContext, context);
    return outcome instanceof Promise ? outcome.then(decide, () => undefined) : decide(outcome);
  } catch {
    return undefined;
  }
}

/** Several `type#relation` targets of one user, listed by one walk (list-permissions.ts). */
export interface ListTargetsRequest {
  targets: readonly ExpansionTarget[];
  user: string;
  contextualTuples?: TupleKey[];
  context?: Record<string, unknown>;
}

/** A candidate of `targets[target]` whose condition could not be evaluated. */
export interface TargetConditionFailure extends ConditionFailure {
  target: number;
}

/**
 * Streams the objects as they are found (unordered, no duplicates per target), calling
 * `onObject` for each; it returns false to stop. Shared by the unary, streamed and paged forms
 * of ListObjects (one target) and by permission snapshots (many). `maxResults` counts objects of
 * every target together. The request is validated by the caller, which passes the parsed user.
 */
async function runListTargets(
  deps: ListEngineDeps,
  request: ListTargetsRequest,
  source: ExpansionSource,
  options: ListOptions,
  onObject: (target: number, object: string) => boolean,
): Promise<{ truncated: boolean; conditionFailures: TargetConditionFailure[]; readCount: number }> {
  const { targets } = request;
  const limits = resolveListOptions(options);
  const stop = stopSignal(limits);
  const graph = deps.graph ?? buildReverseGraph(deps.index.model);
  const reader = request.contextualTuples?.length ? new ContextualTupleReader(deps.reader, request.contextualTuples) : deps.reader;
  const index = deps.index;
  const accepts = (t: RelationTuple): boolean =>
    index.allowsUser(t.objectType, t.relation, t.userType, t.userId, t.userRelation, t.conditionName ?? '');
  const check = deps.openCheck({ contextualTuples: request.contextualTuples, context: request.context });
  const emitted = targets.map(() => new Set<string>());
  const checking = targets.map(() => new Set<string>());
  let emittedCount = 0;
  const checks: Promise<void>[] = [];
  const checkLimiter = new TaskLimiter(limits.maxConcurrentChecks);
  const conditions = deps.conditions;
  const conditionMet = conditions ? (t: RelationTuple) => evaluateCondition(conditions, t, request.context) : undefined;
  const holds = residualChecker({
    index, reader, user: source, requestUser: request.user, check, conditionMet,
    contextualTuples: request.contextualTuples, context: request.context,
    maxConcurrentChecks: limits.maxConcurrentResidualChecks,
  });
  const conditionFailures: TargetConditionFailure[] = [];
  let halted = false;
  let failure: unknown;

  const emit = (target: number, id: string): boolean => {
    const seen = emitted[target];
    if (halted || seen.has(id)) return !halted;
    seen.add(id);
    emittedCount++;
    if (!onObject(target, `${targets[target].type}:${id}`)) halted = true;
    else if (limits.maxResults > 0 && emittedCount >= limits.maxResults) halted = true;
    return !halted;
  };
  const isStopped = (): boolean => halted || failure !== undefined || stop.isStopped();

  const found = (id: string, exact: boolean, target: number): boolean => {
    if (exact) return emit(target, id);
    if (checking[target].has(id) || emitted[target].has(id)) return true;
    checking[target].add(id);
    const { type, relation } = targets[target];
    const object = `${type}:${id}`;
    checks.push(checkLimiter.run(async () => {
      if (isStopped() || emitted[target].has(id)) return;
      try {
        const allowed = await check({
          object, relation, user: request.user,
          contextualTuples: request.contextualTuples, context: request.context,
        });
        if (allowed && !stop.isStopped()) emit(target, id);
      } catch (error) {
        if (isConditionFailure(error)) conditionFailures.push({ object, error, target });
        else failure ??= error;
      }
    }));
    return true;
  };

  try {
    const walk = (async () => {
      const callbacks = { found, isStopped, accepts, holds, conditionMet };
      const readCount = await reverseExpand(graph, reader, source, targets, callbacks, limits.maxConcurrentReads);
      // Checks started while the walk ran; more may have been queued by the last round.
      for (let done = 0; done < checks.length; done = checks.length) await Promise.all(checks.slice(done));
      return readCount;
    })();
    walk.catch(() => undefined); // a deadline may leave it running; its failure is then moot
    const readCount = await Promise.race([walk, stop.stopped.then(() => -1)]);
    if (failure !== undefined) throw failure;
    const truncated = readCount < 0 || halted || stop.isStopped();
    return { truncated, conditionFailures, readCount: Math.max(readCount, 0) };
  } finally {
    halted = true;
    stop.dispose();
  }
}

/** ListObjects as a one-target run (async: a validation error rejects, never throws). */
async function runListObjects(
  deps: ListEngineDeps,
  request: ListObjectsRequest,
  options: ListOptions,
  onObject: (object: string) => boolean,
): Promise<Omit<ListObjectsResult, 'objects'>> {
  const source = validateListObjectsRequest(deps.index, request);
  const targets = [{ type: request.type, relation: request.relation }];
  return await runListTargets(deps, { ...request, targets }, source, options, (_target, object) => onObject(object));
}

/** The objects of every target found by one walk (up to the limits); condition failures only reported. */
export async function collectListTargets(
  deps: ListEngineDeps,
  request: ListTargetsRequest,
  source: ExpansionSource,
  options: ListOptions = {},
): Promise<{ objects: string[][]; truncated: boolean; conditionFailures: TargetConditionFailure[]; readCount: number }> {
  const objects = request.targets.map((): string[] => []);
  const outcome = await runListTargets(deps, request, source, options, (target, object) => {
    objects[target].push(object);
    return true;
  });
  return { objects, ...outcome };
}

/**
 * OpenFGA's ListObjects: at most `maxResults` objects (unordered). When nothing was found and
 * some candidates failed on their condition, the first such error is thrown, as OpenFGA does;
 * otherwise those objects are only left out and reported in `conditionFailures`.
 */
export async function listObjects(deps: ListEngineDeps, request: ListObjectsRequest, options: ListOptions = {}): Promise<ListObjectsResult> {
  const result = await collectListObjects(deps, request, options);
  const firstFailure = result.conditionFailures[0];
  if (result.objects.length === 0 && firstFailure) throw firstFailure.error;
  return result;
}

/** Every object found (up to the limits), condition failures only reported, never thrown. */
export async function collectListObjects(deps: ListEngineDeps, request: ListObjectsRequest, options: ListOptions = {}): Promise<ListObjectsResult> {
  const objects: string[] = [];
  const outcome = await runListObjects(deps, request, options, (object) => {
    objects.push(object);
    return true;
  });
  return { objects, ...outcome };
}

/**
 * StreamedListObjects: objects as they are found. Like OpenFGA's streamed form it ignores
 * `maxResults` unless one is given explicitly; the deadline still applies.
 */
export function streamListObjects(deps: ListEngineDeps, request: ListObjectsRequest, options: ListOptions = {}): AsyncIterable<string> {
  return {
    [Symbol.asyncIterator]: () => {
      // Taken from `head` on, never with shift(): shifting a long array is linear, so a large
      // answer drained one object at a time would cost quadratic time.
      let queue: string[] = [];
      let head = 0;
      let wake: (() => void) | undefined;
      let finished = false;
      let error: unknown;
      let yielded = 0;
      const controller = new AbortController();
      const signal = options.signal ? AbortSignal.any([options.signal, controller.signal]) : controller.signal;
      const notify = (): void => {
        wake?.();
        wake = undefined;
      };
      runListObjects(deps, request, { maxResults: 0, ...options, signal }, (object) => {
        queue.push(object);
        notify();
        return true;
      }).then((outcome) => {
        const firstFailure = outcome.conditionFailures[0];
        if (yielded + queue.length - head === 0 && firstFailure) error = firstFailure.error;
      }, (reason: unknown) => {
        error = reason;
      }).finally(() => {
        finished = true;
        notify();
      });
      return {
        async next(): Promise<IteratorResult<string>> {
          for (;;) {
            if (head < queue.length) {
              const object = queue[head++];
              if (head === queue.length) {
                queue = [];
                head = 0;
              }
              yielded++;
              return { value: object, done: false };
            }
            if (finished) {
              if (error !== undefined) throw error;
              return { value: undefined, done: true };
            }
            await new Promise<void>((resolve) => (wake = resolve));
          }
        },
        async return(): Promise<IteratorResult<string>> {
          controller.abort();
          finished = true;
          return { value: undefined, done: true };
        },
      };
    },
  };
}
