// The Check evaluator for one request (or one batch of requests sharing contextual tuples and
// context). Each sub-problem "does object#relation include user" answers a plain outcome when
// everything it rests on is settled (reads the request already holds, memoized sub-problems,
// condition-free tuples) and a promise only when it waits on a read or a condition: a level whose
// reads are loaded is walked without a promise or a microtask. Reads of sibling sub-problems are
// coalesced by RequestReader into one batched read per graph level, and identical sub-problems
// are shared through a memo of their answers, in flight or settled.
//
// Cycles: a sub-problem already on its own resolution path is "not allowed" on that path (as in
// OpenFGA). Relations that cannot reach themselves in the model are memoized in flight: their
// answer does not depend on the path, and sharing them can never make two computations wait on
// each other. Recursive relations are shared in flight only when no wait cycle can form, and
// settled answers only when no cycle cut them short (see resolution-path.ts).

import type { ObjectRef, UserRef } from '../../model/index.js';
import { ErrorCode, RelataError, ValidationError, formatUser } from '../../model/index.js';
import type { ConditionEvaluator } from '../conditions/condition-port.js';
import { missingParametersError } from '../conditions/index.js';
import type { ModelIndex } from '../model-index.js';
import { childrenOf } from '../model-index.js';
import { ReverseClosure } from './reverse-closure.js';
import type { ClosureEdge } from '../read/tuple-reader.js';
import type { ClosureChain } from '../closure-plan.js';
import { closureChainOf, closureEdgeKey, membershipEdgeOf } from '../closure-plan.js';
import type { RequestReader } from '../read/request-reader.js';
import type { MaybeOutcome, Outcome } from './set-operators.js';
import { ALLOWED, CYCLE, DENIED, andThen, exclusion, failed, intersection, union, unionOf } from './set-operators.js';
import type { RelationTuple } from '../../model/index.js';
import { formatTuple } from '../../model/index.js';
import type { Userset } from '../../model/index.js';
import type { Task } from './resolution-path.js';
import { SubProblem, tooDeep, waitsOn } from './resolution-path.js';
import type { SubResult, SubResults } from './sub-results.js';

export interface CheckSessionOptions {
  conditions?: ConditionEvaluator;
  /** Request context for conditions. */
  context?: Record<string, unknown>;
  maxDepth: number;
  /** Sub-results settled by earlier requests (absent: this session starts from nothing). */
  subResults?: SubResults;
}

export class CheckSession {
  readonly model: ModelIndex;
  readonly reads: RequestReader;
  private readonly options: CheckSessionOptions;
  private readonly memo = new Map<string, { outcome: MaybeOutcome; depth: number }>();
  private readonly settled = new Map<string, Outcome>();
  private readonly running = new Map<string, Task>();
  private readonly closures = new Map<string, ReverseClosure>();
  /** Closure-index edges the store declined this request (it holds edges the index leaves out). */
  private readonly declinedEdges = new Set<string>();
  /** userMembership's answers, by edge and user. */
  private readonly userGroups = new Map<string, Promise<Map<string, RelationTuple[]> | undefined>>();

  constructor(model: ModelIndex, reads: RequestReader, options: CheckSessionOptions) {
    this.model = model;
    this.reads = reads;
    this.options = options;
  }

  /**
   * Does `object#relation` include `user`? Errors come back inside the outcome, never thrown. A
   * plain outcome when nothing had to be waited for.
   */
  check(object: ObjectRef, relation: string, user: UserRef): MaybeOutcome {
    const root = SubProblem.root(object.type, object.id, relation, user);
    const outcome = this.resolveRoot(root);
    // Answered without waiting: there is nothing left to walk ahead of.
    if (!(outcome instanceof Promise)) return outcome;
    this.readMembershipsWithSecondLevel(object, relation, user, outcome);
    const memberships = this.membershipsToPrefetch(object.type, relation, user);
    if (memberships.length > 0) {
      let answered = false;
      void outcome.then(
        () => (answered = true),
        () => (answered = true),
      );
      const prefetch = () => {
        for (const m of memberships) this.closure(m.type, m.relation, root).prefetch(() => !answered);
      };
      // With a reader that reads a level in one statement, the user-side walk's first level goes
      // in the same statement as the object's first level, and each later level with the object
      // side's: it costs no round trip. Otherwise it starts after the first level of reads (and
      // every microtask it set off), unless that answered: a direct grant reads nothing more.
      if (this.reads.readsLevels) prefetch();
      else void this.reads.whenQueuedReadsSettle().then(() => setImmediate(() => answered || prefetch()));
    }
    return outcome;
  }

