// Forward expansion for ListUsers: from the object down the model's rewrites to the users of the
// requested types. Set-at-a-time like the reverse walk: each round reads every (type, relation)
// newly reached, over every object id newly reached, in one `readManyByObjects` (split only when
// a round has very many ids), so cost follows the answer and the depth of the walk. Paths
// through an intersection, an exclusion or a conditional tuple only yield candidates, for Check.

import { ErrorCode, RelataError } from '../../model/index.js';
import type { Userset } from '../../model/index.js';
import type { RelationTuple } from '../../model/index.js';
import type { ObjectsRead, TupleReader } from '../read/tuple-reader.js';
import { readManyByObjects } from '../read/tuple-reader.js';
import { packReads } from '../read/read-batches.js';
import type { ModelIndex } from '../model-index.js';
import { TaskLimiter } from '../read/task-limiter.js';
import { splitNodeKey } from './reverse-graph.js';

export interface UserFilter {
  type: string;
  /** '' for objects and wildcards of the type; a relation for usersets. */
  relation: string;
}

export interface ForwardCallbacks {
  /** A user (`user:anne`, `user:*`, `group:eng#member`) found; `exact` = no Check needed. */
  found(user: string, exact: boolean): void;
  isStopped(): boolean;
  /**
   * Decides a conditional tuple on the spot: true/false, or throws (missing context fails the
   * call, as in OpenFGA). Without it such tuples only yield candidates for Check.
   */
  conditionMet?(tuple: RelationTuple): Promise<boolean>;
}

type IdSet = Map<string, boolean>;

interface Consumer {
  kind: 'direct' | 'ttu';
  /** For a TTU: the relation to follow on the objects the tupleset points at. */
  computed: string;
  /** object id -> exact */
  sources: IdSet;
}

interface PendingRead {
  objectType: string;
  relation: string;
  consumers: Consumer[];
}

