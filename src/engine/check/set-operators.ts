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
 * Evaluates every operand concurrently and answers as soon as one is allowed. Each operand costs
 * its own promise and nothing more (one pair of callbacks serves them all): a union sits on
 * every level of a walk.
 */
export function union(operands: readonly Operand[]): Promise<Outcome> {
  if (operands.length === 0) return Promise.resolve(DENIED);
  if (operands.length === 1) return settle(operands[0]);
  return new Promise((resolve) => {
    let remaining = operands.length;
    let error: RelataError | undefined;
    let cycle = false;
    let done = false;
    const onOutcome = (outcome: Outcome): void => {
      if (done) return;
      if (outcome.allowed) {
        done = true;
        resolve(ALLOWED);
        return;
      }
      error ??= outcome.error;
      cycle ||= outcome.cycle === true;
      remaining -= 1;
      if (remaining === 0) {
        done = true;
        resolve(error ? { allowed: false, error } : cycle ? CYCLE : DENIED);
      }
    };
    const onError = (reason: unknown): void => onOutcome(failed(reason));
    for (const operand of operands) {
      let outcome: Promise<Outcome>;
      try {
        outcome = operand();
      } catch (reason) {
        onError(reason);
        continue;
      }
      void outcome.then(onOutcome, onError);
    }
  });
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
