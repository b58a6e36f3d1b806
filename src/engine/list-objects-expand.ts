// Reverse expansion: from the request's user up the reversed relation graph to the objects of
// the requested type. Set-at-a-time: each round takes every node's newly found object ids and
// issues one batched `readByUsers` per outgoing edge, so the reads grow with the answer, not the
// store. Sets only grow and each (node, id) changes at most twice (candidate, then exact), so
// cycles in the model (nested groups, recursive parents) terminate without a depth limit.

import type { RelationTuple, TupleReader } from './tuple-reader.js';
import type { NodeEdge, NodeKey, ReverseGraph, UserEdge } from './list-objects-graph.js';
import { nodeKey } from './list-objects-graph.js';
import { TaskLimiter } from './list-objects-limits.js';

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
  /** An object of the target type found; `exact` = no Check needed. Return false to stop. */
  found(objectId: string, exact: boolean): boolean;
  /** True once the caller no longer wants results (limit, deadline, abort). */
  isStopped(): boolean;
  /** Whether a stored tuple still fits the model (tuples written under an older model may not). */
  accepts?(tuple: RelationTuple): boolean;
}

/** id -> exact, for one node. */
type IdSet = Map<string, boolean>;

interface ReadTask {
  edge: UserEdge | Exclude<NodeEdge, { kind: 'computed' }>;
  userRelation: string;
  /** user id -> whether it is known exactly (not a candidate). */
  sources: IdSet;
}

/**
 * Runs the expansion to completion (or until stopped); the caller decides what to do with
 * candidates. Resolves with the number of reads issued.
 */
export async function reverseExpand(
  graph: ReverseGraph,
  reader: TupleReader,
  source: ExpansionSource,
  target: ExpansionTarget,
  callbacks: ExpansionCallbacks,
  maxConcurrentReads: number,
): Promise<number> {
  const targetKey = nodeKey(target.type, target.relation);
  const found = new Map<NodeKey, IdSet>();
  let pending = new Map<NodeKey, IdSet>();
  let stop = false;
  let reads = 0;
  const limiter = new TaskLimiter(maxConcurrentReads);

  const add = (node: NodeKey, id: string, exact: boolean): void => {
    let ids = found.get(node);
    if (!ids) found.set(node, (ids = new Map()));
    const known = ids.get(id);
    if (known === true || (known === false && !exact)) return;
    ids.set(id, exact);
    let delta = pending.get(node);
    if (!delta) pending.set(node, (delta = new Map()));
    delta.set(id, exact);
    if (node === targetKey && !callbacks.found(id, exact)) stop = true;
  };

  const tasks: ReadTask[] = [];
  if (source.relation) {
    // A userset as the user: its own object already "has" the relation.
    add(nodeKey(source.type, source.relation), source.id, true);
  } else {
    for (const edge of graph.userEdges(source.type)) {
      if (source.id === '*' && !edge.wildcard) continue;
      const id = edge.wildcard ? '*' : source.id;
      tasks.push({ edge, userRelation: '', sources: new Map([[id, true]]) });
    }
  }

  const runRead = async (task: ReadTask): Promise<void> => {
    if (stop || callbacks.isStopped()) return;
    const { edge } = task;
    reads++;
    const tuples = await reader.readByUsers({
      objectType: edge.objectType,
      relation: edge.readRelation,
      userType: edge.userType,
      userIds: [...task.sources.keys()],
      userRelation: task.userRelation,
    });
    for (const tuple of tuples) {
      if (stop || callbacks.isStopped()) return;
      const sourceExact = task.sources.get(tuple.userId);
      if (sourceExact === undefined || tuple.userRelation !== task.userRelation) continue;
      if (callbacks.accepts && !callbacks.accepts(tuple)) continue;
      add(edge.target, tuple.objectId, sourceExact && !edge.needsCheck && !tuple.conditionName);
    }
  };

  while (!stop && !callbacks.isStopped()) {
    // Computed edges need no read: settle them first so that every read of a round sees them.
    while (pending.size > 0) {
      const round = pending;
      pending = new Map();
      for (const [node, delta] of round) {
        for (const edge of graph.nodeEdges(node)) {
          if (edge.kind === 'computed') {
            for (const [id, exact] of delta) add(edge.target, id, exact && !edge.needsCheck);
          } else {
            tasks.push({ edge, userRelation: edge.kind === 'userset' ? edge.userRelation : '', sources: delta });
          }
        }
      }
    }
    if (tasks.length === 0 || stop) break;
    const batch = mergeTasks(tasks.splice(0));
    await Promise.all(batch.map((task) => limiter.run(() => runRead(task))));
  }
  return reads;
}

/** One read per distinct edge per round, over the union of its source ids. */
function mergeTasks(tasks: ReadTask[]): ReadTask[] {
  const merged = new Map<string, ReadTask>();
  for (const task of tasks) {
    const { edge } = task;
    const key = [edge.kind, edge.target, edge.objectType, edge.readRelation, edge.userType, task.userRelation, edge.needsCheck].join('|');
    const existing = merged.get(key);
    if (!existing) {
      merged.set(key, { ...task, sources: new Map(task.sources) });
      continue;
    }
    for (const [id, exact] of task.sources) existing.sources.set(id, existing.sources.get(id) === true || exact);
  }
  return [...merged.values()];
}