export async function forwardExpand(
  index: ModelIndex,
  reader: TupleReader,
  object: { type: string; id: string },
  relation: string,
  filters: readonly UserFilter[],
  callbacks: ForwardCallbacks,
  limits: { maxDepth: number; maxConcurrentReads: number },
): Promise<number> {
  const found = new Map<string, IdSet>();
  let pending = new Map<string, IdSet>();
  let depth = 0;
  let reads = 0;
  const limiter = new TaskLimiter(limits.maxConcurrentReads);
  const wantsObjects = new Set(filters.filter((f) => !f.relation).map((f) => f.type));
  const wantsUsersets = new Set(filters.filter((f) => f.relation).map((f) => `${f.type}#${f.relation}`));

  const add = (type: string, rel: string, id: string, exact: boolean): void => {
    const key = `${type}#${rel}`;
    let ids = found.get(key);
    if (!ids) found.set(key, (ids = new Map()));
    const known = ids.get(id);
    if (known === true || (known === false && !exact)) return;
    if (known === undefined && depth > limits.maxDepth) {
      throw new RelataError(ErrorCode.AuthorizationModelResolutionTooComplex, 'Authorization Model resolution required too many rewrite resolutions to be completed');
    }
    ids.set(id, exact);
    let delta = pending.get(key);
    if (!delta) pending.set(key, (delta = new Map()));
    delta.set(id, exact);
    if (wantsUsersets.has(key)) callbacks.found(`${type}:${id}#${rel}`, exact);
  };

  const onDirect = (tuple: RelationTuple, exact: boolean): void => {
    if (tuple.userRelation) {
      add(tuple.userType, tuple.userRelation, tuple.userId, exact);
    } else if (wantsObjects.has(tuple.userType)) {
      callbacks.found(`${tuple.userType}:${tuple.userId}`, exact);
    }
  };

  /** Turns one level of newly reached (type#relation -> ids) into reads, and computed relations into more ids. */
  const visitLevel = (level: Map<string, IdSet>, queueRead: (objectType: string, rel: string, consumer: Consumer) => void): void => {
    for (const [key, delta] of level) {
      const { type, relation: rel } = splitNodeKey(key);
      const visit = (rewrite: Userset | undefined, needsCheck: boolean): void => {
        if (!rewrite) return;
        const sources = (): IdSet => {
          if (!needsCheck) return delta;
          return new Map([...delta.keys()].map((id) => [id, false]));
        };
        if ('this' in rewrite) queueRead(type, rel, { kind: 'direct', computed: '', sources: sources() });
        else if ('computedUserset' in rewrite) {
          const target = rewrite.computedUserset.relation ?? '';
          if (index.hasRelation(type, target)) for (const [id, exact] of sources()) add(type, target, id, exact);
        } else if ('tupleToUserset' in rewrite) {
          queueRead(type, rewrite.tupleToUserset.tupleset.relation ?? '', {
            kind: 'ttu', computed: rewrite.tupleToUserset.computedUserset.relation ?? '', sources: sources(),
          });
        } else if ('union' in rewrite) {
          for (const child of rewrite.union.child) visit(child, needsCheck);
        } else if ('intersection' in rewrite) {
          // Every child, not one: a wildcard on one side meets concrete users on the other
          // (`[user:*] and allowed` lists the allowed users), and Check settles each.
          for (const child of rewrite.intersection.child) visit(child, true);
        } else {
          visit(rewrite.difference.base, true);
        }
      };
      visit(index.rewrite(type, rel), false);
    }
  };

  add(object.type, relation, object.id, true);
  while (pending.size > 0 && !callbacks.isStopped()) {
    const readsOfRound = new Map<string, PendingRead>();
    const queueRead = (objectType: string, rel: string, consumer: Consumer): void => {
      const key = `${objectType}#${rel}`;
      let read = readsOfRound.get(key);
      if (!read) readsOfRound.set(key, (read = { objectType, relation: rel, consumers: [] }));
      read.consumers.push(consumer);
    };
    // Computed relations need no read: follow them (a level each) before this round's reads, so
    // that `viewer -> editor -> owner` costs one round, not three.
    for (let round = pending; round.size > 0; round = pending) {
      pending = new Map();
      depth++;
      visitLevel(round, queueRead);
    }
    const consume = async (tuples: RelationTuple[]): Promise<void> => {
      for (const tuple of tuples) {
        const read = readsOfRound.get(`${tuple.objectType}#${tuple.relation}`);
        if (!read) continue;
        if (!index.allowsUser(tuple.objectType, tuple.relation, tuple.userType, tuple.userId, tuple.userRelation, tuple.conditionName ?? '')) continue;
        for (const consumer of read.consumers) {
          const sourceExact = consumer.sources.get(tuple.objectId);
          if (sourceExact === undefined) continue;
          let exact = sourceExact && !tuple.conditionName;
          if (tuple.conditionName && callbacks.conditionMet) {
            if (!(await callbacks.conditionMet(tuple))) continue;
            exact = sourceExact;
          }
          if (consumer.kind === 'direct') onDirect(tuple, exact);
          else if (!tuple.userRelation && tuple.userId !== '*' && index.hasRelation(tuple.userType, consumer.computed)) {
            add(tuple.userType, consumer.computed, tuple.userId, exact);
          }
        }
      }
    };
    const batches = packReads(
      [...readsOfRound.values()].map((read): ObjectsRead => ({ objectType: read.objectType, relation: read.relation, objectIds: objectIdsOf(read) })),
      (r) => r.objectIds,
      (r, objectIds) => ({ ...r, objectIds }),
      reader.readManyByObjects !== undefined,
    );
    await Promise.all(batches.map((batch) => limiter.run(async () => {
      if (callbacks.isStopped()) return;
      reads++;
      await consume(await readManyByObjects(reader, batch));
    })));
  }
  return reads;
}

/** The distinct object ids a pending read serves, over all its consumers. */
function objectIdsOf(read: PendingRead): string[] {
  const ids = new Set<string>();
  for (const consumer of read.consumers) for (const id of consumer.sources.keys()) ids.add(id);
  return [...ids];
}
