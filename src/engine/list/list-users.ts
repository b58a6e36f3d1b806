// ListUsers: every user of the requested types (objects, `type:*`, or usersets like
// `group#member`) with a relation on an object. Forward expansion finds them
// (list-users-expand.ts); Check decides the candidates of intersections, exclusions and
// conditions. Limits end the walk with a partial answer.

import { ErrorCode, RelataError, ValidationError, parseObject, preview } from '../../model/index.js';
import type { ListUsersRequest, ListedUser } from '../api.js';
import { defaultLimits } from '../api.js';
import type { ListEngineDeps } from './list-objects.js';
import type { ListOptions } from './list-limits.js';
import { resolveListOptions, stopSignal } from './list-limits.js';
import { TaskLimiter } from '../read/task-limiter.js';
import { validateContextualTuples, validateTarget } from './list-validate.js';
import { requireIdentifierText } from '../request-validation.js';
import type { UserFilter } from './list-users-expand.js';
import { forwardExpand } from './list-users-expand.js';
import { ContextualTupleReader } from '../read/contextual-reader.js';
import type { ModelIndex } from '../model-index.js';
import type { ConditionEvaluator } from '../conditions/condition-port.js';
import { missingParametersError, requestContextLimits, validateContext } from '../conditions/index.js';
import type { RelationTuple } from '../../model/index.js';
import { formatTuple } from '../../model/index.js';

export interface ListUsersResult {
  users: ListedUser[];
  truncated: boolean;
  /** Always empty today: a condition that cannot be evaluated fails the call (OpenFGA). */
  conditionFailures: { user: string; error: RelataError }[];
  readCount: number;
}

export interface ListUsersOptions extends ListOptions {
  /** Resolution depth before AuthorizationModelResolutionTooComplex (2002). Default 25. */
  maxDepth?: number;
}

function validateListUsersRequest(index: ModelIndex, request: ListUsersRequest): { type: string; id: string; filters: UserFilter[] } {
  validateContextualTuples(index, request.contextualTuples);
  if (!request.userFilters?.length) throw new ValidationError(ErrorCode.ValidationError, `invalid 'user_filters' value: at least one filter is required`);
  const filters: UserFilter[] = [];
  for (const filter of request.userFilters) {
    requireIdentifierText(filter.type, 'user_filters.type');
    requireIdentifierText(filter.relation, 'user_filters.relation');
    if (!index.hasType(filter.type)) throw new ValidationError(ErrorCode.TypeNotFound, `type '${preview(filter.type)}' not found`);
    const relation = filter.relation ?? '';
    if (relation && !index.hasRelation(filter.type, relation)) {
      throw new ValidationError(ErrorCode.RelationNotFound, `relation '${filter.type}#${preview(relation)}' not found`);
    }
    filters.push({ type: filter.type, relation });
  }
  validateContext(request.context, 'context', requestContextLimits);
  requireIdentifierText(request.object, 'object');
  requireIdentifierText(request.relation, 'relation');
  const object = parseObject(request.object ?? '');
  if (!object || object.id === '*' || object.id.includes('#')) {
    throw new ValidationError(ErrorCode.ValidationError, `invalid 'object' value: '${preview(request.object)}' must be of the form type:id`);
  }
  validateTarget(index.model, object.type, request.relation);
  return { type: object.type, id: object.id, filters };
}

async function conditionMet(conditions: ConditionEvaluator, tuple: RelationTuple, context: Record<string, unknown> | undefined): Promise<boolean> {
  const name = tuple.conditionName ?? '';
  const outcome = await conditions.evaluate(name, tuple.conditionContext, context);
  if (outcome.missingParameters.length > 0) {
    throw missingParametersError(name, formatTuple(tuple), outcome.missingParameters);
  }
  return outcome.met;
}

