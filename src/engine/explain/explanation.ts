// The shape of an explanation: why a Check is allowed (the one path of tuples and rewrite steps
// that granted it) or denied (the branches tried and why each failed). Plain data, so that the
// service, the transports and the CLI can send or print it as it is.
import type { RelataError } from '../../model/index.js';

/** One step of the evaluation: a relation asked, a rewrite operator, or one tuple. */
export type ExplainStep =
  /** `type:id#relation` asked of the user; its one child is the relation's rewrite. */
  | 'relation'
  /** A userset user asked of its own object and relation: it contains itself. */
  | 'self'
  /** `[types...]`: the tuples on the object itself; children are the tuples that matched. */
  | 'direct'
  /** `[..., group#member]` recursive membership, answered by walking up from the user. */
  | 'nested-membership'
  | 'computed-userset'
  | 'tuple-to-userset'
  | 'union'
  | 'intersection'
  | 'exclusion'
  /** One tuple; a userset or tuple-to-userset parent has the relation it leads to as its child. */
  | 'tuple'
  /** An operand Check never evaluates (an intersection stopped early, a subtrahend of a denied base). */
  | 'not-evaluated'
  /** The same sub-problem already explained earlier in this tree (not repeated). */
  | 'repeated';

export type ExplainResultKind = 'allowed' | 'denied' | 'error';

/** Why a step did not grant. */
export type DenialReason =
  /** No tuple names the user (or a userset or parent that could lead to it). */
  | 'no-tuple'
  /** Every tuple, userset or branch was tried and none granted. */
  | 'no-branch-granted'
  /** A tuple's condition evaluated to false (see `condition.parameters`). */
  | 'condition-false'
  /** A tuple's condition could not be evaluated (missing parameter, wrong type). */
  | 'condition-error'
  /** `but not`: the subtracted relation holds. */
  | 'excluded'
  /** `but not`: the base relation does not hold. */
  | 'base-missing'
  /** `and`: one member of the intersection does not hold. */
  | 'intersection-member-missing'
  /** The sub-problem is already being resolved on this path (a cycle in the data). */
  | 'cycle'
  /** The resolution depth limit was reached. */
  | 'depth-limit'
  /** The model has no chain from this relation to the user's type: nothing was read. */
  | 'type-unreachable'
  /** Another error (a read failed, the request was cancelled, the explanation grew too complex). */
  | 'error';

export interface ExplainedTuple {
  object: string;
  relation: string;
  user: string;
  condition?: string;
  /** The tuple came with the request (a contextual tuple), not from the store. */
  contextual: boolean;
  /** The tuple grants a typed wildcard (`user:*`). */
  wildcard: boolean;
}

export interface ExplainedCondition {
  name: string;
  met: boolean;
  /** The values of the condition's declared parameters it saw (the tuple's context over the request's). */
  parameters: Record<string, unknown>;
  /** Declared parameters neither the tuple nor the request supplied. */
  missingParameters?: string[];
}

export interface ExplainNode {
  step: ExplainStep;
  result: ExplainResultKind;
  /** `type:id#relation` for relation, self, direct, nested-membership and repeated steps. */
  object?: string;
  /** The relation a computed userset or tuple-to-userset leads to. */
  relation?: string;
  /** The tupleset relation of a tuple-to-userset. */
  tupleset?: string;
  /** The operand's role in an exclusion. */
  role?: 'base' | 'subtract';
  reason?: DenialReason;
  tuple?: ExplainedTuple;
  condition?: ExplainedCondition;
  /** Error code and message, or a note on a denial. */
  errorCode?: number;
  message?: string;
  children?: ExplainNode[];
  /** Children left out because the explanation reached its node cap. */
  omittedChildren?: number;
}

export interface ExplainResult {
  /** Check's verdict. */
  allowed: boolean;
  /** Set when Check would have failed with this error instead of answering. */
  error?: RelataError;
  root: ExplainNode;
  /** How many nodes `root` holds. */
  nodeCount: number;
  /** True when the node cap cut the tree (the verdict is complete; the tree is not). */
  truncated: boolean;
  readCount: number;
}

export interface ExplainLimits {
  /** Most nodes in the returned tree (default 500). */
  maxNodes: number;
  /** Most sub-problems evaluated before the explanation gives up as too complex (default 100 000). */
  maxSteps: number;
}

export const defaultExplainLimits: ExplainLimits = { maxNodes: 500, maxSteps: 100_000 };
export const maxExplainNodes = 10_000;