  /**
   * The user's whole membership through the index rides in the second level's statement when the
   * first did not answer: every nested-membership question of the check is then answered from it.
   * Not in the first level's: there it taxed every check a direct grant answers with the rows of
   * all the user's groups and their ancestors (issue 18, h-shortpath A/B in docs/benchmarks.md). A membership
   * met before then (nestedMembership) is read at once, as before.
   */
  private readMembershipsWithSecondLevel(object: ObjectRef, relation: string, user: UserRef, outcome: Promise<Outcome>): void {
    if (!this.reads.readsMemberships || user.relation !== undefined) return;
    const edges = this.membershipsOnTheWay(object.type, relation, user)
      .map((m) => membershipEdgeOf(this.model, m.type, m.relation))
      .filter((edge) => this.closureEdgeUsable(edge));
    if (edges.length === 0) return;
    let answered = false;
    const settle = () => (answered = true);
    void outcome.then(settle, settle);
    // The first flush after this turn sends the first level; the hook it runs waits for the next.
    this.reads.beforeNextFlush(() =>
      this.reads.beforeNextFlush(() => {
        if (answered) return;
        for (const edge of edges) void this.userMembership(edge, user).catch(() => undefined);
      }),
    );
  }

  /**
   * The nested memberships (`group#member`) that `type#relation` may lead to and the user may be
   * in. Their user-side walks start alongside the object-side walk instead of when the first
   * `group:x#member` userset turns up levels later: a deep check then costs the longer of the two
   * walks, not their sum. Each walk is the one `closure().contains` would do anyway, so answers
   * do not change.
   */
  private membershipsToPrefetch(type: string, relation: string, user: UserRef): readonly { type: string; relation: string }[] {
    if (user.relation !== undefined) return [];
    return this.membershipsOnTheWay(type, relation, user)
      // The closure index answers those in one read when reached: nothing to walk ahead of it.
      .filter((m) => !this.closureEdgeUsable(membershipEdgeOf(this.model, m.type, m.relation)));
  }

  /** The nested memberships (`group#member`) that `type#relation` may lead to and the user may be in. */
  private membershipsOnTheWay(type: string, relation: string, user: UserRef): readonly { type: string; relation: string }[] {
    return this.model
      .nestedMemberships()
      .filter((m) => this.model.canReach(type, relation, m.type, m.relation) && this.model.canReach(m.type, m.relation, user.type, ''));
  }

  /**
   * The plain user's groups of `edge` through the index (RequestReader.membership), wildcard
   * grants included: group id -> the tuples that put the user there; undefined when declined.
   */
  private userMembership(edge: ClosureEdge, user: UserRef): Promise<Map<string, RelationTuple[]> | undefined> {
    const key = `${closureEdgeKey(edge)}>${formatUser(user)}`;
    let groups = this.userGroups.get(key);
    if (!groups) this.userGroups.set(key, (groups = this.readUserMembership(edge, user)));
    return groups;
  }

  private async readUserMembership(edge: ClosureEdge, user: UserRef): Promise<Map<string, RelationTuple[]> | undefined> {
    const ids = user.id === '*' ? ['*'] : [user.id, '*'];
    const answers = await Promise.all(ids.map((id) => this.reads.membership(edge, user.type, id)));
    const groups = new Map<string, RelationTuple[]>();
    for (const answer of answers) {
      if (!answer) return undefined;
      for (const [group, tuples] of answer) groups.set(group, [...(groups.get(group) ?? []), ...tuples]);
    }
    return groups;
  }

