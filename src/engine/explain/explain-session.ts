// The Explain evaluator: the same rules as CheckSession (check/check-session.ts) — the same
// reads, type restrictions, condition evaluation, cycle and depth limits and set operators —
// but it records each step as it goes. It runs only when asked and shares nothing mutable with
// Check, so Check's hot path is unchanged.
//
// It evaluates operands one after another in model order and stops a union at its first granting
// branch, so an allowed answer has one path; a denied answer has every branch Check would try.
// Sub-problems answered once are reused (as Check's memo does), so the evaluation is a DAG; the
// renderer (render.ts) turns it into a bounded tree.

import type { RelationTuple, UserRef, Userset } from '../../model/index.js';
import { ErrorCode, RelataError, ValidationError, formatTuple, formatTupleUser, ownValue, tupleIdentity } from '../../model/index.js';
import type { ConditionEvaluator } from '../conditions/condition-port.js';
import { missingParametersError } from '../conditions/index.js';
import type { ModelIndex } from '../model-index.js';
import { childrenOf } from '../model-index.js';
import type { RequestReader } from '../read/request-reader.js';
import { ReverseClosure } from '../check/reverse-closure.js';
import { matchesUser } from '../check/check-session.js';
import type { Outcome } from '../check/set-operators.js';
import { ALLOWED, CYCLE, DENIED, failed } from '../check/set-operators.js';
import { SubProblem, tooDeep } from '../check/resolution-path.js';
import type { DenialReason, ExplainNode, ExplainedCondition, ExplainResultKind } from './explanation.js';

export interface Explained {
  outcome: Outcome;
  node: ExplainNode;
}

export interface ExplainSessionOptions {
  conditions: ConditionEvaluator;
  context?: Record<string, unknown>;
  maxDepth: number;
  maxSteps: number;
  /** `tupleIdentity` of the request's contextual tuples. */
  contextual: ReadonlySet<string>;
}

interface ConditionCheck {
  outcome: Outcome;
  condition?: ExplainedCondition;
}

export class ExplainSession {
  private readonly memo = new Map<string, { explained: Explained; depth: number }>();
  private readonly settled = new Map<string, Explained>();
  private readonly closures = new Map<string, ReverseClosure>();
  private steps = 0;

  constructor(
    private readonly model: ModelIndex,
    private readonly reads: RequestReader,
    private readonly options: ExplainSessionOptions,
  ) {}

  explain(object: { type: string; id: string }, relation: string, user: UserRef): Promise<Explained> {
    return this.resolve(SubProblem.root(object.type, object.id, relation, user));
  }

  private async resolve(sub: SubProblem): Promise<Explained> {
    const { type, id, relation, user } = sub;
    const object = sub.object;
    if (user.relation !== undefined && user.relation === relation && user.type === type && user.id === id) {
      return { outcome: ALLOWED, node: { step: 'self', result: 'allowed', object } };
    }
    if (sub.onItsOwnPath()) return { outcome: CYCLE, node: { step: 'relation', result: 'denied', object, reason: 'cycle' } };
    if (sub.depth > this.options.maxDepth) {
      const error = new RelataError(ErrorCode.AuthorizationModelResolutionTooComplex, `resolution depth exceeded ${this.options.maxDepth} levels at '${object}'`);
      return { outcome: failed(error), node: errorNode('relation', error, 'depth-limit', object) };
    }
    const rewrite = this.model.rewrite(type, relation);
    if (!rewrite || !this.model.canReach(type, relation, user.type, user.relation ?? '')) {
      return { outcome: DENIED, node: { step: 'relation', result: 'denied', object, reason: 'type-unreachable' } };
    }
    try {
      this.reads.throwIfAborted();
      this.steps += 1;
      if (this.steps > this.options.maxSteps) {
        throw new RelataError(ErrorCode.AuthorizationModelResolutionTooComplex, `the explanation needed more than ${this.options.maxSteps} steps`);
      }
    } catch (error) {
      const outcome = failed(error);
      return { outcome, node: errorNode('relation', outcome.error, 'error', object) };
    }
    if (this.model.isCyclic(type, relation)) {
      const known = this.settled.get(sub.key);
      if (known) return known;
      const explained = await this.relation(rewrite, sub);
      if (!explained.outcome.cycle && !explained.outcome.error) this.settled.set(sub.key, explained);
      return explained;
    }
    // As Check's memo: an answer that ran out of depth is recomputed when asked from higher up.
    const known = this.memo.get(sub.key);
    if (known && (sub.depth >= known.depth || !tooDeep(known.explained.outcome))) return known.explained;
    const explained = await this.relation(rewrite, sub);
    this.memo.set(sub.key, { explained, depth: sub.depth });
    return explained;
  }