export function toListedUser(user: string): ListedUser {
  const colon = user.indexOf(':');
  const type = user.slice(0, colon);
  const rest = user.slice(colon + 1);
  const hash = rest.lastIndexOf('#');
  if (hash >= 0) return { userset: { type, id: rest.slice(0, hash), relation: rest.slice(hash + 1) } };
  if (rest === '*') return { wildcard: { type } };
  return { object: { type, id: rest } };
}

/** The OpenFGA string form of a listed user: `user:anne`, `user:*`, `group:eng#member`. */
export function formatListedUser(user: ListedUser): string {
  if ('object' in user) return `${user.object.type}:${user.object.id}`;
  if ('wildcard' in user) return `${user.wildcard.type}:*`;
  return `${user.userset.type}:${user.userset.id}#${user.userset.relation}`;
}

/**
 * OpenFGA's ListUsers. A candidate whose condition cannot be evaluated (missing context) fails
 * the whole call with that ValidationError, as OpenFGA does (abac_tests.yaml).
 */
export async function listUsers(deps: ListEngineDeps, request: ListUsersRequest, options: ListUsersOptions = {}): Promise<ListUsersResult> {
  const target = validateListUsersRequest(deps.index, request);
  const limits = resolveListOptions(options);
  const stop = stopSignal(limits);
  const reader = request.contextualTuples?.length ? new ContextualTupleReader(deps.reader, request.contextualTuples) : deps.reader;
  const results = new Map<string, boolean>();
  const conditions = deps.conditions;
  let exactCount = 0;
  let full = false;
  const callbacks = {
    found: (user: string, exact: boolean): void => {
      if (full || results.get(user) === true) return;
      results.set(user, exact);
      if (exact) exactCount++;
      if (limits.maxResults > 0 && exactCount >= limits.maxResults) full = true;
    },
    isStopped: () => full || stop.isStopped(),
    conditionMet: conditions ? (tuple: RelationTuple) => conditionMet(conditions, tuple, request.context) : undefined,
  };
  try {
    const walk = forwardExpand(deps.index, reader, target, request.relation, target.filters, callbacks, {
      maxDepth: options.maxDepth ?? defaultLimits.maxDepth,
      maxConcurrentReads: limits.maxConcurrentReads,
    });
    walk.catch(() => undefined); // a deadline may leave it running; its failure is then moot
    const readCount = await Promise.race([walk, stop.stopped.then(() => -1)]);

    const accepted = new Set([...results].filter(([, exact]) => exact).map(([user]) => user));
    const conditionFailures: ListUsersResult['conditionFailures'] = [];
    const checkLimiter = new TaskLimiter(limits.maxConcurrentChecks);
    const check = deps.openCheck({ contextualTuples: request.contextualTuples, context: request.context });
    const candidates = [...results].filter(([, exact]) => !exact).map(([user]) => user);
    const checks = candidates.map((user) => checkLimiter.run(async () => {
      if (stop.isStopped() || (limits.maxResults > 0 && accepted.size >= limits.maxResults)) return;
      try {
        const allowed = await check({
          object: request.object, relation: request.relation, user,
          contextualTuples: request.contextualTuples, context: request.context,
        });
        if (allowed) accepted.add(user);
      } catch (error) {
        if (error instanceof RelataError && error.code === ErrorCode.ValidationError) conditionFailures.push({ user, error });
        else throw error;
      }
    }));
    const checked = Promise.all(checks);
    checked.catch(() => undefined);
    const stoppedEarly = (await Promise.race([checked.then(() => false), stop.stopped.then(() => true)])) || readCount < 0 || stop.isStopped();
    let users = [...accepted];
    if (limits.maxResults > 0) users = users.slice(0, limits.maxResults);
    // Unlike ListObjects, OpenFGA fails a ListUsers call on any condition it cannot evaluate.
    const firstFailure = conditionFailures[0];
    if (firstFailure) throw firstFailure.error;
    return {
      users: users.map(toListedUser),
      truncated: stoppedEarly || full || users.length < accepted.size,
      conditionFailures,
      readCount: Math.max(readCount, 0),
    };
  } finally {
    stop.dispose();
  }
}