  /** The same question for many objects of one type at once (reads are batched across them). */
  async checkMany(objectType: string, objectIds: readonly string[], relation: string, user: UserRef): Promise<Map<string, Outcome>> {
    const userKey = formatUser(user);
    const outcomes = await Promise.all(objectIds.map((id) => this.resolveRoot(SubProblem.root(objectType, id, relation, user, userKey))));
    return new Map(objectIds.map((id, i) => [id, outcomes[i]]));
  }

  /** A question asked from outside: a throw or rejection anywhere below becomes a failed outcome. */
  private resolveRoot(root: SubProblem): MaybeOutcome {
    let outcome: MaybeOutcome;
    try {
      outcome = this.resolve(root);
    } catch (error) {
      return failed(error);
    }
    // Operators pass a lone operand's promise through as it is, rejection included.
    return outcome instanceof Promise ? outcome.then(undefined, failed) : outcome;
  }

  private resolve(sub: SubProblem): MaybeOutcome {
    const { type, id, relation, user } = sub;
    // A userset contains itself (OpenFGA: document:1#viewer is a viewer of document:1).
    if (user.relation !== undefined && user.relation === relation && user.type === type && user.id === id) return ALLOWED;
    if (sub.onItsOwnPath()) return CYCLE;
    if (sub.depth > this.options.maxDepth) {
      return failed(new RelataError(ErrorCode.AuthorizationModelResolutionTooComplex, `resolution depth exceeded ${this.options.maxDepth} levels at '${sub.object}'`));
    }
    const rewrite = this.model.rewrite(type, relation);
    // No chain of the model leads from this relation to the user's type: nothing to read.
    if (!rewrite || !this.model.canReach(type, relation, user.type, user.relation ?? '')) return DENIED;
    try {
      this.reads.throwIfAborted();
    } catch (error) {
      return failed(error);
    }
    const reusable = this.options.subResults !== undefined && this.model.isConditionFree(type, relation);
    // Asked only the first time this session meets the sub-problem (its own memo answers later).
    if (reusable && !this.memo.has(sub.key) && !this.settled.has(sub.key)) {
      const known = this.options.subResults?.get(type, id, relation, sub.userKey);
      if (known !== undefined) {
        if (known.expiresAt !== undefined) this.reads.noteExpiries([known]);
        return known.allowed ? ALLOWED : DENIED;
      }
    }
    if (this.model.isCyclic(type, relation)) return this.viaClosureChain(sub, rewrite) ?? this.resolveRecursive(sub, rewrite);
    const key = sub.key;
    const known = this.memo.get(key);
    if (known) {
      // Asked first from deeper down, it may have run out of depth where this caller would not.
      // The shallower retry replaces the entry, so each sub-problem is evaluated at most once per
      // depth: re-asking a shared branch from ever shallower depths (r_i: r_(i-1) or r_(i-2))
      // would otherwise cost exponential time.
      if (sub.depth >= known.depth) return known.outcome;
      const retried = andThen(known.outcome, (o) => (tooDeep(o) ? this.evaluate(rewrite, sub) : o));
      this.remember(key, retried, sub.depth);
      return retried;
    }
    const outcome = this.evaluate(rewrite, sub);
    this.remember(key, outcome, sub.depth);
    if (reusable) this.share(sub, outcome);
    return outcome;
  }

  /** Memoizes an answer; one in flight is replaced by its value when it settles, for later askers. */
  private remember(key: string, outcome: MaybeOutcome, depth: number): void {
    const entry = { outcome, depth };
    this.memo.set(key, entry);
    if (outcome instanceof Promise) {
      void outcome.then(
        (o) => (entry.outcome = o),
        () => undefined,
      );
    }
  }

  /**
   * An answer as later requests may reuse it. Its expiry bound is the earliest expiry of every
   * tuple this session has seen so far: a superset of the tuples under the answer (they were all
   * read, or inherited from reused answers, before it settled), so never later than theirs.
   */
  private settledResult(outcome: Outcome): SubResult {
    const expiresAt = this.reads.earliestExpiry;
    return expiresAt === undefined ? { allowed: outcome.allowed } : { allowed: outcome.allowed, expiresAt };
  }