  private async relation(rewrite: Userset, sub: SubProblem): Promise<Explained> {
    const inner = await this.evaluate(rewrite, sub);
    return { outcome: inner.outcome, node: { step: 'relation', result: resultOf(inner.outcome), object: sub.object, children: [inner.node] } };
  }

  private async evaluate(rewrite: Userset, sub: SubProblem): Promise<Explained> {
    const { type, id, relation, user } = sub;
    if ('this' in rewrite) {
      if (user.relation === undefined && this.model.isFlatDirect(type, relation)) return this.direct(sub, true);
      const usersetFits = user.relation === undefined || (user.type === type && user.relation === relation);
      if (usersetFits && this.model.isNestedMembership(type, relation)) return this.nested(sub);
      return this.direct(sub, false);
    }
    if ('computedUserset' in rewrite) {
      const target = rewrite.computedUserset.relation ?? '';
      const child = await this.resolve(sub.child(type, id, target));
      return { outcome: child.outcome, node: { step: 'computed-userset', result: resultOf(child.outcome), relation: target, children: [child.node] } };
    }
    if ('tupleToUserset' in rewrite) return this.tupleToUserset(sub, rewrite.tupleToUserset.tupleset.relation ?? '', rewrite.tupleToUserset.computedUserset.relation ?? '');
    if ('union' in rewrite) {
      const children: ExplainNode[] = [];
      const outcomes: Outcome[] = [];
      for (const child of childrenOf(rewrite)) {
        const explained = await this.evaluate(child, sub);
        children.push(explained.node);
        outcomes.push(explained.outcome);
        if (explained.outcome.allowed) break;
      }
      const outcome = anyOf(outcomes);
      return { outcome, node: operatorNode('union', outcome, children, 'no-branch-granted') };
    }
    if ('intersection' in rewrite) return this.intersection(childrenOf(rewrite), sub);
    return this.exclusion(rewrite.difference.base, rewrite.difference.subtract, sub);
  }

  /** As set-operators.ts `intersection`: in order, stopping at the first member that does not hold. */
  private async intersection(members: readonly Userset[], sub: SubProblem): Promise<Explained> {
    const children: ExplainNode[] = [];
    let error: RelataError | undefined;
    let outcome: Outcome | undefined;
    for (const [i, member] of members.entries()) {
      const explained = await this.evaluate(member, sub);
      children.push(explained.node);
      if (explained.outcome.error) {
        error ??= explained.outcome.error;
        continue;
      }
      if (!explained.outcome.allowed) {
        outcome = explained.outcome.cycle ? CYCLE : DENIED;
        for (let rest = i + 1; rest < members.length; rest++) children.push({ step: 'not-evaluated', result: 'denied' });
        break;
      }
    }
    outcome ??= members.length === 0 ? DENIED : error ? { allowed: false, error } : ALLOWED;
    return { outcome, node: operatorNode('intersection', outcome, children, 'intersection-member-missing') };
  }

