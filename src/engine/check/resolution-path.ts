// The bookkeeping of one resolution path: the sub-problem being resolved, the chain of
// sub-problems that led to it (a sub-problem met again on its own chain is a cycle), and, for
// recursive relations, the wait-for graph between evaluations in flight that lets them be shared
// without ever waiting on each other in a circle.

import type { UserRef } from '../../model/index.js';
import { ErrorCode, formatUser } from '../../model/index.js';
import type { MaybeOutcome, Outcome } from './set-operators.js';

/**
 * "Does `type:id#relation` include the user?" at one point of a Check's resolution tree: the
 * question, the path that asked it and its depth (as OpenFGA's ResolveCheckRequest). Each step
 * down the tree is one `child()`, which is the only allocation a step needs.
 */
export class SubProblem {
  /**
   * Set once, when a recursive relation starts its own evaluation: what the sub-problems below it
   * register their waits against. The only field that changes, and only before any child exists.
   */
  task: Task | undefined;
  private memoKey: string | undefined;

  private constructor(
    readonly type: string,
    readonly id: string,
    readonly relation: string,
    readonly user: UserRef,
    /** `formatUser(user)`, formatted once per Check. */
    readonly userKey: string,
    readonly parent: SubProblem | undefined,
    readonly depth: number,
  ) {
    this.task = undefined;
    this.memoKey = undefined;
  }

  /** The question a Check asks, at depth 0. */
  static root(type: string, id: string, relation: string, user: UserRef, userKey = formatUser(user)): SubProblem {
    return new SubProblem(type, id, relation, user, userKey, undefined, 0);
  }

  /** The same user asked of `type:id#relation` one level deeper, with this sub-problem on its path. */
  child(type: string, id: string, relation: string): SubProblem {
    return new SubProblem(type, id, relation, this.user, this.userKey, this, this.depth + 1);
  }

  /**
   * `type:id#relation@user`: the memo key. Built on first use (most sub-problems pruned by the
   * model never need it), then kept.
   */
  get key(): string {
    return (this.memoKey ??= `${this.type}:${this.id}#${this.relation}@${this.userKey}`);
  }

  /** `type:id#relation`, for messages. */
  get object(): string {
    return `${this.type}:${this.id}#${this.relation}`;
  }

  /**
   * Whether the same `object#relation` is already being resolved on this path. The user is the
   * same along a path, so comparing the object and relation suffices (and builds no strings).
   */
  onItsOwnPath(): boolean {
    for (let node = this.parent; node; node = node.parent) {
      if (node.id === this.id && node.relation === this.relation && node.type === this.type) return true;
    }
    return false;
  }
}

/** An evaluation of a recursive relation in flight, and the evaluations it waits on. */
export interface Task {
  waitsOn: Task[];
  done: boolean;
  /** The depth it started at. */
  depth: number;
  /** Its answer: a plain value once settled (a task that never waited is done at once). */
  outcome: MaybeOutcome;
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