  /** Hands a settled answer to later requests, when no cycle or error makes it path-dependent. */
  private share(sub: SubProblem, outcome: MaybeOutcome): void {
    if (outcome instanceof Promise) {
      void outcome.then(
        (o) => this.share(sub, o),
        () => undefined,
      );
    } else if (!outcome.cycle && !outcome.error) {
      this.options.subResults?.set(sub.type, sub.id, sub.relation, sub.userKey, this.settledResult(outcome));
    }
  }

  /**
   * A recursive relation. Its answer may be shared while in flight only when that cannot close a
   * wait cycle (the running task does not already wait, transitively, on the asking one), and an
   * answer cut short by a cycle on another path is recomputed on this one. Without sharing, chains
   * of diamonds in the data (a group reached through two parents, repeatedly) cost 2^n.
   */
  private resolveRecursive(sub: SubProblem, rewrite: Userset): MaybeOutcome {
    const settled = this.settled.get(sub.key);
    if (settled) return settled;
    const parent = sub.parent?.task;
    const running = this.running.get(sub.key);
    if (running && !(parent && waitsOn(running, parent))) {
      parent?.waitsOn.push(running);
      return andThen(running.outcome, (outcome) =>
        outcome.cycle || (sub.depth < running.depth && tooDeep(outcome)) ? this.startTask(sub, rewrite) : outcome,
      );
    }
    return this.startTask(sub, rewrite);
  }

  /**
   * Evaluates a recursive sub-problem as a task others on other paths may wait on. While its
   * evaluation runs synchronously only its own descendants run, and they meet it as a cycle on
   * their path before they could look it up: nobody sees its placeholder outcome.
   */
  private startTask(sub: SubProblem, rewrite: Userset): MaybeOutcome {
    const key = sub.key;
    const task: Task = { waitsOn: [], done: false, depth: sub.depth, outcome: DENIED };
    sub.parent?.task?.waitsOn.push(task);
    if (!this.running.has(key)) this.running.set(key, task);
    sub.task = task;
    const outcome = this.evaluate(rewrite, sub);
    // Inline callback: a named function value would be named at run time by the loader, per task.
    task.outcome = outcome instanceof Promise ? outcome.then((o) => this.finishTask(task, sub, o)) : this.finishTask(task, sub, outcome);
    return task.outcome;
  }

  private finishTask(task: Task, sub: SubProblem, outcome: Outcome): Outcome {
    const key = sub.key;
    task.done = true;
    task.outcome = outcome;
    if (this.running.get(key) === task) this.running.delete(key);
    // Only an answer no cycle cut short is independent of the path that asked for it.
    if (!outcome.cycle && !outcome.error) {
      this.settled.set(key, outcome);
      if (this.options.subResults && this.model.isConditionFree(sub.type, sub.relation)) this.options.subResults.set(sub.type, sub.id, sub.relation, sub.userKey, this.settledResult(outcome));
    }
    return outcome;
  }

  private evaluate(rewrite: Userset, sub: SubProblem): MaybeOutcome {
    const { type, id, relation, user } = sub;
    if ('this' in rewrite) {
      if (user.relation === undefined && this.model.isFlatDirect(type, relation)) return this.flatDirect(sub);
      // A userset user can only enter nested membership as the nested userset itself.
      const usersetFits = user.relation === undefined || (user.type === type && user.relation === relation);
      if (usersetFits && this.model.isNestedMembership(type, relation)) return this.nestedMembership(sub);
      return this.direct(sub);
    }
    if ('computedUserset' in rewrite) return this.resolve(sub.child(type, id, rewrite.computedUserset.relation ?? ''));
    if ('tupleToUserset' in rewrite) {
      const { tupleset, computedUserset } = rewrite.tupleToUserset;
      return this.tupleToUserset(sub, tupleset.relation ?? '', computedUserset.relation ?? '');
    }
    // Inline callbacks: a named function value would be named at run time by the loader, per call.
    if ('union' in rewrite) return unionOf(childrenOf(rewrite), (child) => this.evaluate(child, sub));
    if ('intersection' in rewrite) return intersection(childrenOf(rewrite).map((child) => () => this.evaluate(child, sub)));
    const { base, subtract } = rewrite.difference;
    return exclusion(
      () => this.evaluate(base, sub),
      () => this.evaluate(subtract, sub),
    );
  }