  /** As set-operators.ts `exclusion`: the subtrahend is evaluated only where the base holds (or failed). */
  private async exclusion(baseRewrite: Userset, subtractRewrite: Userset, sub: SubProblem): Promise<Explained> {
    const base = await this.evaluate(baseRewrite, sub);
    const baseNode: ExplainNode = { ...base.node, role: 'base' };
    if (!base.outcome.allowed && !base.outcome.error) {
      const outcome = base.outcome.cycle ? CYCLE : DENIED;
      const skipped: ExplainNode = { step: 'not-evaluated', result: 'denied', role: 'subtract' };
      return { outcome, node: { step: 'exclusion', result: 'denied', reason: base.outcome.cycle ? 'cycle' : 'base-missing', children: [baseNode, skipped] } };
    }
    const subtract = await this.evaluate(subtractRewrite, sub);
    const children = [baseNode, { ...subtract.node, role: 'subtract' as const }];
    let outcome: Outcome;
    let reason: DenialReason | undefined;
    if (subtract.outcome.allowed) [outcome, reason] = [DENIED, 'excluded'];
    else if (base.outcome.error) [outcome, reason] = [{ allowed: false, error: base.outcome.error }, 'error'];
    else if (subtract.outcome.error) [outcome, reason] = [{ allowed: false, error: subtract.outcome.error }, 'error'];
    else if (subtract.outcome.cycle) [outcome, reason] = [CYCLE, 'cycle'];
    else outcome = ALLOWED;
    const node: ExplainNode = { step: 'exclusion', result: resultOf(outcome), children };
    if (reason) node.reason = reason;
    if (outcome.error) Object.assign(node, { errorCode: outcome.error.code, message: outcome.error.message });
    return { outcome, node };
  }

  /**
   * `[user, user:*, group#member]` as Check's `direct` (and `flatDirect`, which asks the same
   * question from the user's side): the tuples naming the user first, then the usersets.
   */
  private async direct(sub: SubProblem, flat: boolean): Promise<Explained> {
    const { type, id, relation, user } = sub;
    let tuples: RelationTuple[];
    try {
      tuples = flat
        ? await this.reads.userTuples(type, relation, user.type, user.id === '*' ? ['*'] : [user.id, '*'], id)
        : await this.reads.objectTuples(type, relation, id, this.model.readFilters(type, relation));
    } catch (error) {
      const outcome = failed(error);
      return { outcome, node: errorNode('direct', outcome.error, 'error', sub.object) };
    }
    const children: ExplainNode[] = [];
    const usersets: RelationTuple[] = [];
    let error: RelataError | undefined;
    for (const t of tuples) {
      if (!this.model.allowsUser(type, relation, t.userType, t.userId, t.userRelation, t.conditionName ?? '')) continue;
      if (t.userRelation !== '') {
        if (flat) continue;
        const same = user.relation === t.userRelation && user.type === t.userType && user.id === t.userId;
        if (!same) {
          if (this.model.canReach(t.userType, t.userRelation, user.type, user.relation ?? '')) usersets.push(t);
          continue;
        }
      } else if (!matchesUser(t, user)) {
        continue;
      }
      const met = await this.condition(t);
      children.push(this.tupleNode(t, met));
      if (met.outcome.allowed) return { outcome: ALLOWED, node: operatorNode('direct', ALLOWED, children, 'no-tuple', sub.object) };
      error ??= met.outcome.error;
    }
    const outcomes: Outcome[] = [];
    for (const t of usersets) {
      const explained = await this.through(t, sub.child(t.userType, t.userId, t.userRelation));
      children.push(explained.node);
      outcomes.push(explained.outcome);
      if (explained.outcome.allowed) break;
    }
    const viaUsersets = anyOf(outcomes);
    const outcome = viaUsersets.allowed || !error ? viaUsersets : { allowed: false, error };
    return { outcome, node: operatorNode('direct', outcome, children, children.length === 0 ? 'no-tuple' : 'no-branch-granted', sub.object) };
  }

