// Union, intersection and exclusion as pure reducers over lazy operands, with OpenFGA's rules for
// errors and cycles: a decisive answer beats an error (one true operand makes a union true even
// when another failed), an error beats an undecided answer, and a path that runs into a cycle
// counts as "not allowed" on that path.

import { InternalError, RelataError } from '../../model/index.js';

export interface Outcome {
  allowed: boolean;
  /** The answer was cut short by a cycle in the data; never cached across paths. */
  cycle?: boolean;
  /** The answer could not be decided (missing condition parameter, depth limit, read failure). */
  error?: RelataError;
}

/**
 * An outcome, or the promise of one when it waits on a read or an asynchronous condition. What is
 * already settled (a memoized read or sub-problem, a condition-free tuple) stays a plain value, so
 * a walk over loaded reads allocates no promise and queues no microtask.
 */
export type MaybeOutcome = Outcome | Promise<Outcome>;

export type Operand = () => MaybeOutcome;

export const ALLOWED: Outcome = Object.freeze({ allowed: true });
export const DENIED: Outcome = Object.freeze({ allowed: false });
export const CYCLE: Outcome = Object.freeze({ allowed: false, cycle: true });

export function failed(error: unknown): Outcome {
  return { allowed: false, error: error instanceof RelataError ? error : new InternalError(undefined, { cause: error }) };
}

/** `next(outcome)`, now when the outcome is settled, else when it settles. */
export function andThen(outcome: MaybeOutcome, next: (outcome: Outcome) => MaybeOutcome): MaybeOutcome {
  return outcome instanceof Promise ? outcome.then(next) : next(outcome);
}

/** The operand's outcome, a throw or rejection turned into a failed outcome. */
function settle(operand: Operand): MaybeOutcome {
  try {
    const outcome = operand();
    return outcome instanceof Promise ? outcome.then(undefined, failed) : outcome;
  } catch (error) {
    return failed(error);
  }
}

/**
 * Evaluates every operand concurrently and answers as soon as one is allowed. Operands that answer
 * at once are folded in at once: when all do, so does the union (and an allowed one stops it
 * before the rest are asked). Only operands still waiting cost a promise and two callbacks each,
 * and a lone one none.
 */
export function union(operands: readonly Operand[]): MaybeOutcome {
  return unionOf(operands, ask);
}

function ask(operand: Operand): MaybeOutcome {
  return operand();
}

/**
 * `union(items.map((item) => () => operand(item)))` without a closure per item: a union sits on
 * every level of a walk, and its operands are usually the same question over several items.
 */
export function unionOf<T>(items: readonly T[], operand: (item: T) => MaybeOutcome): MaybeOutcome {
  let error: RelataError | undefined;
  let cycle = false;
  let waiting: Promise<Outcome>[] | undefined;
  for (const item of items) {
    let outcome: MaybeOutcome;
    try {
      outcome = operand(item);
    } catch (reason) {
      outcome = failed(reason);
    }
    if (outcome instanceof Promise) {
      (waiting ??= []).push(outcome);
      continue;
    }
    if (outcome.allowed) return ALLOWED;
    error ??= outcome.error;
    cycle ||= outcome.cycle === true;
  }
  if (!waiting) return error ? { allowed: false, error } : cycle ? CYCLE : DENIED;
  // The others all denied outright: the union's answer is this operand's. A rejection passes
  // through to the asker, which turns it into a failed outcome as any operand's (at the latest
  // CheckSession's resolveRoot).
  if (waiting.length === 1 && !error && !cycle) return waiting[0]!;
  const pending = waiting;
  return new Promise((resolve) => {
    const state = new UnionState(resolve, pending.length, error, cycle);
    // Inline callbacks: named function values would each be named at run time by the loader.
    for (const outcome of pending) {
      void outcome.then(
        (o) => state.take(o),
        (reason: unknown) => state.take(failed(reason)),
      );
    }
  });
}

/** A union's operands answered so far. */
class UnionState {
  private done = false;

  constructor(
    private readonly resolve: (outcome: Outcome) => void,
    private remaining: number,
    private error: RelataError | undefined,
    private cycle: boolean,
  ) {}

  take(outcome: Outcome): void {
    if (this.done) return;
    if (outcome.allowed) {
      this.done = true;
      this.resolve(ALLOWED);
      return;
    }
    this.error ??= outcome.error;
    this.cycle ||= outcome.cycle === true;
    this.remaining -= 1;
    if (this.remaining === 0) {
      this.done = true;
      this.resolve(this.error ? { allowed: false, error: this.error } : this.cycle ? CYCLE : DENIED);
    }
  }
}

/**
 * Evaluates operands in order and stops at the first one that is not allowed, so that later
 * operands run only for objects that survived the earlier ones.
 */
export function intersection(operands: readonly Operand[]): MaybeOutcome {
  return operands.length === 0 ? DENIED : intersectionFrom(operands, 0, undefined);
}

/** The intersection of `operands[from..]`, `error` the first error met before them. */
function intersectionFrom(operands: readonly Operand[], from: number, error: RelataError | undefined): MaybeOutcome {
  for (let i = from; i < operands.length; i++) {
    const outcome = settle(operands[i]!);
    if (outcome instanceof Promise) {
      return outcome.then((o) => (o.error || o.allowed ? intersectionFrom(operands, i + 1, error ?? o.error) : o.cycle ? CYCLE : DENIED));
    }
    if (outcome.error) {
      error ??= outcome.error;
      continue;
    }
    if (!outcome.allowed) return outcome.cycle ? CYCLE : DENIED;
  }
  return error ? { allowed: false, error } : ALLOWED;
}

/** `base but not subtract`: the subtrahend is evaluated only where the base holds. */
export function exclusion(base: Operand, subtract: Operand): MaybeOutcome {
  return andThen(settle(base), (b) => {
    if (!b.allowed && !b.error) return b.cycle ? CYCLE : DENIED;
    return andThen(settle(subtract), (s) => {
      if (s.allowed) return DENIED;
      if (b.error) return { allowed: false, error: b.error };
      if (s.error) return { allowed: false, error: s.error };
      // A cycle in the subtrahend means "base but not (something that depends on itself)": OpenFGA
      // answers "not allowed" rather than guessing.
      if (s.cycle) return CYCLE;
      return ALLOWED;
    });
  });
}
