// The bookkeeping of one resolution path: the chain of `object#relation` sub-problems that led
// to the current one (a sub-problem met again on its own chain is a cycle), and, for recursive
// relations, the wait-for graph between evaluations in flight that lets them be shared without
// ever waiting on each other in a circle.

import { ErrorCode } from '../../model/index.js';
import type { Outcome } from './set-operators.js';

export interface PathNode {
  key: string;
  parent?: PathNode;
  /** Set for recursive relations: the evaluation others may wait on. */
  task?: Task;
}

/** An evaluation of a recursive relation in flight, and the evaluations it waits on. */
export interface Task {
  waitsOn: Task[];
  done: boolean;
  /** The depth it started at. */
  depth: number;
  promise: Promise<Outcome>;
}

export function tooDeep(outcome: Outcome): boolean {
  return outcome.error?.code === ErrorCode.AuthorizationModelResolutionTooComplex;
}

/** Whether `from` waits, directly or transitively, on `target` (finished tasks wait on nothing). */
export function waitsOn(from: Task, target: Task): boolean {
  const seen = new Set<Task>();
  const stack = [from];
  while (stack.length > 0) {
    const task = stack.pop() as Task;
    if (task === target) return true;
    if (task.done || seen.has(task)) continue;
    seen.add(task);
    for (const next of task.waitsOn) stack.push(next);
  }
  return false;
}

/** Whether `key` is already being resolved on this path. */
export function onPath(path: PathNode | undefined, key: string): boolean {
  for (let node = path; node; node = node.parent) if (node.key === key) return true;
  return false;
}