  /** `relation from tupleset`: each parent the tupleset names, in the order read. */
  private async tupleToUserset(sub: SubProblem, tupleset: string, computed: string): Promise<Explained> {
    const { type, id } = sub;
    const header = { step: 'tuple-to-userset' as const, tupleset, relation: computed };
    let tuples: RelationTuple[];
    try {
      tuples = await this.reads.objectTuples(type, tupleset, id, this.model.readFilters(type, tupleset));
    } catch (error) {
      const outcome = failed(error);
      return { outcome, node: { ...errorNode('tuple-to-userset', outcome.error, 'error'), ...header } };
    }
    const parents = tuples.filter(
      (t) =>
        t.userRelation === '' &&
        t.userId !== '*' &&
        this.model.allowsUser(type, tupleset, t.userType, t.userId, '', t.conditionName ?? '') &&
        this.model.hasRelation(t.userType, computed),
    );
    const children: ExplainNode[] = [];
    const outcomes: Outcome[] = [];
    for (const t of parents) {
      const explained = await this.through(t, sub.child(t.userType, t.userId, computed));
      children.push(explained.node);
      outcomes.push(explained.outcome);
      if (explained.outcome.allowed) break;
    }
    const outcome = anyOf(outcomes);
    return { outcome, node: { ...operatorNode('tuple-to-userset', outcome, children, parents.length === 0 ? 'no-tuple' : 'no-branch-granted'), ...header } };
  }

  /** A userset or parent tuple: its condition, then the relation it leads to. */
  private async through(t: RelationTuple, next: SubProblem): Promise<Explained> {
    const met = await this.condition(t);
    if (!met.outcome.allowed) return { outcome: met.outcome, node: this.tupleNode(t, met) };
    const explained = await this.resolve(next);
    const node = this.tupleNode(t, { outcome: explained.outcome, condition: met.condition });
    node.children = [explained.node];
    if (!explained.outcome.allowed && !explained.outcome.error) node.reason = explained.node.reason === 'cycle' ? 'cycle' : 'no-branch-granted';
    return { outcome: explained.outcome, node };
  }

  /**
   * Recursive membership, as Check answers it: walking up from the user (reverse-closure.ts).
   * When allowed, the chain of memberships is found again top-down, descending only into groups
   * the walk reached, so it has no dead ends to explore.
   */
  private async nested(sub: SubProblem): Promise<Explained> {
    const { type, id, relation } = sub;
    const closure = this.closure(type, relation, sub);
    const outcome = await closure.contains(id);
    if (!outcome.allowed) {
      if (outcome.error) return { outcome, node: errorNode('nested-membership', outcome.error, outcome.error.code === ErrorCode.AuthorizationModelResolutionTooComplex ? 'depth-limit' : 'error', sub.object) };
      const message = `no tuple names the user, and no ${type}#${relation} the user is in (walked from the user's side) is in this one`;
      return { outcome, node: { step: 'nested-membership', result: 'denied', object: sub.object, reason: 'no-tuple', message } };
    }
    const chain = await this.membershipChain(sub, closure, id, new Set([id]));
    const node: ExplainNode = { step: 'nested-membership', result: 'allowed', object: sub.object, children: chain ? [chain] : [] };
    if (!chain) node.message = 'the chain of memberships could not be rebuilt (the store changed during the request)';
    return { outcome, node };
  }

  private async membershipChain(sub: SubProblem, closure: ReverseClosure, id: string, visited: Set<string>): Promise<ExplainNode | undefined> {
    const { type, relation, user } = sub;
    const tuples = await this.reads.objectTuples(type, relation, id, this.model.readFilters(type, relation));
    const usable = tuples.filter((t) => this.model.allowsUser(type, relation, t.userType, t.userId, t.userRelation, t.conditionName ?? ''));
    for (const t of usable) {
      const names = t.userRelation === '' ? matchesUser(t, user) : user.relation === t.userRelation && user.type === t.userType && user.id === t.userId;
      if (!names) continue;
      const met = await this.condition(t);
      if (met.outcome.allowed) return this.tupleNode(t, met);
    }
    for (const t of usable) {
      if (t.userType !== type || t.userRelation !== relation || visited.has(t.userId)) continue;
      if (!(await closure.contains(t.userId)).allowed) continue;
      const met = await this.condition(t);
      if (!met.outcome.allowed) continue;
      visited.add(t.userId);
      const below = await this.membershipChain(sub, closure, t.userId, visited);
      if (!below) continue;
      const node = this.tupleNode(t, met);
      node.children = [{ step: 'nested-membership', result: 'allowed', object: `${type}:${t.userId}#${relation}`, children: [below] }];
      return node;
    }
    return undefined;
  }

