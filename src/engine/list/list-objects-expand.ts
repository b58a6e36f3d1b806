// Reverse expansion: from the request's user up the reversed relation graph to the objects of
// the requested type. Set-at-a-time: each round takes every node's newly found object ids and
// reads every outgoing edge of them in one batched `readManyByUsers` (split only when a round
// has very many ids), so the reads grow with the depth of the walk and the size of the answer,
// never with the store. Only edges that can lead to the target are followed. Sets only grow and
// each (node, id) changes at most twice (candidate, then exact), so cycles in the model (nested
// groups, recursive parents) terminate without a depth limit.

import type { RelationTuple } from '../../model/index.js';
import type { TupleReader, UsersRead } from '../read/tuple-reader.js';
import { readManyByUsers, usersReadKey } from '../read/tuple-reader.js';
import type { NodeEdge, NodeKey, ReverseGraph, UserEdge } from './reverse-graph.js';
import { nodeKey, splitNodeKey } from './reverse-graph.js';
import { TaskLimiter } from '../read/task-limiter.js';
import { packReads } from '../read/read-batches.js';

/** The request's user, parsed: `user:anne`, `user:*` or `group:eng#member`. */
export interface ExpansionSource {
  type: string;
  id: string;
  relation: string;
}

export interface ExpansionTarget {
  type: string;
  relation: string;
}

export interface ExpansionCallbacks {
  /** An object of a target found (`target`: its index in the targets); `exact` = no Check needed. Return false to stop. */
  found(objectId: string, exact: boolean, target: number): boolean;
  /** True once the caller no longer wants results (limit, deadline, abort). */
  isStopped(): boolean;
  /** Whether a stored tuple still fits the model (tuples written under an older model may not). */
  accepts?(tuple: RelationTuple): boolean;
  /**
   * Decides a conditional tuple with the request's context: true (met: as if unconditional),
   * false (not met: it grants nothing), undefined (cannot tell, e.g. missing context: what it
   * leads to is a candidate, for Check to decide and report). Without it every conditional tuple
   * only yields candidates.
   */
  conditionMet?(tuple: RelationTuple): boolean | undefined | Promise<boolean | undefined>;
  /**
   * Whether `objectType:id#relation` holds for the request's user, for each of `objectIds` (in
   * order): true, false, or undefined when it cannot tell (the object is then left to a Check of
   * the whole relation). Used for the residuals of intersections and exclusions; without it
   * they are not used.
   */
  holds?(objectType: string, relation: string, objectIds: readonly string[]): Promise<(boolean | undefined)[]>;
}

/** id -> exact, for one node. */
type IdSet = Map<string, boolean>;

type ReadEdge = UserEdge | Exclude<NodeEdge, { kind: 'computed' }>;

/** What `reach` needs of any edge. */
type ResidualEdge = Pick<NodeEdge, 'target' | 'needsCheck' | 'residual'>;

/**
 * A walk that meets very many tuples or ids in one level (a user who sees 1M objects) hands the
 * event loop back every this many, so that the server's other requests are not held meanwhile:
 * without it the whole level ran in one macrotask (8.2 s of event-loop delay on a 1M-object
 * StreamedListObjects of the `large` bench preset).
 */
export const walkSliceSize = 4096;
const toEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** One distinct reverse read of a round and the edges that consume its tuples. */
interface RoundRead {
  read: UsersRead;
  /** Each consuming edge with its source ids (user id -> whether it is known exactly). */
  consumers: { edge: ReadEdge; sources: IdSet }[];
}

function userRelationOf(edge: ReadEdge): string {
  return edge.kind === 'userset' ? edge.userRelation : '';
}

/** The nodes of the graph from which some target can be reached: the only edges worth following. */
function leadingToAny(graph: ReverseGraph, targetKeys: readonly NodeKey[]): ReadonlySet<NodeKey> {
  if (targetKeys.length === 1) return graph.leadsTo(targetKeys[0]);
  const nodes = new Set<NodeKey>();
  for (const key of targetKeys) for (const node of graph.leadsTo(key)) nodes.add(node);
  return nodes;
}