  /** `[user, user:*, group#member]`: tuples on the object itself, then the usersets they name. */
  private direct(sub: SubProblem): MaybeOutcome {
    const { type, id, relation } = sub;
    let tuples: RelationTuple[] | Promise<RelationTuple[]>;
    try {
      tuples = this.reads.objectTuples(type, relation, id, this.model.readFilters(type, relation));
    } catch (error) {
      return failed(error);
    }
    return tuples instanceof Promise ? tuples.then((loaded) => this.directOn(sub, loaded), failed) : this.directOn(sub, tuples);
  }

  private directOn(sub: SubProblem, tuples: readonly RelationTuple[]): MaybeOutcome {
    const { type, relation, user } = sub;
    const grants: RelationTuple[] = [];
    const usersets: RelationTuple[] = [];
    for (const t of tuples) {
      if (!this.model.allowsUser(type, relation, t.userType, t.userId, t.userRelation, t.conditionName ?? '')) continue;
      if (t.userRelation !== '') {
        const same = user.relation === t.userRelation && user.type === t.userType && user.id === t.userId;
        if (!same) {
          if (this.mayLeadTo(t.userType, t.userRelation, user)) usersets.push(t);
          continue;
        }
      } else if (!matchesUser(t, user)) {
        continue;
      }
      grants.push(t);
    }
    const granted = this.anyMet(grants);
    return granted instanceof Promise ? granted.then((g) => this.viaUsersets(sub, g, usersets)) : this.viaUsersets(sub, granted, usersets);
  }

  /** After the direct grants (`granted`) did not allow: the usersets; a grant's error stands unless one allows. */
  private viaUsersets(sub: SubProblem, granted: Outcome, usersets: readonly RelationTuple[]): MaybeOutcome {
    if (granted.allowed || usersets.length === 0) return granted;
    const outcome = unionOf(usersets, (t) => this.viaTuple(sub, t, t.userRelation));
    const error = granted.error;
    if (!error) return outcome;
    return andThen(outcome, (o) => (o.allowed ? o : { allowed: false, error }));
  }

  /** `t.user#relation` one level down, when `t`'s condition is met. */
  private viaTuple(sub: SubProblem, t: RelationTuple, relation: string): MaybeOutcome {
    const met = this.condition(t);
    if (met instanceof Promise) return met.then((m) => (m.allowed ? this.resolve(sub.child(t.userType, t.userId, relation)) : m));
    return met.allowed ? this.resolve(sub.child(t.userType, t.userId, relation)) : met;
  }

  /** Allowed at the first tuple whose condition is met (in order); else the first condition error, or denied. */
  private anyMet(tuples: readonly RelationTuple[], from = 0, error?: RelataError): MaybeOutcome {
    for (let i = from; i < tuples.length; i++) {
      const met = this.condition(tuples[i]!);
      if (met instanceof Promise) return met.then((m) => (m.allowed ? ALLOWED : this.anyMet(tuples, i + 1, error ?? m.error)));
      if (met.allowed) return ALLOWED;
      error ??= met.error;
    }
    return error ? { allowed: false, error } : DENIED;
  }

  /** The user-side walk of nested `type#relation` for the sub-problem's user (any object). */
  private closure(type: string, relation: string, sub: SubProblem): ReverseClosure {
    const key = `${type}#${relation}@${sub.userKey}`;
    let closure = this.closures.get(key);
    if (!closure) {
      closure = new ReverseClosure(this.model, this.reads, type, relation, sub.user, this.options.maxDepth, (t) => this.condition(t));
      this.closures.set(key, closure);
    }
    return closure;
  }