  private closure(type: string, relation: string, sub: SubProblem): ReverseClosure {
    const key = `${type}#${relation}@${sub.userKey}`;
    let closure = this.closures.get(key);
    if (!closure) {
      closure = new ReverseClosure(this.model, this.reads, type, relation, sub.user, this.options.maxDepth, async (t) => (await this.condition(t)).outcome);
      this.closures.set(key, closure);
    }
    return closure;
  }

  /** As Check's `condition`, plus the parameter values the condition saw. */
  private async condition(t: RelationTuple): Promise<ConditionCheck> {
    const name = t.conditionName;
    if (!name) return { outcome: ALLOWED };
    const parameters: Record<string, unknown> = {};
    const declared = ownValue(this.model.model.conditions, name)?.parameters ?? {};
    for (const parameter of Object.keys(declared)) {
      const value = ownValue(t.conditionContext, parameter) ?? ownValue(this.options.context, parameter);
      if (value !== undefined) Object.defineProperty(parameters, parameter, { value, enumerable: true, writable: true, configurable: true });
    }
    const condition: ExplainedCondition = { name, met: false, parameters };
    const what = `failed to evaluate relationship condition '${name}'`;
    try {
      const result = await this.options.conditions.evaluate(name, t.conditionContext, this.options.context);
      if (result.missingParameters.length > 0) {
        condition.missingParameters = result.missingParameters;
        return { outcome: failed(missingParametersError(name, formatTuple(t), result.missingParameters)), condition };
      }
      condition.met = result.met;
      return { outcome: result.met ? ALLOWED : DENIED, condition };
    } catch (error) {
      if (error instanceof RelataError) return { outcome: failed(error), condition };
      const message = `${what}: ${error instanceof Error ? error.message : String(error)}`;
      return { outcome: failed(new ValidationError(ErrorCode.ValidationError, message, { cause: error })), condition };
    }
  }

  private tupleNode(t: RelationTuple, met: ConditionCheck): ExplainNode {
    const node: ExplainNode = {
      step: 'tuple',
      result: resultOf(met.outcome),
      tuple: {
        object: `${t.objectType}:${t.objectId}`,
        relation: t.relation,
        user: formatTupleUser(t),
        ...(t.conditionName ? { condition: t.conditionName } : {}),
        contextual: this.options.contextual.has(tupleIdentity(t)),
        wildcard: t.userId === '*' && t.userRelation === '',
      },
    };
    if (met.condition) node.condition = met.condition;
    if (met.condition && !met.outcome.allowed) node.reason = met.outcome.error ? 'condition-error' : 'condition-false';
    if (met.outcome.error) Object.assign(node, { errorCode: met.outcome.error.code, message: met.outcome.error.message });
    return node;
  }
}

/** The union rule of set-operators.ts, over outcomes already known. */
function anyOf(outcomes: readonly Outcome[]): Outcome {
  if (outcomes.some((o) => o.allowed)) return ALLOWED;
  const error = outcomes.find((o) => o.error)?.error;
  if (error) return { allowed: false, error };
  return outcomes.some((o) => o.cycle) ? CYCLE : DENIED;
}

function resultOf(outcome: Outcome): ExplainResultKind {
  return outcome.allowed ? 'allowed' : outcome.error ? 'error' : 'denied';
}

function operatorNode(step: ExplainNode['step'], outcome: Outcome, children: ExplainNode[], denial: DenialReason, object?: string): ExplainNode {
  const node: ExplainNode = { step, result: resultOf(outcome), children };
  if (object !== undefined) node.object = object;
  if (!outcome.allowed) node.reason = outcome.error ? 'error' : outcome.cycle ? 'cycle' : denial;
  if (outcome.error) Object.assign(node, { errorCode: outcome.error.code, message: outcome.error.message });
  return node;
}

function errorNode(step: ExplainNode['step'], error: RelataError | undefined, reason: DenialReason, object?: string): ExplainNode {
  const node: ExplainNode = { step, result: 'error', reason, errorCode: error?.code, message: error?.message };
  if (object !== undefined) node.object = object;
  return node;
}