/**
 * Runs the expansion to completion (or until stopped); the caller decides what to do with
 * candidates. Several targets share one walk: a node's ids depend only on the edges into it,
 * which a walk towards any target reaching through it follows too, so each target gets what a
 * walk of its own would find. Resolves with the number of reads issued.
 */
export async function reverseExpand(
  graph: ReverseGraph,
  reader: TupleReader,
  source: ExpansionSource,
  targets: readonly ExpansionTarget[],
  callbacks: ExpansionCallbacks,
  maxConcurrentReads: number,
): Promise<number> {
  const targetIndex = new Map<NodeKey, number>();
  for (const [i, target] of targets.entries()) targetIndex.set(nodeKey(target.type, target.relation), i);
  const leadsToTarget = leadingToAny(graph, [...targetIndex.keys()]);
  const found = new Map<NodeKey, IdSet>();
  let pending = new Map<NodeKey, IdSet>();
  let stop = false;
  let reads = 0;
  const limiter = new TaskLimiter(maxConcurrentReads);
  const stopped = (): boolean => stop || callbacks.isStopped();
  let sliceLeft = walkSliceSize;
  /** Counts one unit of work; a promise (to await) when the slice is used up. */
  const spend = (): Promise<void> | undefined => {
    if (--sliceLeft > 0) return undefined;
    sliceLeft = walkSliceSize;
    return toEventLoop();
  };

  const add = (node: NodeKey, id: string, exact: boolean): void => {
    let ids = found.get(node);
    if (!ids) found.set(node, (ids = new Map()));
    const known = ids.get(id);
    if (known === true || (known === false && !exact)) return;
    ids.set(id, exact);
    let delta = pending.get(node);
    if (!delta) pending.set(node, (delta = new Map()));
    delta.set(id, exact);
    const target = targetIndex.get(node);
    if (target !== undefined && !callbacks.found(id, exact, target)) stop = true;
  };

  // Objects reached exactly through an edge with a residual, waiting for it to be checked (all
  // of an edge's objects at once) before the next round, so that the objects it keeps join it.
  const awaitingResidual = new Map<ResidualEdge, Set<string>>();
  const holds = callbacks.holds;
  /** An object reached through an edge: exact, a candidate, or (exact so far) held for its residual. */
  const reach = (edge: ResidualEdge, id: string, exact: boolean): void => {
    if (!edge.needsCheck || !exact) add(edge.target, id, exact && !edge.needsCheck);
    else if (!edge.residual || !holds) add(edge.target, id, false);
    else {
      const ids = awaitingResidual.get(edge);
      if (ids) ids.add(id);
      else awaitingResidual.set(edge, new Set([id]));
    }
  };
  const settleResiduals = async (): Promise<void> => {
    if (!holds) return;
    const batch = [...awaitingResidual];
    awaitingResidual.clear();
    await Promise.all(batch.map(async ([edge, idSet]) => {
      const ids = [...idSet];
      const residual = edge.residual ?? [];
      const { type } = splitNodeKey(edge.target);
      let answers: (boolean | undefined)[][];
      try {
        answers = await Promise.all(residual.map((r) => holds(type, r.relation, ids)));
      } catch {
        answers = [ids.map(() => undefined)];
      }
      if (stopped()) return;
      for (const [i, id] of ids.entries()) {
        let verdict: boolean | undefined = true;
        for (const [j, conjunct] of residual.entries()) {
          const answer = answers[j]?.[i];
          if (answer === undefined) verdict = verdict === false ? false : undefined;
          else if (answer === conjunct.negated) verdict = false;
        }
        // false: the relation does not hold through this edge (another edge may still bring it).
        if (verdict !== false) add(edge.target, id, verdict === true);
      }
    }));
  };

  const round: { edge: ReadEdge; sources: IdSet }[] = [];
  const queue = (edge: ReadEdge, sources: IdSet): void => {
    if (leadsToTarget.has(edge.target)) round.push({ edge, sources });
  };
  if (source.relation) {
    // A userset as the user: its own object already "has" the relation.
    add(nodeKey(source.type, source.relation), source.id, true);
  } else {
    for (const edge of graph.userEdges(source.type)) {
      if (source.id === '*' && !edge.wildcard) continue;
      queue(edge, new Map([[edge.wildcard ? '*' : source.id, true]]));
    }
  }

  const consume = async (tuples: RelationTuple[], byKey: Map<string, RoundRead>): Promise<void> => {
    for (const tuple of tuples) {
      const turn = spend();
      if (turn) await turn;
      if (stopped()) return;
      const read = byKey.get(usersReadKey(tuple));
      if (!read) continue;
      if (callbacks.accepts && !callbacks.accepts(tuple)) continue;
      let tupleExact = true;
      if (tuple.conditionName) {
        const answer = callbacks.conditionMet?.(tuple);
        const met = answer instanceof Promise ? await answer : answer;
        if (met === false) continue;
        tupleExact = met === true;
      }
      for (const { edge, sources } of read.consumers) {
        const sourceExact = sources.get(tuple.userId);
        if (sourceExact !== undefined) reach(edge, tuple.objectId, sourceExact && tupleExact);
      }
    }
  };

  for (;;) {
    // Computed edges need no read, and residual checks end in objects: settle both first, so
    // that every read of a round sees them.
    while (pending.size > 0 || awaitingResidual.size > 0) {
      while (pending.size > 0 && !stopped()) {
        const delta = pending;
        pending = new Map();
        for (const [node, ids] of delta) {
          for (const edge of graph.nodeEdges(node)) {
            if (!leadsToTarget.has(edge.target)) continue;
            if (edge.kind !== 'computed') {
              queue(edge, ids);
              continue;
            }
            for (const [id, exact] of ids) {
              reach(edge, id, exact);
              const turn = spend();
              if (!turn) continue;
              await turn;
              if (stopped()) break;
            }
          }
        }
      }
      await settleResiduals();
      if (stopped()) return reads;
    }
    if (round.length === 0 || stopped()) break;
    const byKey = groupReads(round.splice(0));
    await Promise.all(
      packReads([...byKey.values()].map((r) => r.read), (r) => r.userIds, (r, userIds) => ({ ...r, userIds }), reader.readManyByUsers !== undefined).map((batch) =>
        limiter.run(async () => {
          if (stopped()) return;
          reads++;
          await consume(await readManyByUsers(reader, batch), byKey);
        }),
      ),
    );
  }
  return reads;
}