  /**
   * `[user, user:*]` only: asks "which of these objects name this user" from the user's side
   * (readByUsers narrowed to the objects), so a level of 50 groups costs one selective read
   * instead of loading every member of the 50 groups.
   */
  private flatDirect(sub: SubProblem): MaybeOutcome {
    const { type, id, relation, user } = sub;
    let tuples: RelationTuple[] | Promise<RelationTuple[]>;
    try {
      tuples = this.reads.userTuples(type, relation, user.type, user.id === '*' ? ['*'] : [user.id, '*'], id);
    } catch (error) {
      return failed(error);
    }
    return tuples instanceof Promise ? tuples.then((loaded) => this.flatDirectOn(sub, loaded), failed) : this.flatDirectOn(sub, tuples);
  }

  private flatDirectOn(sub: SubProblem, tuples: readonly RelationTuple[]): MaybeOutcome {
    const { type, relation, user } = sub;
    const grants = tuples.filter((t) => t.userRelation === '' && matchesUser(t, user) && this.model.allowsUser(type, relation, t.userType, t.userId, '', t.conditionName ?? ''));
    return this.anyMet(grants);
  }

  /** `relation from tupleset`: every parent object named by the tupleset, evaluated together. */
  private tupleToUserset(sub: SubProblem, tupleset: string, computed: string, skipParentType?: string): MaybeOutcome {
    const { type, id } = sub;
    let tuples: RelationTuple[] | Promise<RelationTuple[]>;
    try {
      tuples = this.reads.objectTuples(type, tupleset, id, this.model.readFilters(type, tupleset));
    } catch (error) {
      return failed(error);
    }
    if (tuples instanceof Promise) return tuples.then((loaded) => this.viaParents(sub, loaded, tupleset, computed, skipParentType), failed);
    return this.viaParents(sub, tuples, tupleset, computed, skipParentType);
  }

  private viaParents(sub: SubProblem, tuples: readonly RelationTuple[], tupleset: string, computed: string, skipParentType: string | undefined): MaybeOutcome {
    const { type } = sub;
    const parents = tuples.filter(
      (t) =>
        t.userRelation === '' &&
        t.userId !== '*' &&
        t.userType !== skipParentType &&
        this.model.allowsUser(type, tupleset, t.userType, t.userId, '', t.conditionName ?? '') &&
        // A parent type without the relation contributes nothing (OpenFGA skips it).
        this.model.hasRelation(t.userType, computed),
    );
    return unionOf(parents, (t) => this.viaTuple(sub, t, computed));
  }

  // --- The closure index (Leopard, issue 18; closure-plan.ts says where it is exact). Each
  // path falls back to the walk when the reader has no index or declines the edge for this store.

  private closureEdgeUsable(edge: ClosureEdge | undefined): edge is ClosureEdge {
    return edge !== undefined && this.reads.hasClosureIndex && !this.declinedEdges.has(closureEdgeKey(edge));
  }

  /** Nested membership: the user's tuples on the object or any group nested in it, in one read. */
  private nestedMembership(sub: SubProblem): Promise<Outcome> {
    const { type, id, relation, user } = sub;
    const edge = membershipEdgeOf(this.model, type, relation);
    if (!this.closureEdgeUsable(edge)) return this.closure(type, relation, sub).contains(id);
    const users =
      user.relation === undefined
        ? { userType: user.type, userIds: user.id === '*' ? ['*'] : [user.id, '*'], userRelation: '' }
        : { userType: user.type, userIds: [user.id], userRelation: user.relation };
    const read =
      user.relation === undefined && this.reads.readsMemberships
        ? this.userMembership(edge, user).then((groups) => groups && (groups.get(id) ?? []))
        : this.reads.closureTuples(edge, users, id);
    return read.then((tuples) => {
      if (!tuples) {
        this.declinedEdges.add(closureEdgeKey(edge));
        return this.closure(type, relation, sub).contains(id);
      }
      const grants = tuples.filter(
        (t) => this.model.allowsUser(type, relation, t.userType, t.userId, t.userRelation, t.conditionName ?? '') && (t.userRelation !== '' || matchesUser(t, user)),
      );
      return this.anyMet(grants);
    }, failed);
  }

