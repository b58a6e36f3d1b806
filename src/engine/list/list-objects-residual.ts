// The residual checks of ListObjects: for an object reached exactly through the base of
// `viewer but not blocked` (or one side of `owner and editor`), does the other relation hold for
// the request's user? A relation granted only directly to users (`blocked: [user]`) is answered
// for every object at once from one reverse read of the user's grants on it, which costs what
// the user's grants cost, whatever the number of candidates; any other relation goes through
// the request's shared Check session, whose reads are batched across objects.

import type { CheckRequest } from '../api.js';
import type { CandidateCheck } from './list-objects.js';
import type { ExpansionSource } from './list-objects-expand.js';
import { TaskLimiter } from '../read/task-limiter.js';
import type { ModelIndex } from '../model-index.js';
import type { RelationTuple } from '../../model/index.js';
import type { TupleReader } from '../read/tuple-reader.js';

/** For each object id (in order): true / false, or undefined when undecidable here (the candidate then gets a full Check). */
export type Holds = (objectType: string, relation: string, objectIds: readonly string[]) => Promise<(boolean | undefined)[]>;

export interface ResidualDeps {
  index: ModelIndex;
  /** The request's reader (contextual tuples included). */
  reader: TupleReader;
  user: ExpansionSource;
  /** The request's user as written, for Check. */
  requestUser: string;
  check: CandidateCheck;
  /** Checks in flight at once. */
  maxConcurrentChecks: number;
  conditionMet?(tuple: RelationTuple): boolean | undefined | Promise<boolean | undefined>;
  contextualTuples?: CheckRequest['contextualTuples'];
  context?: CheckRequest['context'];
}

export function residualChecker(deps: ResidualDeps): Holds {
  const { index, user } = deps;
  const limiter = new TaskLimiter(deps.maxConcurrentChecks);
  /** `type#relation` -> object id -> holds (absent: false). */
  const grantSets = new Map<string, Promise<Map<string, boolean | undefined>>>();

  const grantsOf = (objectType: string, relation: string): Promise<Map<string, boolean | undefined>> => {
    const key = `${objectType}#${relation}`;
    let set = grantSets.get(key);
    if (!set) {
      set = readGrants(deps, objectType, relation);
      grantSets.set(key, set);
    }
    return set;
  };

  const checkOne = async (objectType: string, relation: string, objectId: string): Promise<boolean | undefined> => {
    try {
      return await limiter.run(() =>
        deps.check({ object: `${objectType}:${objectId}`, relation, user: deps.requestUser, contextualTuples: deps.contextualTuples, context: deps.context }),
      );
    } catch {
      // Undecidable here (a condition lacking context): the candidate's full Check reports it.
      return undefined;
    }
  };

  return async (objectType, relation, objectIds) => {
    if (user.relation || !index.isFlatDirect(objectType, relation)) return Promise.all(objectIds.map((id) => checkOne(objectType, relation, id)));
    let grants: Map<string, boolean | undefined>;
    try {
      grants = await grantsOf(objectType, relation);
    } catch {
      return objectIds.map(() => undefined);
    }
    return objectIds.map((id) => (grants.has(id) ? grants.get(id) : false));
  };
}

/**
 * Every object of the type on which the user (or, for any user, the type's wildcard) is granted
 * `relation` directly, as Check's direct lookup decides it tuple by tuple: a met condition
 * grants, an unmet one does not, an undecidable one leaves the object undecided.
 */
async function readGrants(deps: ResidualDeps, objectType: string, relation: string): Promise<Map<string, boolean | undefined>> {
  const { user } = deps;
  const tuples = await deps.reader.readByUsers({
    objectType, relation, userType: user.type, userIds: user.id === '*' ? ['*'] : [user.id, '*'], userRelation: '',
  });
  const grants = new Map<string, boolean | undefined>();
  for (const t of tuples) {
    if (t.userRelation !== '' || grants.get(t.objectId) === true) continue;
    if (!deps.index.allowsUser(objectType, relation, t.userType, t.userId, '', t.conditionName ?? '')) continue;
    let met: boolean | undefined = true;
    if (t.conditionName) {
      const answer = deps.conditionMet?.(t);
      met = answer instanceof Promise ? await answer : answer;
    }
    if (met === true) grants.set(t.objectId, true);
    else if (met === undefined) grants.set(t.objectId, undefined);
  }
  return grants;
}