/** One read per distinct (type, relation, user type, user relation), over the union of its consumers' ids. */
function groupReads(tasks: { edge: ReadEdge; sources: IdSet }[]): Map<string, RoundRead> {
  const byEdge = new Map<ReadEdge, IdSet>();
  for (const { edge, sources } of tasks) {
    const merged = byEdge.get(edge);
    if (!merged) byEdge.set(edge, new Map(sources));
    else for (const [id, exact] of sources) merged.set(id, merged.get(id) === true || exact);
  }
  const byKey = new Map<string, RoundRead>();
  for (const [edge, sources] of byEdge) {
    const userRelation = userRelationOf(edge);
    const key = usersReadKey({ objectType: edge.objectType, relation: edge.readRelation, userType: edge.userType, userRelation });
    let read = byKey.get(key);
    if (!read) {
      read = { read: { objectType: edge.objectType, relation: edge.readRelation, userType: edge.userType, userRelation, userIds: [] }, consumers: [] };
      byKey.set(key, read);
    }
    read.consumers.push({ edge, sources });
  }
  for (const read of byKey.values()) {
    const ids = new Set<string>();
    for (const consumer of read.consumers) for (const id of consumer.sources.keys()) ids.add(id);
    read.read.userIds = [...ids];
  }
  return byKey;
}