  /**
   * A tupleset chain (`viewer: ... or viewer from parent`, `parent: [folder]`): the object and
   * every ancestor the index names, each evaluated on this node alone (chainNode), all at once.
   * The object itself is evaluated while the index is asked for its ancestors, so a grant on it
   * costs no extra round trip. Undefined when the index does not apply (then: walk).
   */
  private viaClosureChain(sub: SubProblem, rewrite: Userset): MaybeOutcome | undefined {
    const chain = closureChainOf(this.model, sub.type, sub.relation);
    if (!chain || !this.closureEdgeUsable(chain.edge)) return undefined;
    const edge = chain.edge;
    const ancestors = () =>
      this.reads.closure(edge, sub.id).then((reached) => {
        if (!reached) {
          this.declinedEdges.add(closureEdgeKey(edge));
          return this.resolveRecursive(sub, rewrite);
        }
        return union(reached.filter((id) => id !== sub.id).map((id) => () => this.chainNode(sub.child(sub.type, id, sub.relation), chain)));
      }, failed);
    return union([() => this.chainNode(sub, chain), ancestors]);
  }

  /**
   * The chain's relation on one node alone: every branch but the recursion through parents of
   * the node's own type. A branch that is itself a chain over the same edge (`writer` in
   * `reader: ... or writer or reader from parent`) is taken on this node alone too: the nodes of
   * a chain are closed under the edge, so the union over all of them loses nothing. Each answer
   * is a subset of the relation's, so an "allowed" is always right.
   */
  private chainNode(node: SubProblem, chain: ClosureChain): MaybeOutcome {
    const rewrite = this.model.rewrite(node.type, node.relation);
    if (!rewrite) return DENIED;
    const branches = 'union' in rewrite ? childrenOf(rewrite) : [rewrite];
    return union(
      branches.map((branch) => () => {
        if (branch === chain.recursive) return this.tupleToUserset(node, chain.edge.relation, node.relation, node.type);
        if ('computedUserset' in branch) {
          const relation = branch.computedUserset.relation ?? '';
          const sibling = closureChainOf(this.model, node.type, relation);
          if (sibling && closureEdgeKey(sibling.edge) === closureEdgeKey(chain.edge)) return this.chainNode(node.child(node.type, node.id, relation), sibling);
        }
        return this.evaluate(branch, node);
      }),
    );
  }

  /** Whether `t`'s condition is met; a tuple without one is met at once, without a promise. */
  private condition(t: RelationTuple): MaybeOutcome {
    const name = t.conditionName;
    return name ? this.evaluateCondition(name, t) : ALLOWED;
  }

  private async evaluateCondition(name: string, t: RelationTuple): Promise<Outcome> {
    const evaluator = this.options.conditions;
    const what = `failed to evaluate relationship condition '${name}'`;
    if (!evaluator) return failed(new ValidationError(ErrorCode.ValidationError, `${what}: conditions are not enabled`));
    try {
      const result = await evaluator.evaluate(name, t.conditionContext, this.options.context);
      if (result.missingParameters.length > 0) {
        return failed(missingParametersError(name, formatTuple(t), result.missingParameters));
      }
      return result.met ? ALLOWED : DENIED;
    } catch (error) {
      if (error instanceof RelataError) return failed(error);
      return failed(new ValidationError(ErrorCode.ValidationError, `${what}: ${error instanceof Error ? error.message : String(error)}`, { cause: error }));
    }
  }

  /** Prunes usersets whose relation can never contain a user of the requested type. */
  private mayLeadTo(type: string, relation: string, user: UserRef): boolean {
    return this.model.canReach(type, relation, user.type, user.relation ?? '');
  }
}

/** Whether a plain or wildcard tuple names the user (a wildcard user matches only wildcard tuples). */
export function matchesUser(t: RelationTuple, user: UserRef): boolean {
  if (user.relation !== undefined || t.userType !== user.type) return false;
  if (user.id === '*') return t.userId === '*';
  return t.userId === user.id || t.userId === '*';
}
