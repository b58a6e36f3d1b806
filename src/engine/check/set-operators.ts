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

export type Operand = () => Promise<Outcome>;

export const ALLOWED: Outcome = Object.freeze({ allowed: true });
export const DENIED: Outcome = Object.freeze({ allowed: false });
export const CYCLE: Outcome = Object.freeze({ allowed: false, cycle: true });

export function failed(error: unknown): Outcome {
  return { allowed: false, error: error instanceof RelataError ? error : new InternalError(undefined, { cause: error }) };
}

/** The operand's outcome, a throw or rejection turned into a failed outcome. */
function settle(operand: Operand): Promise<Outcome> {
  try {
    return operand().then(undefined, failed);
  } catch (error) {
    return Promise.resolve(failed(error));
  }
}

/**
 * Evaluates every operand concurrently and answers as soon as one is allowed. A union sits on every
 * level of a walk: each operand costs its own promise and two small callbacks, nothing more.
 */
export function union(operands: readonly Operand[]): Promise<Outcome> {
  if (operands.length === 0) return Promise.resolve(DENIED);
  if (operands.length === 1) return settle(operands[0]);
  return new Promise((resolve) => {
    const state = new UnionState(resolve, operands.length);
    for (const operand of operands) {
      let outcome: Promise<Outcome>;
      try {
        outcome = operand();
      } catch (reason) {
        state.take(failed(reason));
        continue;
      }
      // Inline callbacks: named function values would each be named at run time by the loader.
      void outcome.then(
        (o) => state.take(o),
        (reason: unknown) => state.take(failed(reason)),
      );
    }
  });
}

/** A union's operands answered so far. */
class UnionState {
  private error: RelataError | undefined;
  private cycle = false;
  private done = false;

  constructor(
    private readonly resolve: (outcome: Outcome) => void,
    private remaining: number,
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
export async function intersection(operands: readonly Operand[]): Promise<Outcome> {
  if (operands.length === 0) return DENIED;
  let error: RelataError | undefined;
  for (const operand of operands) {
    const outcome = await settle(operand);
    if (outcome.error) {
      error ??= outcome.error;
      continue;
    }
    if (!outcome.allowed) return outcome.cycle ? CYCLE : DENIED;
  }
  return error ? { allowed: false, error } : ALLOWED;
}

/** `base but not subtract`: the subtrahend is evaluated only where the base holds. */
export async function exclusion(base: Operand, subtract: Operand): Promise<Outcome> {
  const b = await settle(base);
  if (!b.allowed && !b.error) return b.cycle ? CYCLE : DENIED;
  const s = await settle(subtract);
  if (s.allowed) return DENIED;
  if (b.error) return { allowed: false, error: b.error };
  if (s.error) return { allowed: false, error: s.error };
  // A cycle in the subtrahend means "base but not (something that depends on itself)": OpenFGA
  // answers "not allowed" rather than guessing.
  if (s.cycle) return CYCLE;
  return ALLOWED;
}
